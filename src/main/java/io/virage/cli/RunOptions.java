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

  RunContext context(SparkSession spark, Settings settings, String inputRoot, String warehouse) {
    return new RunContext(spark, settings, inputRoot, new Lakehouse(spark, warehouse), runDate(), Instant.now());
  }
}
