package io.virage.bench;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import io.virage.jobs.SparkSessions;
import io.virage.schema.OutputTables;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;

/**
 * "Nothing may change but time": every output table of two warehouses built from the same input
 * (one by the previous jar, one by the new), compared row for row. Columns that say when or where
 * a run happened (run ids, clocks, seconds, the audit's details, model paths) are left out; every
 * other column must be equal, exactly, except doubles, which may differ by {@code 1e-9} relative.
 * Rows are matched on all their non-double columns (which must identify a row in both tables; a
 * table where they do not is compared exactly, doubles included).
 * <pre>
 *   java --add-opens=java.base/sun.util.calendar=ALL-UNNAMED \
 *     -cp target/virage.jar:target/virage-bench.jar io.virage.bench.CompareTables WAREHOUSE_A WAREHOUSE_B [TABLES]
 * </pre>
 * TABLES, optional: the tables to compare, comma-separated (default: every output table); a name
 * that is not an output table is refused (exit 2).
 * Prints a line per table (rows each side, rows that differ, the largest relative difference of a
 * double) and exits 1 when a table differs or exists on one side only.
 */
public final class CompareTables {
  /** Columns that record when, where or how long a run happened: different on every run by nature. */
  static final Set<String> VOLATILE = java.util.stream.Stream.of(OutputTables.JobRuns.RUN_ID, OutputTables.JobRuns.STARTED_AT,
      OutputTables.JobRuns.ENDED_AT, OutputTables.JobRuns.SECONDS, OutputTables.JobRuns.DETAILS,
      OutputTables.JobRuns.SPARK_APP_ID, OutputTables.JobRuns.INPUT_VERSIONS, OutputTables.JobRuns.GIT_COMMIT,
      OutputTables.JobRuns.CODE_VERSION, OutputTables.SentimentModels.CREATED_AT, OutputTables.SentimentModels.PATH,
      OutputTables.ModelEvents.EVENT_AT, OutputTables.ModelEvents.DETAILS, OutputTables.ModelEvents.ACTOR,
      OutputTables.ModelEvaluations.EVALUATED_AT).collect(java.util.stream.Collectors.toUnmodifiableSet());

  static final double RELATIVE = 1e-9;

  private CompareTables() {}

  public static void main(String[] args) throws Exception {
    String a = args[0];
    String b = args[1];
    // Optional: a comma-separated list of the tables to compare (at 10M users, all of them take long).
    Set<String> only = args.length > 2 ? Set.of(args[2].split(",")) : null;
    if (only != null) {
      // A misspelt name would otherwise be skipped and the rest reported "SAME".
      Set<String> known = OutputTables.ALL.stream().map(OutputTables.Table::name)
          .collect(java.util.stream.Collectors.toSet());
      List<String> unknown = only.stream().filter(n -> !known.contains(n)).sorted().toList();
      if (!unknown.isEmpty()) {
        System.err.println("CompareTables: unknown table(s) " + unknown + "; output tables are " + known);
        System.exit(2);
      }
    }
    SparkSession spark = SparkSessions.getOrCreate("virage compare tables", a, Map.of());
    boolean same = true;
    for (OutputTables.Table t : OutputTables.ALL) {
      if (only != null && !only.contains(t.name())) {
        continue;
      }
      boolean inA = exists(spark, a, t);
      boolean inB = exists(spark, b, t);
      if (!inA && !inB) {
        continue;
      }
      if (inA != inB) {
        System.out.printf("%-24s only in %s%n", t.name(), inA ? a : b);
        same = false;
        continue;
      }
      same &= compare(spark, t, spark.read().format("delta").load(a + "/" + t.name()),
          spark.read().format("delta").load(b + "/" + t.name()));
    }
    System.out.println(same ? "SAME: every " + (only == null ? "" : "compared ") + "table equal (doubles within 1e-9 relative)"
        : "DIFFERENT");
    spark.stop();
    System.exit(same ? 0 : 1);
  }

  private static boolean exists(SparkSession spark, String warehouse, OutputTables.Table t) throws java.io.IOException {
    Path log = new Path(warehouse + "/" + t.name() + "/_delta_log");
    return log.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(log);
  }

  /** Prints the table's line; true when equal. */
  static boolean compare(SparkSession spark, OutputTables.Table t, Dataset<Row> a, Dataset<Row> b) {
    // Another schema (a column added, dropped or retyped by one jar) is a difference, said as such.
    List<String> schemaA = java.util.Arrays.stream(a.schema().fields()).map(f -> f.name() + " " + f.dataType().simpleString()).toList();
    List<String> schemaB = java.util.Arrays.stream(b.schema().fields()).map(f -> f.name() + " " + f.dataType().simpleString()).toList();
    if (!schemaA.equals(schemaB)) {
      System.out.printf("%-24s DIFFERENT schemas: %s / %s%n", t.name(), schemaA, schemaB);
      return false;
    }
    List<Column> keys = new ArrayList<>();
    List<String> keyNames = new ArrayList<>();
    List<String> doubles = new ArrayList<>();
    for (StructField f : a.schema().fields()) {
      if (VOLATILE.contains(f.name())) {
        continue;
      }
      if (f.dataType().equals(DataTypes.DoubleType) || f.dataType().equals(DataTypes.FloatType)) {
        doubles.add(f.name());
      } else {
        keys.add((f.dataType() instanceof MapType ? to_json(col(f.name())) : col(f.name())).as(f.name()));
        keyNames.add(f.name());
      }
    }
    List<Column> all = new ArrayList<>(keys);
    doubles.forEach(d -> all.add(col(d)));
    Dataset<Row> left = a.select(all.toArray(Column[]::new)).cache();
    Dataset<Row> right = b.select(all.toArray(Column[]::new)).cache();
    long na = left.count();
    long nb = right.count();
    Column[] keyColumns = keyNames.stream().map(k -> col(k)).toArray(Column[]::new);
    boolean unique = doubles.isEmpty()
        || (left.select(keyColumns).distinct().count() == na && right.select(keyColumns).distinct().count() == nb);
    long differ;
    double maxRelative = 0;
    String how;
    if (doubles.isEmpty() || !unique) {
      differ = left.exceptAll(right).count() + right.exceptAll(left).count();
      how = doubles.isEmpty() ? "exact" : "exact (non-double columns do not identify a row)";
    } else {
      Dataset<Row> l = left.toDF(prefixed("l_", left.columns()));
      Dataset<Row> r = right.toDF(prefixed("r_", right.columns()));
      Column on = lit(true);
      for (String k : keyNames) {
        on = on.and(col("l_" + k).eqNullSafe(col("r_" + k)));
      }
      Column relative = lit(0.0);
      // A row on one side only: its marker is null after the full outer join.
      l = l.withColumn("l__present", lit(true));
      r = r.withColumn("r__present", lit(true));
      Column missing = col("l__present").isNull().or(col("r__present").isNull());
      for (String d : doubles) {
        Column x = col("l_" + d);
        Column y = col("r_" + d);
        Column rel = when(x.isNull().and(y.isNull()), 0.0)
            .when(x.isNull().or(y.isNull()), Double.POSITIVE_INFINITY)
            .when(x.equalTo(y), 0.0)
            .otherwise(abs(x.minus(y)).divide(greatest(abs(x), abs(y))));
        relative = greatest(relative, rel);
      }
      Column bad = missing.or(relative.gt(RELATIVE));
      Row s = l.join(r, on, "full_outer")
          .agg(sum(when(bad, 1L).otherwise(0L)), max(when(missing, 0.0).otherwise(relative))).first();
      differ = s.isNullAt(0) ? 0 : s.getLong(0);
      maxRelative = s.isNullAt(1) ? 0 : s.getDouble(1);
      how = "matched on " + keyNames.size() + " columns, " + doubles.size() + " doubles";
    }
    left.unpersist();
    right.unpersist();
    boolean equal = na == nb && differ == 0;
    System.out.printf("%-24s %s rows %d / %d, differing %d, max relative %.3g (%s)%n", t.name(),
        equal ? "same     " : "DIFFERENT", na, nb, differ, maxRelative, how);
    return equal;
  }

  private static String[] prefixed(String prefix, String[] names) {
    String[] out = new String[names.length];
    for (int i = 0; i < names.length; i++) {
      out[i] = prefix + names[i];
    }
    return out;
  }
}
