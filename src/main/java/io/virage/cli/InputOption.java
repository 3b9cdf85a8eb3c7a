package io.virage.cli;

import picocli.CommandLine.Option;

/** {@code --input}: the input root of the commands that read the input datasets (nightly has its own, with --demo). */
public final class InputOption {
  @Option(names = "--input", required = true, paramLabel = "PATH",
      description = "Input root holding one folder per dataset: users/, interactions/, posts/, brands/ (local or Hadoop URI).")
  String path;
}
