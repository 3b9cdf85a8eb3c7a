package io.virage.cli;

import io.virage.config.Settings;
import io.virage.jobs.SparkSessions;
import java.io.File;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/** Options every command takes: where the lakehouse is, configuration, Spark settings, verbosity. */
public final class CommonOptions {
  @Option(names = "--warehouse", paramLabel = "PATH", defaultValue = "./lakehouse",
      description = "Lakehouse root (local path or any Hadoop URI: hdfs://, s3a://). Default: ${DEFAULT-VALUE}.")
  String warehouse;

  @Option(names = "--config", paramLabel = "FILE",
      description = "HOCON configuration file; overrides the documented defaults.")
  File config;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Configuration value (e.g. influence.damping=0.9); overrides --config. Repeatable.")
  Map<String, String> set = new LinkedHashMap<>();

  @Option(names = "--conf", paramLabel = "KEY=VALUE",
      description = "Spark setting (e.g. spark.sql.shuffle.partitions=8); overrides spark-submit. Repeatable.")
  Map<String, String> conf = new LinkedHashMap<>();

  @Option(names = {"-v", "--verbose"}, description = "Log Spark at INFO (default: warnings only).")
  boolean verbose;

  /** Effective settings (command line > file > defaults). */
  Settings settings() {
    return Settings.load(Optional.ofNullable(config), set);
  }

  SparkSession spark(String command) {
    if (verbose) {
      Configurator.setRootLevel(Level.INFO);
    }
    return SparkSessions.getOrCreate("virage " + command, warehouse, conf);
  }

  /**
   * Yesterday in UTC, the last complete day: the default run date and demo end date. (Today would
   * hold rows stamped later than the run's clock, which validation quarantines as future.)
   */
  static LocalDate lastCompleteDay() {
    return LocalDate.now(ZoneOffset.UTC).minusDays(1);
  }
}
