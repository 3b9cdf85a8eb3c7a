package io.virage.jobs;

import java.time.LocalDate;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;

/**
 * Fault injection for the recovery tests, off unless the JVM system property
 * {@code virage.failpoint} is set (never by the product itself):
 * <ul>
 *   <li>{@code stage:<name>[@<run date>]}: the stage fails (an exception) as it starts;</li>
 *   <li>{@code halt-stage:<name>[@<run date>]}: the JVM halts as the stage starts, like a kill -9;</li>
 *   <li>{@code halt-write:<table>}: the JVM halts inside the table's next write, once its first
 *       task has written data files and before Delta commits them.</li>
 * </ul>
 */
public final class Failpoints {
  public static final String PROPERTY = "virage.failpoint";
  /** Exit status of a halted JVM, as after SIGKILL. */
  public static final int HALT_STATUS = 137;

  private Failpoints() {}

  /** Called by {@link JobRun} as a stage starts. */
  static void atStage(String stage, LocalDate runDate) {
    String p = System.getProperty(PROPERTY);
    if (p == null) {
      return;
    }
    if (matches(p, "stage:", stage, runDate)) {
      throw new IllegalStateException("failpoint: stage " + stage + " failed on purpose (" + PROPERTY + "=" + p + ")");
    }
    if (matches(p, "halt-stage:", stage, runDate)) {
      Runtime.getRuntime().halt(HALT_STATUS);
    }
  }

  /** Called by the Lakehouse before it writes {@code table}. */
  public static void beforeWrite(SparkSession spark, String table) {
    if (("halt-write:" + table).equals(System.getProperty(PROPERTY))) {
      spark.sparkContext().addSparkListener(new SparkListener() {
        @Override
        public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
          // Tasks that only compute what the write needs go by; the first that wrote a file halts.
          if (taskEnd.taskMetrics() != null && taskEnd.taskMetrics().outputMetrics().bytesWritten() > 0) {
            Runtime.getRuntime().halt(HALT_STATUS);
          }
        }
      });
    }
  }

  private static boolean matches(String property, String kind, String stage, LocalDate runDate) {
    return property.equals(kind + stage) || property.equals(kind + stage + "@" + runDate);
  }
}
