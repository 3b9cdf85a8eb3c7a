package io.virage.bench;

import io.virage.jobs.JobRun;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerApplicationEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.StageInfo;

/**
 * What each Virage stage asks of Spark: a listener that groups jobs by the job group the pipeline
 * gives each stage ({@link JobRun#JOB_GROUP_PREFIX}) and, when the application ends, prints one
 * markdown row per stage to stderr: Spark jobs, stages run (skipped ones not counted), shuffle map
 * stages, tasks, the tasks' run time, and bytes read from files, shuffled and written. Jobs outside
 * every stage (session start, sizing, the pipeline's own checks) are the row "(outside stages)".
 * <pre>
 *   java OPENS -cp target/virage.jar:target/virage-bench.jar \
 *     io.virage.cli.VirageCli nightly --input IN --run-date D --conf spark.extraListeners=io.virage.bench.StageWork
 * </pre>
 * OPENS is one {@code --add-opens=M/P=ALL-UNNAMED} per package of the jar manifest's
 * {@code Add-Opens} line, which {@code java -jar} applies itself. With {@code -cp} they must be
 * given: without {@code java.base/sun.util.calendar} Spark fails converting a date in a time zone
 * other than UTC, without {@code java.base/java.nio} Kryo fails on a 10M-user input.
 */
public final class StageWork extends SparkListener {
  private static final String OUTSIDE = "(outside stages)";

  /** Totals of one Virage stage. */
  private static final class Work {
    long jobs;
    long stages;
    long shuffleStages;
    long tasks;
    long taskMillis;
    long inputBytes;
    long shuffleWriteBytes;
    long shuffleReadBytes;
    long outputBytes;
  }

  private final Map<Integer, String> stageOwner = new ConcurrentHashMap<>();
  private final Map<String, Work> work = new LinkedHashMap<>();

  @Override
  public synchronized void onJobStart(SparkListenerJobStart job) {
    String group = job.properties() == null ? null : job.properties().getProperty(JobRun.JOB_GROUP_PROPERTY);
    String owner = group != null && group.startsWith(JobRun.JOB_GROUP_PREFIX)
        ? group.substring(JobRun.JOB_GROUP_PREFIX.length()) : OUTSIDE;
    work.computeIfAbsent(owner, k -> new Work()).jobs++;
    for (StageInfo info : scala.jdk.javaapi.CollectionConverters.asJava(job.stageInfos())) {
      stageOwner.putIfAbsent(info.stageId(), owner);
    }
  }

  @Override
  public synchronized void onStageCompleted(SparkListenerStageCompleted completed) {
    StageInfo info = completed.stageInfo();
    Work w = work.computeIfAbsent(stageOwner.getOrDefault(info.stageId(), OUTSIDE), k -> new Work());
    w.stages++;
    w.tasks += info.numTasks();
    TaskMetrics m = info.taskMetrics();
    if (m == null) {
      return;
    }
    w.taskMillis += m.executorRunTime();
    w.inputBytes += m.inputMetrics().bytesRead();
    long written = m.shuffleWriteMetrics().bytesWritten();
    w.shuffleWriteBytes += written;
    w.shuffleStages += written > 0 ? 1 : 0;
    w.shuffleReadBytes += m.shuffleReadMetrics().remoteBytesRead() + m.shuffleReadMetrics().localBytesRead();
    w.outputBytes += m.outputMetrics().bytesWritten();
  }

  @Override
  public synchronized void onApplicationEnd(SparkListenerApplicationEnd end) {
    StringBuilder out = new StringBuilder("\n| stage | Spark jobs | stages | shuffle map stages | tasks | task s "
        + "| input MB | shuffle write MB | shuffle read MB | output MB |\n|---|---|---|---|---|---|---|---|---|---|\n");
    for (Map.Entry<String, Work> e : work.entrySet()) {
      Work w = e.getValue();
      out.append(String.format(java.util.Locale.ROOT, "| %s | %d | %d | %d | %d | %.1f | %.1f | %.1f | %.1f | %.1f |%n",
          e.getKey(), w.jobs, w.stages, w.shuffleStages, w.tasks, w.taskMillis / 1000.0, mb(w.inputBytes),
          mb(w.shuffleWriteBytes), mb(w.shuffleReadBytes), mb(w.outputBytes)));
    }
    System.err.println(out);
  }

  private static double mb(long bytes) {
    return bytes / 1e6;
  }
}
