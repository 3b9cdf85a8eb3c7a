package io.virage.cli;

import io.virage.config.Settings;
import io.virage.jobs.RunContext;
import io.virage.lake.Lakehouse;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/** The run date, for commands that process one. */
public final class RunOptions {
  @Option(names = "--run-date", paramLabel = "YYYY-MM-DD",
      description = "Date to process: history up to the end of this day (UTC). Default: yesterday (UTC), the last complete day.")
  LocalDate runDate;

  LocalDate runDate() {
    return runDate == null ? CommonOptions.lastCompleteDay() : runDate;
  }

  /** The run of {@code command} over {@code inputRoot}: settings, session and lakehouse from {@code common}. */
  RunContext context(CommonOptions common, String command, String inputRoot) {
    Settings settings = common.settings(); // a bad setting fails before a session starts
    return context(common.spark(command), settings, inputRoot, common.warehouse);
  }

  RunContext context(SparkSession spark, Settings settings, String inputRoot, String warehouse) {
    return new RunContext(spark, settings, inputRoot, new Lakehouse(spark, warehouse), runDate(), Instant.now());
  }
}
