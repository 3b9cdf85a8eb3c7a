package io.virage.cli;

import io.virage.config.InvalidSettingException;
import io.virage.config.Settings;
import io.virage.jobs.JobRun;
import io.virage.lake.Lakehouse;
import io.virage.privacy.Erasure;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code forget-user}: the right to erasure, across every output table. */
@Command(name = "forget-user", mixinStandardHelpOptions = true,
    description = {"Erase a person from every output table (Delta DELETE), record the erasure in erasures (under a",
        "SHA-256 of the id) so that later inputs naming them are quarantined as erased_user without their content.",
        "The deleted rows stay in older table files, reachable by time travel, until maintenance VACUUMs files",
        "older than its retention (168 h by default): then they are physically gone."})
public final class ForgetUserCommand extends VirageCommand implements WarehouseWriter {
  @Option(names = "--user-id", required = true, paramLabel = "U", description = "The user_id to erase.")
  String userId;

  @Option(names = "--request", paramLabel = "TEXT", description = "Reference of the request (e.g. ticket id), kept in erasures.")
  String request;

  @Override
  public Integer call() throws Exception {
    if (userId.isBlank()) {
      throw new InvalidSettingException("forget-user --user-id: expected a user id, found a blank value");
    }
    Settings settings = common.settings();
    SparkSession spark = common.spark("forget-user");
    Lakehouse lake = new Lakehouse(spark, common.warehouse);
    JobRun jobRun = new JobRun(spark, lake, "forget-user", LocalDate.now(ZoneOffset.UTC), settings.hash());
    Map<String, Long> deleted = jobRun.stage("forget-user", () -> {
      Map<String, Long> d;
      try (AutoCloseable sized = io.virage.jobs.SparkSessions.sizedForWarehouse(spark, lake)) {
        d = Erasure.forget(spark, lake, userId, request);
      }
      long total = d.values().stream().mapToLong(Long::longValue).sum();
      // job_runs keeps only the counts and the key, never the id.
      Map<String, Object> details = new java.util.LinkedHashMap<>(d);
      details.put("user_key", Erasure.userKey(userId));
      return new JobRun.Outcome<>(d, total, total, details);
    });
    PrintWriter out = out();
    deleted.forEach((table, n) -> out.printf("%-24s %,d rows deleted%n", table, n));
    out.printf("forget-user succeeded (run %s): erased under key %s; VACUUM (maintenance) makes it physical once"
        + " the deleted files are older than the retention%n", jobRun.runId(), Erasure.userKey(userId));
    return 0;
  }
}
