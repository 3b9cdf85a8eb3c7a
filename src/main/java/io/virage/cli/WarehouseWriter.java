package io.virage.cli;

/**
 * Marks a command that writes the warehouse: {@link VirageCli} holds the warehouse lock
 * ({@link io.virage.lake.WarehouseLock}) while it runs, so two writers never overlap. The command
 * takes the {@link CommonOptions} mixin under the name {@code common}.
 */
interface WarehouseWriter {
  /** Whether this invocation writes (a command that writes only with some option says so here). */
  default boolean writes() {
    return true;
  }
}
