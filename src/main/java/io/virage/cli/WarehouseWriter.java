package io.virage.cli;

/**
 * A command that writes the warehouse: {@link VirageCli} holds the warehouse lock
 * ({@link io.virage.lake.WarehouseLock}) while it runs, so two writers never overlap.
 */
interface WarehouseWriter {
  CommonOptions common();
}
