package io.virage.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.virage.SparkTestBase;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Shuffle sizing of local sessions: session settings only, no Spark job runs. */
class SparkSessionsTest extends SparkTestBase {
  private static final String PARTITIONS = "spark.sql.shuffle.partitions";
  private static final String ADAPTIVE = "spark.sql.adaptive.enabled";

  private static String partitions() {
    return spark.conf().get(PARTITIONS);
  }

  private static String adaptive() {
    return spark.conf().get(ADAPTIVE);
  }

  @Test
  void aSmallInputShufflesInOnePartitionWithoutAdaptiveExecutionUntilClosed() throws Exception {
    String before = partitions();
    String adaptiveBefore = adaptive();
    // local[2]: the local default is max(4, 2 x cores) partitions, not 1.
    assertEquals(String.valueOf(Math.max(4, 2 * Runtime.getRuntime().availableProcessors())), before);
    try (AutoCloseable sized = SparkSessions.sizedForInput(spark, SparkSessions.SMALL_INPUT_BYTES)) {
      assertEquals("1", partitions());
      assertEquals("false", adaptive());
    }
    assertEquals(before, partitions(), "restored on close");
    assertEquals(adaptiveBefore, adaptive(), "restored on close");
  }

  @Test
  void aLargerInputKeepsTheSessionsSettings() throws Exception {
    String before = partitions();
    try (AutoCloseable sized = SparkSessions.sizedForInput(spark, SparkSessions.SMALL_INPUT_BYTES + 1)) {
      assertEquals(before, partitions());
    }
  }

  @Test
  void partitionsTheUserSetAreNeverResized() throws Exception {
    String before = partitions();
    // The CLI's --conf on the suite's session (as a command in this JVM would pass it), undone after.
    SparkSessions.getOrCreate("virage-tests", System.getProperty("java.io.tmpdir"), Map.of(PARTITIONS, "7"));
    try (AutoCloseable sized = SparkSessions.sizedForInput(spark, 1)) {
      assertEquals("7", partitions());
    } finally {
      SparkSessions.getOrCreate("virage-tests", System.getProperty("java.io.tmpdir"), Map.of());
      spark.conf().set(PARTITIONS, before);
    }
    try (AutoCloseable sized = SparkSessions.sizedForInput(spark, 1)) {
      assertEquals("1", partitions(), "a later command without --conf is sized again");
    }
  }
}
