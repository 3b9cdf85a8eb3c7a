package io.virage.cli;

import io.virage.jobs.Pipeline;
import io.virage.lake.Lakehouse;
import io.virage.lake.WarehouseLock;
import io.virage.schema.OutputTables;
import io.virage.schema.OutputTables.JobRuns;
import java.io.PrintWriter;
import java.time.LocalDate;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code status}: the latest runs from job_runs, one line each, and who holds the warehouse now. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = {"Show the latest runs recorded in job_runs, one line per run: command, run date, start,",
        "status (succeeded, failed, or incomplete when a nightly or backfill run stopped without recording",
        "every stage, e.g. killed), each stage's seconds, rows written, and the first error; then whether a",
        "command is writing the warehouse now."})
public final class StatusCommand extends VirageCommand {
  @Option(names = "--limit", defaultValue = "20", paramLabel = "N", description = "Runs shown. Default: ${DEFAULT-VALUE}.")
  int limit;

  @Option(names = "--run-date", paramLabel = "YYYY-MM-DD", description = "Only the runs of this run date.")
  LocalDate runDate;

  @Override
  public Integer call() throws Exception {
    SparkSession spark = common.spark("status");
    Lakehouse lake = new Lakehouse(spark, common.warehouse);
    java.util.List<OutputTables.Table> tables = java.util.List.of(OutputTables.JOB_RUNS);
    String nightlyStages = Pipeline.STAGES.stream().map(st -> "'" + st + "'")
        .collect(java.util.stream.Collectors.joining(", "));
    String sql = "SELECT substr(" + JobRuns.RUN_ID + ", 1, 8) AS run, " + JobRuns.COMMAND + ", " + OutputTables.RUN_DATE
        + ", date_format(min(" + JobRuns.STARTED_AT + "), 'yyyy-MM-dd HH:mm:ss') AS started, "
        + "CASE WHEN count_if(" + JobRuns.STATUS + " <> 'succeeded') > 0 THEN 'failed' "
        + "WHEN " + JobRuns.COMMAND + " IN ('nightly', 'backfill') AND count(DISTINCT CASE WHEN " + JobRuns.STAGE + " IN ("
        + nightlyStages + ") THEN " + JobRuns.STAGE + " END) < " + Pipeline.STAGES.size()
        + " THEN 'incomplete' ELSE 'succeeded' END AS status, "
        + "concat_ws(', ', transform(array_sort(collect_list(struct(" + JobRuns.STARTED_AT + ", " + JobRuns.STAGE + ", "
        + JobRuns.SECONDS + ", " + JobRuns.STATUS + "))), s -> concat(s." + JobRuns.STAGE + ", ' ', format_number(s."
        + JobRuns.SECONDS + ", 1), 's', CASE WHEN s." + JobRuns.STATUS + " <> 'succeeded' THEN ' FAILED' ELSE '' END)))"
        + " AS stages, sum(" + JobRuns.ROWS_OUT + ") AS rows_out, first(" + JobRuns.ERROR + ", true) AS error "
        + "FROM " + OutputTables.JOB_RUNS.name()
        + (runDate == null ? "" : " WHERE " + OutputTables.RUN_DATE + " = DATE'" + runDate + "'")
        + " GROUP BY " + JobRuns.RUN_ID + ", " + JobRuns.COMMAND + ", " + OutputTables.RUN_DATE
        + " ORDER BY started DESC LIMIT " + Math.max(1, limit);
    PrintWriter out = out();
    try (AutoCloseable sized = io.virage.jobs.SparkSessions.sizedForTables(spark, lake, tables)) {
      lake.register(tables);
      SqlCommand.printTable(spark.sql(sql), out, Math.max(1, limit));
    }
    String holder = WarehouseLock.holder(spark, common.warehouse);
    out.println(holder == null ? "warehouse free: no command is writing it"
        : "warehouse in use: " + holder + " (a run in progress shows as incomplete until it ends)");
    out.flush();
    return 0;
  }
}
