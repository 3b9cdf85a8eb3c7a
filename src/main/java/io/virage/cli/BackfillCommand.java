package io.virage.cli;

import io.virage.config.InvalidSettingException;
import io.virage.config.Settings;
import io.virage.jobs.JobRun;
import io.virage.jobs.Pipeline;
import io.virage.jobs.RunContext;
import io.virage.lake.Lakehouse;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code backfill}: nightly for every date of a range, oldest first. Dates whose latest nightly or
 * backfill run completed every stage are skipped (unless --force); the first failure stops the
 * backfill, and running the same command again resumes at the failed date.
 */
@Command(name = "backfill", mixinStandardHelpOptions = true,
    description = {"Run nightly for every run date from --from to --to, in order. Dates already complete (their",
        "latest run succeeded in every stage) are skipped unless --force. The first failure stops the backfill;",
        "rerun the same command to resume at that date."})
public final class BackfillCommand extends VirageCommand implements WarehouseWriter {
  /** A backfill longer than this is a typo more often than a plan. */
  static final int MAX_DAYS = 3660;

  @ArgGroup(exclusive = true, multiplicity = "1")
  NightlyCommand.Source source;

  @Option(names = "--from", required = true, paramLabel = "YYYY-MM-DD", description = "First run date (inclusive).")
  LocalDate from;

  @Option(names = "--to", required = true, paramLabel = "YYYY-MM-DD", description = "Last run date (inclusive).")
  LocalDate to;

  @Option(names = "--force", description = "Rerun dates that are already complete.")
  boolean force;

  @Override
  public Integer call() throws Exception {
    if (to.isBefore(from)) {
      throw new InvalidSettingException("backfill: --to " + to + " is before --from " + from);
    }
    if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
      throw new InvalidSettingException("backfill: " + from + " to " + to + " is more than " + MAX_DAYS + " days");
    }
    long start = System.nanoTime();
    Settings settings = common.settings();
    SparkSession spark = common.spark("backfill");
    String input = source.demo ? NightlyCommand.demoInput(spark, settings, common.warehouse, to) : source.input;
    Lakehouse lake = new Lakehouse(spark, common.warehouse);
    Set<LocalDate> complete = Pipeline.completeDates(lake);
    PrintWriter out = out();
    int ran = 0;
    int skipped = 0;
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      if (complete.contains(d) && !force) {
        out.printf("backfill %s skipped: already complete (--force reruns it)%n", d);
        skipped++;
        continue;
      }
      long dateStart = System.nanoTime();
      RunContext ctx = new RunContext(spark, settings, input, lake, d, Instant.now());
      Pipeline pipeline = new Pipeline(ctx, "backfill");
      try {
        pipeline.run(NightlyCommand.datasets(ctx), Pipeline.NIGHTLY);
      } catch (Exception e) {
        spec.commandLine().getErr().printf("virage backfill: stopped at %s (run %s): %s; the dates before it are"
            + " done; run the same command again to resume at %s%n", d, pipeline.runId(), JobRun.oneLine(e), d);
        throw e;
      }
      out.printf("backfill %s succeeded in %.1f s (run %s)%n", d, (System.nanoTime() - dateStart) / 1e9, pipeline.runId());
      out.flush();
      ran++;
    }
    out.printf("backfill %s to %s succeeded in %.1f s: %d run, %d skipped; tables under %s%n", from, to,
        (System.nanoTime() - start) / 1e9, ran, skipped, lake.root());
    return 0;
  }
}
