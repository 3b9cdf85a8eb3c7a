package io.virage.cli;

import io.virage.jobs.RunContext;
import picocli.CommandLine.Mixin;

/**
 * A command that runs stages of nightly on their own ({@link io.virage.jobs.Pipeline}) over an
 * input root for a run date: validate, influence, score-sentiment, rank-ambassadors.
 */
abstract class StageCommand extends VirageCommand implements WarehouseWriter {
  @Mixin
  RunOptions run;

  @Mixin
  InputOption input;

  /** This run of {@code command}: settings, session, lakehouse, run date and input from the options. */
  RunContext context(String command) {
    return run.context(common, command, input.path);
  }
}
