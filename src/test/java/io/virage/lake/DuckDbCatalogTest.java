package io.virage.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virage.SparkTestBase;
import io.virage.schema.AnalystViews;
import io.virage.schema.OutputTables;
import io.virage.testing.Cli;
import io.virage.testing.DemoLakehouse;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * DuckDB, an engine that shares no code with Spark or Delta, reads a copy of the demo lakehouse (two
 * nights) through the catalog script that {@code catalog} wrote: every table and every view holds
 * what Spark reads through Delta, row for row, with the tables' and columns' descriptions; and after
 * {@code forget-user}, which rewrites the script, the erased person is gone from DuckDB too.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DuckDbCatalogTest extends SparkTestBase {
  private static Path lake;
  private static Connection duck;

  @BeforeAll
  static void writeTheCatalogAndOpenItInDuckDb(@TempDir Path scratch) throws Exception {
    lake = DemoLakehouse.copy(scratch.resolve("lake"));
    Cli.Result r = Cli.run("catalog", "--warehouse", lake.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("catalog: wrote "), r.out());
    openInDuckDb();
  }

  private static void openInDuckDb() throws Exception {
    if (duck != null) {
      duck.close();
    }
    String script = Files.readString(lake.resolve(DuckDbCatalog.SCRIPT), StandardCharsets.UTF_8);
    duck = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement s = duck.createStatement()) {
      s.execute(script);
    }
    new Lakehouse(spark, lake.toString()).register(OutputTables.ALL);
    AnalystViews.register(spark);
  }

  @AfterAll
  static void close() throws Exception {
    duck.close();
  }

  @Test
  @Order(1)
  void everyTableAndViewHoldsWhatSparkReadsThroughDelta() throws Exception {
    assertBothEnginesAgree();
  }

  private static void assertBothEnginesAgree() throws Exception {
    for (OutputTables.Table t : OutputTables.ALL) {
      String columns = String.join(", ", t.columnNames().stream().map(c -> "`" + c + "`").toList());
      assertEquals(normalised(spark.sql("SELECT " + columns + " FROM " + t.name()).collectAsList()),
          duckRows("SELECT " + columns.replace('`', '"') + " FROM " + t.name()), "table " + t.name());
    }
    for (AnalystViews.View v : AnalystViews.ALL) {
      assertEquals(normalised(spark.sql("SELECT * FROM " + v.name()).collectAsList()),
          duckRows("SELECT * FROM " + v.name()), "view " + v.name());
    }
  }

  @Test
  @Order(2)
  void theFolderHoldsFilesTheSnapshotDropped() throws Exception {
    // What makes the file list necessary: users_public is replaced every night, so its folder holds
    // the first night's files too, which a plain Parquet reader of the folder would count again.
    long plain;
    try (Statement s = duck.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM read_parquet('"
        + lake.resolve(OutputTables.USERS_PUBLIC.name()) + "/*.parquet')")) {
      r.next();
      plain = r.getLong(1);
    }
    long current = spark.table(OutputTables.USERS_PUBLIC.name()).count();
    assertTrue(current > 0);
    assertEquals(2 * current, plain, "two nights of the same users in the folder");
    assertEquals(List.of(List.of(String.valueOf(current))), duckRows("SELECT count(*) FROM users_public"));
  }

  @Test
  @Order(3)
  void descriptionsAreDuckDbComments() throws Exception {
    Map<String, String> comments = new HashMap<>();
    try (Statement s = duck.createStatement(); ResultSet r = s.executeQuery(
        "SELECT table_name || '.' || column_name, comment FROM duckdb_columns()")) {
      while (r.next()) {
        comments.put(r.getString(1), r.getString(2));
      }
    }
    for (OutputTables.Table t : OutputTables.ALL) {
      for (var f : t.schema().fields()) {
        assertEquals(f.getComment().get(), comments.get(t.name() + "." + f.name()), t.name() + "." + f.name());
      }
    }
    Map<String, String> views = new HashMap<>();
    try (Statement s = duck.createStatement(); ResultSet r = s.executeQuery("SELECT view_name, comment FROM duckdb_views()")) {
      while (r.next()) {
        views.put(r.getString(1), r.getString(2));
      }
    }
    assertEquals(OutputTables.AMBASSADOR_RANKINGS.comment(), views.get(OutputTables.AMBASSADOR_RANKINGS.name()));
    for (AnalystViews.View v : AnalystViews.ALL) {
      assertEquals(v.grain(), views.get(v.name()), v.name());
    }
  }

  @Test
  @Order(4)
  void aWritingCommandRewritesTheCatalogSoAnErasedPersonIsGoneFromDuckDb() throws Exception {
    String before = Files.readString(lake.resolve(DuckDbCatalog.SCRIPT), StandardCharsets.UTF_8);
    String person = spark.table(OutputTables.AMBASSADOR_RANKINGS.name()).orderBy("rank", "brand_id").first()
        .getAs(OutputTables.USER_ID);
    assertNotEquals("0", duckRows("SELECT count(*) FROM ambassador_rankings WHERE user_id = '" + person + "'")
        .get(0).get(0), "the person is ranked before the erasure");
    Cli.Result r = Cli.run("forget-user", "--warehouse", lake.toString(), "--user-id", person);
    assertEquals(0, r.code(), r.err());
    assertNotEquals(before, Files.readString(lake.resolve(DuckDbCatalog.SCRIPT), StandardCharsets.UTF_8),
        "forget-user rewrote the catalog");
    openInDuckDb();
    for (OutputTables.Table t : OutputTables.ALL) {
      String column = t.columnNames().contains(OutputTables.USER_ID) ? OutputTables.USER_ID
          : t.columnNames().contains(OutputTables.Sentiment.AUTHOR_ID) ? OutputTables.Sentiment.AUTHOR_ID : null;
      if (column != null) {
        assertEquals(List.of(List.of("0")), duckRows("SELECT count(*) FROM " + t.name() + " WHERE " + column + " = '"
            + person + "'"), person + " in " + t.name());
      }
    }
    assertBothEnginesAgree();
  }

  private static List<List<String>> duckRows(String sql) throws Exception {
    List<List<String>> out = new ArrayList<>();
    try (Statement s = duck.createStatement(); ResultSet r = s.executeQuery(sql)) {
      int n = r.getMetaData().getColumnCount();
      while (r.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          Object o = r.getObject(i);
          row.add(value(o instanceof java.sql.Array a ? java.util.Arrays.asList((Object[]) a.getArray()) : o));
        }
        out.add(row);
      }
    }
    out.sort(java.util.Comparator.comparing(Object::toString));
    return out;
  }

  private static List<List<String>> normalised(List<Row> rows) {
    List<List<String>> out = new ArrayList<>();
    for (Row r : rows) {
      List<String> row = new ArrayList<>();
      for (int i = 0; i < r.size(); i++) {
        Object o = r.get(i);
        row.add(value(o instanceof scala.collection.Seq<?> seq ? scala.jdk.javaapi.CollectionConverters.asJava(seq) : o));
      }
      out.add(row);
    }
    out.sort(java.util.Comparator.comparing(Object::toString));
    return out;
  }

  /** One value as both engines can agree on it: numbers to 9 significant digits, instants in epoch ms. */
  private static String value(Object o) {
    if (o == null) {
      return "null";
    }
    if (o instanceof List<?> list) {
      return list.stream().map(DuckDbCatalogTest::value).toList().toString();
    }
    if (o instanceof Double || o instanceof Float || o instanceof BigDecimal) {
      double d = ((Number) o).doubleValue();
      return Double.isNaN(d) ? "NaN" : new BigDecimal(d).round(new java.math.MathContext(9)).stripTrailingZeros().toPlainString();
    }
    if (o instanceof Number n) {
      return String.valueOf(n.longValue());
    }
    if (o instanceof java.sql.Timestamp t) {
      return String.valueOf(t.getTime());
    }
    if (o instanceof java.time.OffsetDateTime t) {
      return String.valueOf(t.toInstant().toEpochMilli());
    }
    if (o instanceof java.time.LocalDate || o instanceof java.sql.Date) {
      return o.toString();
    }
    return o.toString();
  }
}
