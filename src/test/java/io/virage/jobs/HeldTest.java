package io.virage.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.virage.SparkTestBase;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** What a stage's result holds is released when it is closed: cached and materialized rows alike. */
class HeldTest extends SparkTestBase {
  @Test
  void closingReleasesPersistedAndMaterializedRows() {
    int before = spark.sparkContext().getPersistentRDDs().size();
    Dataset<Row> kept;
    try (Held held = new Held()) {
      Dataset<Row> cached = held.persist(spark.range(0, 10).toDF());
      kept = held.materialize(spark.range(0, 5).toDF());
      assertEquals(10, cached.count());
      assertEquals(before + 2, spark.sparkContext().getPersistentRDDs().size(), "both hold blocks while open");
      assertEquals(List.of(0L, 1L, 2L, 3L, 4L), kept.collectAsList().stream().map(r -> r.getLong(0)).toList());
    }
    assertEquals(before, spark.sparkContext().getPersistentRDDs().size(), "closed: nothing left behind");
  }
}
