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
 */
public abstract class SparkTestBase {
  protected static SparkSession spark;

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
