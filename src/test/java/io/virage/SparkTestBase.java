package io.virage;

import io.virage.jobs.SparkSessions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;

/**
 * One SparkSession for the whole suite (created once, shared by every test class in the JVM):
 * local[2] with the product's local defaults (UI off, driver on 127.0.0.1, few shuffle partitions,
 * Delta enabled). It is the session the CLI itself gets, so end-to-end tests exercise the
 * product's own configuration path, and no test depends on which command ran first.
 *
 * <p>Every test's data is small, so the session is sized for a small input once, when it is
 * created ({@link SparkSessions#sizedForInput}: one shuffle partition, no adaptive execution,
 * interpreted expressions), as a command sizes it for its small input; a command's own sizing
 * then finds these values and leaves them as they were. {@code SparkSessionsTest} checks the
 * sizing itself from the unsized defaults.
 */
public abstract class SparkTestBase {
  protected static SparkSession spark;
  private static AutoCloseable smallInput;

  /** A body that may throw. */
  @FunctionalInterface
  protected interface Body {
    void run() throws Exception;
  }

  /** Runs {@code body} on the session as created, before the suite's sizing; sized again after. */
  protected static synchronized void unsized(Body body) throws Exception {
    smallInput.close();
    try {
      body.run();
    } finally {
      smallInput = SparkSessions.sizedForInput(spark, 0);
    }
  }

  @BeforeAll
  static void startSpark() throws IOException {
    spark = session();
  }

  private static synchronized SparkSession session() throws IOException {
    if (spark == null) {
      Path warehouse = Files.createTempDirectory("virage-test-catalog");
      // Nothing but the master: the session has the product's local defaults (SparkSessions), so a
      // test gets the same settings whether or not a CLI command ran before it in this JVM.
      spark = SparkSessions.getOrCreate("virage-tests", warehouse.toString(), Map.of("spark.master", "local[2]"));
      smallInput = SparkSessions.sizedForInput(spark, 0); // closed only by unsized(): the whole suite is small
    }
    return spark;
  }

  protected static Dataset<Row> rows(StructType schema, Object[]... values) {
    return spark.createDataFrame(java.util.Arrays.stream(values).map(RowFactory::create).toList(), schema);
  }

  protected static Row row(Object... values) {
    return RowFactory.create(values);
  }

  protected static List<Row> sorted(Dataset<Row> df, String... by) {
    return df.orderBy(by[0], java.util.Arrays.copyOfRange(by, 1, by.length)).collectAsList();
  }
}
