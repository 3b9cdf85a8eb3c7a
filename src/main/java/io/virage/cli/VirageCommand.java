package io.virage.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every command takes: the options all commands share ({@link CommonOptions}, under the name
 * {@code common}, which {@link VirageCli} reads for the warehouse lock) and its own picocli spec
 * (for its output stream). A command adds its options and its {@code call()}.
 */
abstract class VirageCommand implements Callable<Integer> {
  @Mixin
  CommonOptions common;

  @Spec
  CommandSpec spec;

  /** The command's standard output. */
  PrintWriter out() {
    return spec.commandLine().getOut();
  }
}
