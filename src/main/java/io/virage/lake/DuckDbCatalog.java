package io.virage.lake;

import io.virage.schema.AnalystViews;
import io.virage.schema.OutputTables;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * The lakehouse as a DuckDB catalog: a SQL script, {@code <warehouse>/_catalog/duckdb.sql}, that
 * any DuckDB client (the CLI, JDBC, Python, and through them DBeaver, Metabase, Superset, dbt)
 * runs to get every output table and every analyst view by name, with the tables' and columns'
 * descriptions as DuckDB comments.
 *
 * <p>Each table is a view over exactly the Parquet files of its current Delta snapshot (what a
 * Delta reader reads), never the folder: files that a rerun, {@code forget-user} or OPTIMIZE
 * replaced are not in it, so there is no double count and no erased person. Command {@code catalog}
 * writes it; from then on every command that writes the warehouse rewrites it ({@link #exists}), so
 * it follows the tables; a DuckDB database built from it must run it again after each night. A table with deletion vectors cannot
 * be expressed as a file list and is refused with its name (Virage does not enable them).
 *
 * <p>Views: the SQL of {@link AnalystViews}, in DuckDB's dialect where Spark's differs.
 */
public final class DuckDbCatalog {
  /** Where the script goes, under the warehouse. */
  public static final String SCRIPT = "_catalog/duckdb.sql";

  private DuckDbCatalog() {}

  /** Whether the warehouse has a catalog script (written once by {@code catalog}, then kept up to date). */
  public static boolean exists(SparkSession spark, Lakehouse lake) throws IOException {
    Path out = new Path(lake.root(), SCRIPT);
    return out.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(out);
  }

  /** Writes the script for the warehouse's current snapshots; returns its path. */
  public static String write(SparkSession spark, Lakehouse lake) throws IOException {
    Path out = new Path(lake.root(), SCRIPT);
    FileSystem fs = out.getFileSystem(spark.sparkContext().hadoopConfiguration());
    String previous = "";
    if (fs.exists(out)) {
      try (var in = fs.open(out)) {
        previous = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
    String script = script(spark, lake, previous);
    Path tmp = new Path(out.getParent(), "." + out.getName() + ".tmp");
    try (OutputStream os = fs.create(tmp, true)) {
      os.write(script.getBytes(StandardCharsets.UTF_8));
    }
    fs.delete(out, false);
    if (!fs.rename(tmp, out)) {
      throw new IOException("could not move " + tmp + " to " + out);
    }
    return out.toString();
  }

  /**
   * The script: a view per table over its snapshot's files, comments, then the analyst views. A
   * table whose Delta version is the one {@code previous} (an earlier script, or "") was written for
   * keeps its section as it was: only the tables a command changed are listed again.
   */
  public static String script(SparkSession spark, Lakehouse lake, String previous) {
    Map<String, String> reusable = sections(previous);
    List<Callable<String>> work = new ArrayList<>();
    for (OutputTables.Table t : OutputTables.ALL) {
      work.add(() -> tableSection(spark, lake, t, reusable));
    }
    // Listing a snapshot's files is a small Spark job each: a few at a time keep the cores busy.
    ExecutorService pool = Executors.newFixedThreadPool(4);
    StringBuilder b = new StringBuilder("-- Virage lakehouse ").append(lake.root())
        .append(" as DuckDB views, generated after the last write; run it again after each night.\n")
        .append("-- Each table view reads exactly the files of the table's current Delta snapshot.\n");
    try {
      for (Future<String> f : pool.invokeAll(work)) {
        b.append(f.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while listing the tables' files", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
    for (AnalystViews.View v : AnalystViews.ALL) {
      b.append("CREATE OR REPLACE VIEW ").append(v.name()).append(" AS ").append(v.duckDbSql()).append(";\n");
      b.append("COMMENT ON VIEW ").append(v.name()).append(" IS ").append(literal(v.grain())).append(";\n");
    }
    return b.toString();
  }

  private static final String MARK = "-- table ";
  private static final Pattern SECTION = Pattern.compile("(?m)^" + MARK + "(\\S+) version (-?\\d+) schema (\\S+)$");

  /** The table sections of an earlier script, by "name version hash" (the line that opens each). */
  private static Map<String, String> sections(String script) {
    int viewsAt = firstAnalystView(script);
    List<Integer> starts = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    Matcher m = SECTION.matcher(script);
    while (m.find() && m.start() < viewsAt) {
      starts.add(m.start());
      keys.add(m.group(1) + " " + m.group(2) + " " + m.group(3));
    }
    Map<String, String> out = new HashMap<>();
    for (int i = 0; i < starts.size(); i++) {
      out.put(keys.get(i), script.substring(starts.get(i), i + 1 < starts.size() ? starts.get(i + 1) : viewsAt));
    }
    return out;
  }

  private static int firstAnalystView(String script) {
    int i = script.indexOf("CREATE OR REPLACE VIEW " + AnalystViews.ALL.get(0).name() + " AS ");
    return i < 0 ? script.length() : i;
  }

  private static String tableSection(SparkSession spark, Lakehouse lake, OutputTables.Table t,
      Map<String, String> reusable) {
    String path = lake.path(t);
    // What else the section depends on: the table's columns and comments, and where its files are
    // (a copied lakehouse must not keep the original's paths).
    String schema = Integer.toHexString(java.util.Objects.hash(t.schema().json(), t.comment(), path));
    long version = -1;
    List<String> files = new ArrayList<>();
    if (io.delta.tables.DeltaTable.isDeltaTable(spark, path)) {
      Dataset<Row> table = spark.read().format("delta").load(path); // brings the snapshot up to date
      org.apache.spark.sql.delta.Snapshot snapshot =
          org.apache.spark.sql.delta.DeltaLog.forTable(spark, path).unsafeVolatileSnapshot();
      version = snapshot.version();
      String key = t.name() + " " + version + " " + schema;
      if (reusable.containsKey(key)) {
        return reusable.get(key);
      }
      if (snapshot.protocol().readerFeatureNames().contains("deletionVectors")) {
        throw new IllegalStateException("table " + t.name() + " (" + path + ") has deletion vectors enabled: its rows"
            + " cannot be read as a list of Parquet files, so the DuckDB catalog cannot be written");
      }
      for (String f : table.inputFiles()) { // the snapshot's files: driver metadata, one small job
        files.add(f.startsWith("file:") ? new Path(f).toUri().getPath() : f);
      }
      files.sort(null);
    }
    return MARK + t.name() + " version " + version + " schema " + schema + "\n" + tableView(t, files);
  }

  private static String tableView(OutputTables.Table t, List<String> files) {
    String columns = java.util.Arrays.stream(t.schema().fields()).map(f -> quote(f.name()))
        .collect(Collectors.joining(", "));
    StringBuilder b = new StringBuilder("CREATE OR REPLACE VIEW ").append(t.name()).append(" AS ");
    if (files.isEmpty()) {
      // No file yet: an empty view with the table's columns and types.
      b.append("SELECT ").append(java.util.Arrays.stream(t.schema().fields())
          .map(f -> "CAST(NULL AS " + duckDbType(f.dataType()) + ") AS " + quote(f.name()))
          .collect(Collectors.joining(", "))).append(" WHERE false");
    } else {
      b.append("SELECT ").append(columns).append(" FROM read_parquet([")
          .append(files.stream().map(DuckDbCatalog::literal).collect(Collectors.joining(", ")))
          .append("], union_by_name = true");
      if (!t.partitionBy().isEmpty()) {
        b.append(", hive_partitioning = true, hive_types = {").append(t.partitionBy().stream()
            .map(p -> literal(p) + ": " + literal(duckDbType(t.schema().apply(p).dataType())))
            .collect(Collectors.joining(", "))).append("}");
      }
      b.append(")");
    }
    b.append(";\n");
    b.append("COMMENT ON VIEW ").append(t.name()).append(" IS ").append(literal(t.comment())).append(";\n");
    for (StructField f : t.schema().fields()) {
      b.append("COMMENT ON COLUMN ").append(t.name()).append('.').append(quote(f.name())).append(" IS ")
          .append(literal(f.getComment().getOrElse(() -> ""))).append(";\n");
    }
    return b.toString();
  }

  /** DuckDB's names of the Spark types of the output tables (arrays: the element's name and []). */
  private static final Map<DataType, String> DUCKDB_TYPES = Map.of(DataTypes.StringType, "VARCHAR",
      DataTypes.LongType, "BIGINT", DataTypes.IntegerType, "INTEGER", DataTypes.DoubleType, "DOUBLE",
      DataTypes.BooleanType, "BOOLEAN", DataTypes.DateType, "DATE",
      // Spark writes instants (UTC-adjusted); DuckDB reads them so.
      DataTypes.TimestampType, "TIMESTAMP WITH TIME ZONE");

  static String duckDbType(DataType type) {
    if (type instanceof ArrayType a) {
      return duckDbType(a.elementType()) + "[]";
    }
    String name = DUCKDB_TYPES.get(type);
    if (name == null) {
      throw new IllegalArgumentException("no DuckDB type for " + type.sql());
    }
    return name;
  }

  private static String quote(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  private static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}
