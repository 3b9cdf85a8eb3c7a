package io.virage.jobs;

import java.time.LocalDate;
import java.util.Iterator;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.util.TaskCompletionListener;

/**
 * Fault injection for the recovery tests, off unless the JVM system property
 * {@code virage.failpoint} is set (never by the product itself):
 * <ul>
 *   <li>{@code stage:<name>[@<run date>]}: the stage fails (an exception) as it starts;</li>
 *   <li>{@code oom-stage:<name>[@<run date>]}: the stage's own thread runs out of memory (an
 *       {@link OutOfMemoryError}) as it starts, as the driver's arrays can;</li>
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
    if (matches(p, "oom-stage:", stage, runDate)) {
      throw new OutOfMemoryError("Java heap space (failpoint: " + PROPERTY + "=" + p + ")");
    }
    if (matches(p, "halt-stage:", stage, runDate)) {
      Runtime.getRuntime().halt(HALT_STATUS);
    }
  }

  /**
   * Called by the Lakehouse with the rows it is about to write to {@code table}; returns them
   * unchanged unless the failpoint names the table. Then the first task that wrote a row halts the
   * JVM as it completes: its data file is written and committed by the task, the job is not, so
   * Delta never commits the write. The hook runs inside the task (a task completion listener), not
   * on Spark's asynchronous listener bus, so the halt cannot come after the driver's commit.
   */
  public static Dataset<Row> beforeWrite(String table, Dataset<Row> rows) {
    if (!("halt-write:" + table).equals(System.getProperty(PROPERTY))) {
      return rows;
    }
    return rows.mapPartitions((MapPartitionsFunction<Row, Row>) it -> new Iterator<>() {
      private boolean armed;

      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public Row next() {
        if (!armed) {
          armed = true;
          TaskContext.get().addTaskCompletionListener(
              (TaskCompletionListener) context -> Runtime.getRuntime().halt(HALT_STATUS));
        }
        return it.next();
      }
    }, Encoders.row(rows.schema()));
  }

  private static boolean matches(String property, String kind, String stage, LocalDate runDate) {
    return property.equals(kind + stage) || property.equals(kind + stage + "@" + runDate);
  }
}
