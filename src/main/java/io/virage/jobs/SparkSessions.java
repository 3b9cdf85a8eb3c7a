package io.virage.jobs;

import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The one way Virage gets a SparkSession.
 *
 * <p>Precedence for Spark settings: {@code --conf key=value} on the command line, then what
 * {@code spark-submit} or {@code spark.*} system properties set, then the local defaults below.
 * Without a configured {@code spark.master} the run is local ({@code local[*]}). Local runs are
 * bound to 127.0.0.1, without UI and with few shuffle partitions; on a cluster none of that applies.
 *
 * <p>A local run whose shuffle and code generation settings the user did not set is also sized to
 * its input ({@link #sizedForInput}): a small input runs its shuffles in one partition, without
 * adaptive execution, and evaluates expressions without generating code.
 */
public final class SparkSessions {
  private SparkSessions() {}

  public static SparkSession getOrCreate(String appName, String warehouse, Map<String, String> conf) {
    SparkConf base = new SparkConf(); // picks up spark.* system properties set by spark-submit
    String master = conf.getOrDefault("spark.master", base.getOption("spark.master").getOrElse(() -> null));
    boolean local = master == null || master.startsWith("local");
    boolean userPartitions = SIZED_KEYS.stream().anyMatch(k -> conf.containsKey(k) || base.contains(k));
    SparkSession.Builder b = SparkSession.builder().appName(appName);
    // A second command in the same JVM (the tests, a program embedding Virage) gets the running
    // session as it is: its creation settings are not applied again over what ran since, so no
    // command's result depends on which command ran before it. Its own --conf still applies.
    boolean running = SparkSession.getDefaultSession().isDefined();
    if (!running) {
      b = b.config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
          .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
          .config("spark.sql.session.timeZone", "UTC")
          .config("spark.sql.warehouse.dir", new Path(warehouse, "_catalog").toString());
    }
    if (local) {
      int cores = Runtime.getRuntime().availableProcessors();
      if (!running) {
        if (master == null) {
          b = b.master("local[*]");
        }
        b = b.config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", String.valueOf(Math.max(4, 2 * cores)))
            .config("spark.default.parallelism", String.valueOf(Math.max(2, cores)))
            .config("spark.databricks.delta.snapshotPartitions", "2")
            // In one JVM a task result needs no trip through the block manager: PageRank's
            // per-iteration slices (8 bytes x vectors x users) come back directly.
            .config("spark.task.maxDirectResultSize", "64m")
            // Local files without a child process per permission or link (NioLocalFileSystem).
            .config("spark.hadoop.fs.file.impl", io.virage.lake.NioLocalFileSystem.class.getName())
            .config("spark.hadoop.fs.AbstractFileSystem.file.impl", io.virage.lake.NioLocalFileSystem.Fs.class.getName());
      }
      b = b.config(SIZED, String.valueOf(!userPartitions));
    }
    for (Map.Entry<String, String> e : conf.entrySet()) {
      b = b.config(e.getKey(), e.getValue());
    }
    return b.getOrCreate();
  }

  private static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";
  private static final String ADAPTIVE = "spark.sql.adaptive.enabled";
  private static final String WHOLE_STAGE_CODEGEN = "spark.sql.codegen.wholeStage";
  private static final String CODEGEN_FACTORY = "spark.sql.codegen.factoryMode";
  /** The settings {@link #sizedForInput} changes; a user who sets any of them turns the sizing off. */
  private static final java.util.List<String> SIZED_KEYS = java.util.List.of(SHUFFLE_PARTITIONS, ADAPTIVE,
      WHOLE_STAGE_CODEGEN, CODEGEN_FACTORY);
  /** Session flag: a local session whose {@link #SIZED_KEYS} settings are Virage's to size. */
  private static final String SIZED = "spark.virage.local.sizedForInput";

  /**
   * Inputs of at most this many bytes (every dataset's files, as {@code job_runs.input_versions}
   * lists them) are small. The 3,000-user demo input is about 0.9 MB, a 20,000-user one about 6 MB,
   * a 100,000-user one 31 MB.
   */
  public static final long SMALL_INPUT_BYTES = 16L << 20;

  /** Whether {@link #sizedForInput} may change this session: local, and the user set none of {@link #SIZED_KEYS}. */
  public static boolean sizesToInput(SparkSession spark) {
    return Boolean.parseBoolean(spark.conf().get(SIZED, "false"));
  }

  /**
   * Sizes the session to an input of {@code inputBytes} until the returned handle is closed, which
   * restores the previous values. Only for a local session whose shuffle and code generation
   * settings ({@link #SIZED_KEYS}) the user left alone (neither {@code --conf} nor system property),
   * and only for a small input ({@link #SMALL_INPUT_BYTES}): then one shuffle partition, no adaptive
   * execution, and expressions evaluated by Spark's interpreter instead of generated and compiled
   * code. At these sizes every shuffle stage costs tens of milliseconds of scheduling whatever its
   * rows, and compiling a query's generated classes (Janino) costs more than running it.
   * Measured figures are in docs/operations.md. Otherwise a no-op.
   */
  public static AutoCloseable sizedForInput(SparkSession spark, long inputBytes) {
    if (!sizesToInput(spark) || inputBytes > SMALL_INPUT_BYTES) {
      return () -> {};
    }
    Map<String, String> before = new java.util.LinkedHashMap<>();
    for (String key : SIZED_KEYS) {
      before.put(key, spark.conf().get(key));
    }
    spark.conf().set(SHUFFLE_PARTITIONS, "1");
    spark.conf().set(ADAPTIVE, "false");
    spark.conf().set(WHOLE_STAGE_CODEGEN, "false");
    spark.conf().set(CODEGEN_FACTORY, "NO_CODEGEN");
    return () -> before.forEach((key, value) -> spark.conf().set(key, value));
  }

  /**
   * {@link #sizedForInput} for a command that reads and rewrites the tables themselves
   * ({@code report}, {@code maintenance}, {@code forget-user}): sized on {@link
   * io.virage.lake.Lakehouse#bytes}, listed only when the session may be sized at all.
   */
  public static AutoCloseable sizedForWarehouse(SparkSession spark, io.virage.lake.Lakehouse lake) {
    return sizesToInput(spark) ? sizedForInput(spark, lake.bytes()) : () -> {};
  }

  /**
   * {@link #sizedForInput} for a command that only reads {@code tables} ({@code sql}, {@code status}):
   * sized on their folders' bytes, listed only when the session may be sized at all.
   */
  public static AutoCloseable sizedForTables(SparkSession spark, io.virage.lake.Lakehouse lake,
      java.util.Collection<io.virage.schema.OutputTables.Table> tables) {
    return sizesToInput(spark) ? sizedForInput(spark, lake.bytes(tables)) : () -> {};
  }
}
