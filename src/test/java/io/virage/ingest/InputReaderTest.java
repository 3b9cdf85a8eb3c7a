package io.virage.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virage.SparkTestBase;
import io.virage.schema.InputContract.InputDataset;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract check: each way an input can break it gives an error naming dataset, column, expected and found. */
class InputReaderTest extends SparkTestBase {
  @TempDir
  Path input;

  private void write(String dataset, StructType schema, Object[]... values) {
    rows(schema, values).write().mode("overwrite").parquet(input.resolve(dataset).toString());
  }

  @Test
  void missingDatasetNamesDatasetAndPath() {
    ContractViolation e = assertThrows(ContractViolation.class,
        () -> InputReader.read(spark, input.toString(), InputDataset.USERS));
    assertTrue(e.getMessage().startsWith("dataset 'users': no folder at "), e.getMessage());
    assertTrue(e.getMessage().contains(input.resolve("users").toString()), e.getMessage());
  }

  @Test
  void missingRequiredColumnNamesColumnAndExpectedType() {
    write("interactions", new StructType().add("src_user_id", DataTypes.StringType).add("type", DataTypes.StringType)
        .add("ts", DataTypes.TimestampType), new Object[] {"a", "like", new Timestamp(0)});
    ContractViolation e = assertThrows(ContractViolation.class,
        () -> InputReader.read(spark, input.toString(), InputDataset.INTERACTIONS));
    assertTrue(e.getMessage().startsWith("dataset 'interactions' at "), e.getMessage());
    assertTrue(e.getMessage().endsWith("required column 'dst_user_id' is missing (expected string)"), e.getMessage());
  }

  @Test
  void wrongTypeNamesExpectedAndFound() {
    write("users", new StructType().add("user_id", DataTypes.StringType).add("followers_count", DataTypes.StringType),
        new Object[] {"a", "many"});
    ContractViolation e = assertThrows(ContractViolation.class,
        () -> InputReader.read(spark, input.toString(), InputDataset.USERS));
    assertTrue(e.getMessage().endsWith("column 'followers_count': expected integer (int or bigint), found string"),
        e.getMessage());
  }

  @Test
  void folderWithoutParquetIsAClearError() throws Exception {
    java.nio.file.Files.createDirectories(input.resolve("brands"));
    ContractViolation e = assertThrows(ContractViolation.class,
        () -> InputReader.read(spark, input.toString(), InputDataset.BRANDS));
    assertTrue(e.getMessage().startsWith("dataset 'brands' at "), e.getMessage());
    assertTrue(e.getMessage().contains("not readable as Parquet"), e.getMessage());
  }

  @Test
  void conformsTypesDropsPersonalColumnsAndAddsAbsentOptionalOnes() {
    write("users", new StructType().add("user_id", DataTypes.StringType)
            .add("followers_count", DataTypes.IntegerType)
            .add("created_at", DataTypes.StringType)
            .add("email", DataTypes.StringType)
            .add("phone", DataTypes.StringType),
        new Object[] {"u1", 12, "2024-05-01T10:00:00Z", "jane@example.com", "+33 6 12 34 56 78"},
        new Object[] {"u2", 3, "yesterday", "joe@example.com", "+33 6 00 00 00 00"});
    Dataset<Row> read = InputReader.read(spark, input.toString(), InputDataset.USERS);
    List<Row> out = sorted(read.withColumn(InputReader.ROW_JSON, InputReader.rowJson(read)), "user_id");
    Row first = out.get(0);
    List<String> names = Arrays.asList(first.schema().fieldNames());
    assertFalse(names.contains("email"), "personal column must be dropped: " + names);
    assertFalse(names.contains("phone"), "personal column must be dropped: " + names);
    assertEquals(DataTypes.LongType, first.schema().apply("followers_count").dataType());
    assertEquals(12L, first.<Long>getAs("followers_count"));
    assertEquals(Timestamp.valueOf("2024-05-01 10:00:00"), first.getAs("created_at"));
    assertTrue(first.isNullAt(first.fieldIndex("handle")), "absent optional column is a typed null");
    assertFalse(first.<Boolean>getAs(InputReader.unparsedFlag("created_at")));
    Row second = out.get(1);
    assertTrue(second.isNullAt(second.fieldIndex("created_at")));
    assertTrue(second.<Boolean>getAs(InputReader.unparsedFlag("created_at")), "unparseable value is flagged");
    String json = second.getAs(InputReader.ROW_JSON);
    assertTrue(json.contains("\"created_at\":\"yesterday\""), json);
    assertFalse(json.contains("example.com"), "row JSON keeps contract columns only: " + json);
    assertTrue(second.<String>getAs(InputReader.SOURCE_FILE).contains("part-"), "source file recorded");
  }

  /**
   * The same row in two files (paths with a space and a percent sign, which file URIs escape): one is
   * a duplicate, the one of the file whose path sorts first is kept, and the duplicate's quarantine
   * row names the other file, as the file system lists it.
   */
  @Test
  void identicalRowsInTwoFilesKeepTheFirstFileAndNameTheOther() throws Exception {
    StructType schema = new StructType().add("user_id", DataTypes.StringType).add("handle", DataTypes.StringType);
    rows(schema, new Object[] {"u1", "@one"}).coalesce(1).write().parquet(input.resolve("users/dt=2026-11-02 b%").toString());
    rows(schema, new Object[] {"u1", "@one"}).coalesce(1).write().parquet(input.resolve("users/dt=2026-11-01 a%").toString());
    ValidatedInputs in = ValidatedInputs.load(spark, input.toString(), List.of(InputDataset.USERS),
        new InputValidation.Params(java.time.LocalDate.parse("2026-11-26"), java.time.Instant.parse("2026-11-27T00:00:00Z")));
    try {
      assertEquals(new ValidatedInputs.Counts(2, 1, 1, java.util.Map.of("duplicate_id", 1L)), in.counts(InputDataset.USERS));
      Row q = in.quarantine(java.time.LocalDate.parse("2026-11-26")).first();
      String expected;
      try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(input.resolve("users/dt=2026-11-02 b%"))) {
        expected = files.filter(f -> f.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow()
            .toUri().toString();
      }
      // java.nio writes file:///, Hadoop file:/: compare from the first path separator after the scheme.
      assertEquals(expected.replaceFirst("^file:/+", "/"), q.<String>getAs("source_file").replaceFirst("^file:/+", "/"));
      assertEquals("{\"user_id\":\"u1\",\"handle\":\"@one\"}", q.getAs("row_json"));
    } finally {
      in.close();
    }
  }

  @Test
  void readsDtPartitionedFolders() {
    StructType schema = new StructType().add("brand_id", DataTypes.StringType).add("keywords", DataTypes.StringType);
    rows(schema, new Object[] {"b1", "alpha, #beta"}).write().parquet(input.resolve("brands/dt=2026-11-01").toString());
    rows(schema, new Object[] {"b2", "gamma"}).write().parquet(input.resolve("brands/dt=2026-11-02").toString());
    List<Row> out = sorted(InputReader.read(spark, input.toString(), InputDataset.BRANDS), "brand_id");
    assertEquals(2, out.size());
    assertEquals(List.of("alpha", "#beta"), out.get(0).getList(out.get(0).fieldIndex("keywords")),
        "a comma-separated keywords string becomes a trimmed list");
    assertFalse(Arrays.asList(out.get(0).schema().fieldNames()).contains("dt"), "partition column is not contract");
  }
}
