package io.virage.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.virage.SparkTestBase;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sizing of local sessions to their input: session settings only, no Spark job runs. */
class SparkSessionsTest extends SparkTestBase {
  private static final String PARTITIONS = "spark.sql.shuffle.partitions";
  private static final String ADAPTIVE = "spark.sql.adaptive.enabled";
  private static final String WHOLE_STAGE = "spark.sql.codegen.wholeStage";
  private static final String FACTORY = "spark.sql.codegen.factoryMode";

  private static String partitions() {
    return spark.conf().get(PARTITIONS);
  }

  private static String adaptive() {
    return spark.conf().get(ADAPTIVE);
  }

  @Test
  void aSmallInputShufflesInOnePartitionWithoutAdaptiveExecutionOrGeneratedCodeUntilClosed() throws Exception {
    unsized(this::sizedUntilClosed);
  }

  private void sizedUntilClosed() throws Exception {
    String before = partitions();
    String adaptiveBefore = adaptive();
    assertEquals("true", spark.conf().get(WHOLE_STAGE), "Spark's default");
    assertEquals("FALLBACK", spark.conf().get(FACTORY), "Spark's default");
    // local[2]: the local default is max(4, 2 x cores) partitions, not 1.
    assertEquals(String.valueOf(Math.max(4, 2 * Runtime.getRuntime().availableProcessors())), before);
    try (AutoCloseable sized = SparkSessions.sizedForInput(spark, SparkSessions.SMALL_INPUT_BYTES)) {
      assertEquals("1", partitions());
      assertEquals("false", adaptive());
      assertEquals("false", spark.conf().get(WHOLE_STAGE));
      assertEquals("NO_CODEGEN", spark.conf().get(FACTORY));
      // A query still runs, interpreted: 1 + 2 evaluated by Spark, not by generated code.
      assertEquals(3, spark.sql("SELECT id + 2 AS n FROM range(1, 2)").first().getLong(0));
    }
    assertEquals(before, partitions(), "restored on close");
    assertEquals(adaptiveBefore, adaptive(), "restored on close");
    assertEquals("true", spark.conf().get(WHOLE_STAGE), "restored on close");
    assertEquals("FALLBACK", spark.conf().get(FACTORY), "restored on close");
  }

  @Test
  void aLargerInputKeepsTheSessionsSettings() throws Exception {
    unsized(this::largerInputKept);
  }

  private void largerInputKept() throws Exception {
    String before = partitions();
    try (AutoCloseable sized = SparkSessions.sizedForInput(spark, SparkSessions.SMALL_INPUT_BYTES + 1)) {
      assertEquals(before, partitions());
    }
  }

  @Test
  void partitionsTheUserSetAreNeverResized() throws Exception {
    unsized(this::userSettingsKept);
  }

  private void userSettingsKept() throws Exception {
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
    // Setting a code generation key is choosing too: nothing is sized.
    SparkSessions.getOrCreate("virage-tests", System.getProperty("java.io.tmpdir"), Map.of(WHOLE_STAGE, "true"));
    try (AutoCloseable sized = SparkSessions.sizedForInput(spark, 1)) {
      assertEquals(before, partitions());
      assertEquals("FALLBACK", spark.conf().get(FACTORY));
    } finally {
      SparkSessions.getOrCreate("virage-tests", System.getProperty("java.io.tmpdir"), Map.of());
    }
  }

  @Test
  void localFilesAreReadAndWrittenWithoutChildProcesses() throws Exception {
    org.apache.hadoop.conf.Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    assertEquals(io.virage.lake.NioLocalFileSystem.class,
        org.apache.hadoop.fs.FileSystem.get(java.net.URI.create("file:///"), hadoop).getClass());
    assertEquals(io.virage.lake.NioLocalFileSystem.Fs.class.getName(), hadoop.get("fs.AbstractFileSystem.file.impl"));
  }
}
