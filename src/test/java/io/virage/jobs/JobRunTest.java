package io.virage.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virage.SparkTestBase;
import io.virage.lake.Lakehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stage's Spark jobs run in its job group; the caller's group is set back afterwards. A failed
 * stage's error is the one its caller sees, even when recording the failure fails too.
 */
class JobRunTest extends SparkTestBase {
  @TempDir
  Path tmp;

  @Test
  void aStagesJobsRunInItsJobGroupAndTheCallersGroupComesBack() throws Exception {
    SparkContext sc = spark.sparkContext();
    List<String> groups = new CopyOnWriteArrayList<>();
    SparkListener listener = new SparkListener() {
      @Override
      public void onJobStart(SparkListenerJobStart job) {
        groups.add(String.valueOf(job.properties().getProperty(JobRun.JOB_GROUP_PROPERTY)));
      }
    };
    sc.addSparkListener(listener);
    try {
      sc.setJobGroup("caller", "the caller's own group", false);
      JobRun run = new JobRun(spark, new Lakehouse(spark, tmp.toString()), "test", LocalDate.of(2026, 12, 6), "h");
      long counted = run.stage("probe", () -> {
        long n = spark.range(7).count();
        return new JobRun.Outcome<>(n, n, 0, Map.of());
      });
      spark.range(3).count(); // after the stage: the caller's group again
      sc.listenerBus().waitUntilEmpty();

      assertEquals(7L, counted);
      assertEquals("caller", sc.getLocalProperty(JobRun.JOB_GROUP_PROPERTY));
      assertEquals("the caller's own group", sc.getLocalProperty("spark.job.description"));
      // First every job of the stage (its count, the audit row's write to job_runs), then the caller's.
      int back = groups.indexOf("caller");
      assertTrue(back > 0, groups.toString());
      assertTrue(groups.subList(0, back).stream().allMatch("virage:probe"::equals), groups.toString());
      assertTrue(groups.subList(back, groups.size()).stream().allMatch("caller"::equals), groups.toString());
    } finally {
      sc.removeSparkListener(listener);
      sc.clearJobGroup();
    }
  }

  @Test
  void aStagesErrorIsTheOneThrownWhenItsFailureCannotBeRecorded() throws Exception {
    // job_runs cannot be created: a plain file stands where its folder goes.
    Path warehouse = Files.createDirectories(tmp.resolve("unrecordable"));
    Files.writeString(warehouse.resolve("job_runs"), "not a table");
    JobRun run = new JobRun(spark, new Lakehouse(spark, warehouse.toString()), "test", LocalDate.of(2026, 12, 6), "h");
    IllegalStateException boom = new IllegalStateException("the stage's own failure");

    Exception thrown = assertThrows(Exception.class, () -> run.stage("probe", () -> {
      throw boom;
    }));

    assertSame(boom, thrown);
    // The recording's failure travels with it, suppressed, for a stack trace to show.
    assertEquals(1, thrown.getSuppressed().length, List.of(thrown.getSuppressed()).toString());
  }
}
