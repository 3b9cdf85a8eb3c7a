package io.virage.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.virage.jobs.SparkSessions;
import java.time.LocalDate;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The floor under a small nightly run: what one cold JVM pays for Spark and Delta alone, none of
 * Virage's work. Starts the session as the product does ({@link SparkSessions}, sized for a small
 * input), then for each of TABLES tables writes ten rows of the run date as the product writes a
 * run date (one Delta commit, {@code replaceWhere} on the {@code run_date} partition) and counts the
 * table back (one log replay and scan). A second demo night commits 15 times (11 tables, 4
 * {@code job_runs} rows), a first one more than 30 (every table is created first). Run it twice on
 * one warehouse, with the next date the second time, for a first and a second night:
 * <pre>
 *   java -cp target/virage.jar:target/virage-bench.jar io.virage.bench.ColdFloor WAREHOUSE RUN_DATE [TABLES]
 * </pre>
 * Prints the seconds from the JVM's start to the session, to the first commit and to the end.
 */
public final class ColdFloor {
  private ColdFloor() {}

  public static void main(String[] args) throws Exception {
    long jvmStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
    String warehouse = args[0];
    LocalDate runDate = LocalDate.parse(args[1]);
    int tables = args.length > 2 ? Integer.parseInt(args[2]) : 16;
    SparkSession spark = SparkSessions.getOrCreate("virage cold floor", warehouse, Map.of());
    double session = seconds(jvmStart);
    double firstCommit = 0;
    long rows = 0;
    try (AutoCloseable sized = SparkSessions.sizedForInput(spark, 0)) {
      for (int t = 0; t < tables; t++) {
        String path = warehouse + "/t" + t;
        spark.range(10).select(col("id"), lit(java.sql.Date.valueOf(runDate)).as("run_date"))
            .write().format("delta").mode("overwrite").partitionBy("run_date")
            .option("replaceWhere", "run_date = DATE'" + runDate + "'").save(path);
        if (t == 0) {
          firstCommit = seconds(jvmStart);
        }
        rows += spark.read().format("delta").load(path).count();
      }
    }
    System.out.printf("%d tables, %d rows read back; seconds since the JVM started: session %.1f, first commit %.1f,"
        + " all %.1f%n", tables, rows, session, firstCommit, seconds(jvmStart));
    spark.stop();
  }

  private static double seconds(long since) {
    return (System.currentTimeMillis() - since) / 1000.0;
  }
}
