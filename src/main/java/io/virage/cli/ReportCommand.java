package io.virage.cli;

import io.virage.config.InvalidSettingException;
import io.virage.report.RunReport;
import java.time.LocalDate;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code report}: one self-contained HTML page (inline CSS and SVG charts, no network) summarising a
 * run date: ranking per brand with the score's parts, tiers, movers, sentiment trend, roster reach,
 * data quality and stage timings.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"Write a self-contained HTML report of one run date (no network needed to view it):",
        "each brand's top ambassadors with their score split by component, tiers, movers, the sentiment trend",
        "by language (7-day rolling net sentiment), roster reach versus the top-k, data quality (quarantine by reason) and stage timings."})
public final class ReportCommand extends VirageCommand {
  @Option(names = "--run-date", paramLabel = "YYYY-MM-DD",
      description = "Run date to report on. Default: yesterday (UTC), as for nightly.")
  LocalDate runDate;

  @Option(names = "--out", paramLabel = "FILE",
      description = "Where to write the page (local path or Hadoop URI). Default: <warehouse>/_reports/virage-report-<run date>.html.")
  String out;

  @Option(names = "--trend-days", defaultValue = "28", paramLabel = "N",
      description = "Days of sentiment trend, ending on the run date. Default: ${DEFAULT-VALUE}.")
  int trendDays;

  @Override
  public Integer call() throws Exception {
    if (trendDays < 1 || trendDays > 366) {
      throw new InvalidSettingException("report --trend-days: expected 1 to 366, found " + trendDays);
    }
    LocalDate date = runDate != null ? runDate : CommonOptions.lastCompleteDay();
    String target = out != null ? out
        : common.warehouse.replaceAll("/+$", "") + "/_reports/virage-report-" + date + ".html";
    long start = System.nanoTime();
    SparkSession spark = common.spark("report");
    long bytes;
    // A small warehouse is read like a small input: see SparkSessions.sizedForInput.
    try (AutoCloseable sized = io.virage.jobs.SparkSessions.sizedForWarehouse(spark,
        new io.virage.lake.Lakehouse(spark, common.warehouse))) {
      bytes = RunReport.write(spark, common.warehouse, common.settings(), date, trendDays, target);
    }
    out().printf("report %s written to %s (%,d bytes) in %.1f s%n", date, target, bytes,
        (System.nanoTime() - start) / 1e9);
    return 0;
  }
}
