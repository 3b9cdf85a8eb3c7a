package io.virage.lake;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.tables.DeltaTable;
import io.virage.SparkTestBase;
import io.virage.schema.OutputTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Delta writes: one run date replaced per commit, comments from the schema, time travel. */
class LakehouseTest extends SparkTestBase {
  private static final LocalDate D1 = LocalDate.parse("2026-11-25");
  private static final LocalDate D2 = LocalDate.parse("2026-11-26");
  private static final StructType QUARANTINE_IN = new StructType()
      .add("run_date", DataTypes.DateType).add("dataset", DataTypes.StringType).add("reason", DataTypes.StringType)
      .add("column_name", DataTypes.StringType).add("source_file", DataTypes.StringType)
      .add("row_json", DataTypes.StringType).add("stray", DataTypes.StringType);

  @TempDir
  Path warehouse;

  private static Object[] q(LocalDate d, String reason) {
    return new Object[] {Date.valueOf(d), "users", reason, "user_id", "f.parquet", "{}", "dropped"};
  }

  @Test
  void replacingARunDateLeavesOtherDatesAndOneCopy() {
    Lakehouse lake = new Lakehouse(spark, warehouse.toString());
    lake.replaceRunDate(OutputTables.QUARANTINE, rows(QUARANTINE_IN, q(D1, "null_key"), q(D1, "self_loop")), D1);
    lake.replaceRunDate(OutputTables.QUARANTINE, rows(QUARANTINE_IN, q(D2, "unknown_type")), D2);
    lake.replaceRunDate(OutputTables.QUARANTINE, rows(QUARANTINE_IN, q(D1, "duplicate_id")), D1);
    lake.replaceRunDate(OutputTables.QUARANTINE, rows(QUARANTINE_IN, q(D1, "duplicate_id")), D1);
    List<Row> all = sorted(lake.read(OutputTables.QUARANTINE).select("run_date", "reason"), "run_date");
    assertEquals(List.of(row(Date.valueOf(D1), "duplicate_id"), row(Date.valueOf(D2), "unknown_type")), all);
    assertEquals(1, lake.lastCommitOutputRows(OutputTables.QUARANTINE));
    // Version 0 created the empty table; version 1 held the first write of D1.
    assertEquals(2, spark.read().format("delta").option("versionAsOf", 1).load(lake.path(OutputTables.QUARANTINE))
        .filter(col("run_date").equalTo(Date.valueOf(D1))).count());
    // What docs/analysts.md warns of: the folder read as plain Parquet holds every write of D1 (2 + 1 + 1 rows),
    // the removed files included, where the Delta table holds the latest one.
    assertEquals(4, spark.read().parquet(lake.path(OutputTables.QUARANTINE))
        .filter(col("run_date").equalTo(Date.valueOf(D1))).count(), "plain Parquet double-counts after reruns");
  }

  @Test
  void aTableFromAnEarlierVersionGainsTheNewColumnsAndKeepsItsRows() {
    Lakehouse lake = new Lakehouse(spark, warehouse.toString());
    OutputTables.Table t = OutputTables.QUARANTINE;
    // An "earlier version" of the table: without column_name and row_json, one row written.
    StructType old = new StructType().add("run_date", DataTypes.DateType).add("dataset", DataTypes.StringType)
        .add("reason", DataTypes.StringType).add("source_file", DataTypes.StringType);
    DeltaTable.create(spark).location(lake.path(t)).addColumns(old).partitionedBy("run_date").execute();
    rows(old, new Object[] {Date.valueOf(D1), "users", "null_key", "f.parquet"}).write().format("delta")
        .mode("append").save(lake.path(t));

    lake.replaceRunDate(t, rows(QUARANTINE_IN, q(D2, "self_loop")), D2);
    StructType schema = DeltaTable.forPath(spark, lake.path(t)).toDF().schema();
    assertEquals(java.util.Set.copyOf(t.columnNames()), java.util.Set.of(schema.fieldNames()));
    assertEquals(t.schema().apply("row_json").getComment().get(), schema.apply("row_json").getComment().get(),
        "added with the comment");
    assertEquals(List.of(row(Date.valueOf(D1), "null_key", null), row(Date.valueOf(D2), "self_loop", "{}")),
        sorted(lake.read(t).select("run_date", "reason", "row_json"), "run_date"));
  }

  @Test
  void tablesCarryTableAndColumnCommentsAndOnlyContractColumns() {
    Lakehouse lake = new Lakehouse(spark, warehouse.toString());
    lake.replaceRunDate(OutputTables.QUARANTINE, rows(QUARANTINE_IN, q(D1, "null_key")), D1);
    for (OutputTables.Table t : OutputTables.ALL) {
      lake.ensure(t);
      StructType schema = DeltaTable.forPath(spark, lake.path(t)).toDF().schema();
      assertEquals(t.columnNames(), List.of(schema.fieldNames()), t.name() + ": columns");
      for (StructField f : schema.fields()) {
        assertTrue(f.getComment().isDefined() && !f.getComment().get().isBlank(), t.name() + "." + f.name() + " has a comment");
      }
      Row detail = spark.sql("DESCRIBE DETAIL delta.`" + lake.path(t) + "`").select("description", "partitionColumns").first();
      assertEquals(t.comment(), detail.getString(0), t.name() + ": table comment");
      assertEquals(t.partitionBy(), detail.getList(1), t.name() + ": partitioning");
    }
  }

  @Test
  void registeredTablesAnswerSqlWithTimeTravelAndKeepTheirData() {
    Lakehouse lake = new Lakehouse(spark, warehouse.toString());
    lake.replaceRunDate(OutputTables.QUARANTINE, rows(QUARANTINE_IN, q(D1, "null_key")), D1);
    lake.registerAll();
    lake.registerAll(); // registering again never touches the data
    assertEquals(1L, spark.sql("SELECT count(*) FROM quarantine").first().getLong(0));
    assertEquals(0L, spark.sql("SELECT count(*) FROM quarantine VERSION AS OF 0").first().getLong(0));
    assertEquals(0L, spark.sql("SELECT count(*) FROM ambassador_rankings").first().getLong(0));
  }

  @Test
  void unwritableWarehouseIsAClearError() throws Exception {
    Path file = Files.writeString(warehouse.resolve("not-a-folder"), "x");
    Lakehouse lake = new Lakehouse(spark, file.resolve("lake").toString());
    Lakehouse.LakehouseUnwritableException e = assertThrows(Lakehouse.LakehouseUnwritableException.class,
        () -> lake.ensure(OutputTables.JOB_RUNS));
    assertTrue(e.getMessage().startsWith("warehouse file:" + file.resolve("lake") + " is not writable"), e.getMessage());
  }
}
