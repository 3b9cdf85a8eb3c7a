package io.virage.cli;

import io.virage.config.InvalidSettingException;
import io.virage.config.Settings;
import io.virage.jobs.JobRun;
import io.virage.lake.Lakehouse;
import io.virage.lake.Maintenance;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code maintenance}: OPTIMIZE (Z-order by brand where it helps) and VACUUM every table; prints sizes and file counts. */
@Command(name = "maintenance", mixinStandardHelpOptions = true,
    description = {"Compact every output table (OPTIMIZE; Z-ordered by brand_id for brand_influence,",
        "user_brand_sentiment, ambassador_candidates and ambassador_rankings), then VACUUM the files no version",
        "younger than --retain-hours references. Rows never change; time travel inside the retention keeps",
        "working. Prints each table's files and size before and after; recorded in job_runs."})
public final class MaintenanceCommand extends VirageCommand implements WarehouseWriter {
  @Option(names = "--retain-hours", defaultValue = "168", paramLabel = "H",
      description = "VACUUM keeps the files of every version younger than this; at least 168 (7 days, Delta's"
          + " floor). Default: ${DEFAULT-VALUE}.")
  double retainHours;

  @Option(names = "--no-optimize", negatable = false, description = "Skip compaction.")
  boolean noOptimize;

  @Option(names = "--no-vacuum", negatable = false, description = "Skip VACUUM.")
  boolean noVacuum;

  @Override
  public Integer call() throws Exception {
    if (retainHours < Maintenance.MIN_RETAIN_HOURS) {
      throw new InvalidSettingException("maintenance --retain-hours: expected at least " + Maintenance.MIN_RETAIN_HOURS
          + " (7 days; less could delete files that readers and time travel inside the window need), found "
          + retainHours);
    }
    Settings settings = common.settings();
    SparkSession spark = common.spark("maintenance");
    Lakehouse lake = new Lakehouse(spark, common.warehouse);
    JobRun jobRun = new JobRun(spark, lake, "maintenance", LocalDate.now(ZoneOffset.UTC), settings.hash());
    List<Maintenance.TableStats> stats = jobRun.stage("maintenance", () -> {
      List<Maintenance.TableStats> s;
      try (AutoCloseable sized = io.virage.jobs.SparkSessions.sizedForWarehouse(spark, lake)) {
        s = Maintenance.run(spark, lake, !noOptimize, !noVacuum, retainHours);
      }
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("retain_hours", retainHours);
      s.forEach(t -> {
        Map<String, Object> table = new LinkedHashMap<>(); // in this order on every run (Map.of's is random)
        table.put("files_before", t.filesBefore());
        table.put("files_after", t.filesAfter());
        table.put("bytes_before", t.bytesBefore());
        table.put("bytes_after", t.bytesAfter());
        table.put("version", t.version());
        details.put(t.table(), table);
      });
      return new JobRun.Outcome<>(s, s.stream().mapToLong(Maintenance.TableStats::filesBefore).sum(),
          s.stream().mapToLong(Maintenance.TableStats::filesAfter).sum(), details);
    });
    PrintWriter out = out();
    out.printf("%-24s %12s %12s %12s %12s %8s  %s%n", "table", "files before", "files after", "MB before", "MB after",
        "version", "layout");
    for (Maintenance.TableStats t : stats) {
      out.printf(Locale.ROOT, "%-24s %12d %12d %12.2f %12.2f %8d  %s%n", t.table(), t.filesBefore(), t.filesAfter(),
          t.bytesBefore() / 1e6, t.bytesAfter() / 1e6, t.version(), t.layout());
    }
    out.printf("maintenance succeeded (run %s): VACUUM retention %.0f h%s%n", jobRun.runId(), retainHours,
        noVacuum ? " (skipped)" : "");
    return 0;
  }
}
