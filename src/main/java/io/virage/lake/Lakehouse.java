package io.virage.lake;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import io.virage.schema.OutputTables;
import io.virage.schema.OutputTables.Table;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;

/**
 * The only writes: the Delta tables under a warehouse root (local path or any Hadoop URI).
 *
 * <p>Every table is created on first use with its table and column comments from
 * {@link OutputTables}. Tables partitioned by run_date are written with {@link #replaceRunDate}:
 * one atomic Delta commit that replaces exactly that run date's rows ({@code replaceWhere}), so a
 * rerun leaves one copy and other dates are untouched; a failed write commits nothing and readers
 * keep the previous version. {@code job_runs} is append-only.
 */
public final class Lakehouse {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Lakehouse.class);
  private final SparkSession spark;
  private final Path root;
  private final java.util.Set<String> upgraded = java.util.concurrent.ConcurrentHashMap.newKeySet();

  public Lakehouse(SparkSession spark, String root) {
    this.spark = spark;
    this.root = qualified(spark, root);
  }

  /** Absolute, scheme-qualified root: Delta takes relative paths for table names. */
  private static Path qualified(SparkSession spark, String root) {
    Path p = new Path(root);
    try {
      return p.getFileSystem(spark.sparkContext().hadoopConfiguration()).makeQualified(p);
    } catch (IOException e) {
      throw new LakehouseUnwritableException("warehouse " + root + " is not reachable: " + e.getMessage(), e);
    }
  }

  public String root() {
    return root.toString();
  }

  public String path(Table table) {
    return new Path(root, table.name()).toString();
  }

  /**
   * Creates the table (empty, with comments) if it does not exist yet. A table written by an earlier
   * version of Virage gets the columns this version added (ALTER TABLE ADD COLUMNS, with their
   * comments; null in the rows already there), once per table and Lakehouse.
   */
  public void ensure(Table table) {
    if (upgraded.contains(table.name())) {
      return;
    }
    if (DeltaTable.isDeltaTable(spark, path(table))) {
      addMissingColumns(table);
      upgraded.add(table.name());
      return;
    }
    checkWritable();
    var builder = DeltaTable.createIfNotExists(spark).location(path(table))
        .comment(table.comment()).addColumns(table.schema());
    if (!table.partitionBy().isEmpty()) {
      builder = builder.partitionedBy(table.partitionBy().toArray(String[]::new));
    }
    builder.execute();
  }

  private void addMissingColumns(Table table) {
    java.util.Set<String> existing = new java.util.HashSet<>(
        List.of(spark.read().format("delta").load(path(table)).columns()));
    List<StructField> missing = java.util.Arrays.stream(table.schema().fields())
        .filter(f -> !existing.contains(f.name())).toList();
    if (missing.isEmpty()) {
      return;
    }
    checkWritable();
    LOG.info("upgrading {}: adding columns {}", table.name(), missing.stream().map(StructField::name).toList());
    spark.sql("ALTER TABLE delta.`" + path(table) + "` ADD COLUMNS (" + missing.stream()
        .map(f -> "`" + f.name() + "` " + f.dataType().sql() + " COMMENT '"
            + f.getComment().getOrElse(() -> "").replace("\\", "\\\\").replace("'", "\\'") + "'")
        .collect(java.util.stream.Collectors.joining(", ")) + ")");
  }

  public void ensureAll() {
    OutputTables.ALL.forEach(this::ensure);
  }

  /**
   * Replaces {@code runDate}'s rows of a run-date-partitioned table by {@code rows} in one commit.
   * Columns are selected and cast to the table's schema, so a stage cannot write a stray column.
   */
  public void replaceRunDate(Table table, Dataset<Row> rows, LocalDate runDate) {
    replaceRunDate(table, rows, runDate, null, List.of());
  }

  /**
   * Like {@link #replaceRunDate(Table, Dataset, LocalDate)}, but only the run date's rows whose
   * {@code column} is one of {@code values} are replaced (the quarantine of the datasets a command
   * validated, leaving the other datasets' rows of that date alone). {@code rows} must all match.
   */
  public void replaceRunDate(Table table, Dataset<Row> rows, LocalDate runDate, String column, List<String> values) {
    if (!table.perRunDate()) {
      throw new IllegalArgumentException(table.name() + " is not partitioned by run_date");
    }
    ensure(table);
    String where = OutputTables.RUN_DATE + " = DATE'" + runDate + "'";
    if (column != null) {
      where += " AND `" + column + "` IN (" + values.stream().map(v -> "'" + v.replace("'", "''") + "'")
          .collect(java.util.stream.Collectors.joining(", ")) + ")";
    }
    io.virage.jobs.Failpoints.beforeWrite(table.name(), table.conform(rows)).write().format("delta").mode("overwrite").option("replaceWhere", where).save(path(table));
  }

  /**
   * Replaces every row of a table that is not partitioned by run date (a current-state table) by
   * {@code rows}, in one commit: readers see the old state or the new one, never a mix.
   */
  public void replaceAll(Table table, Dataset<Row> rows) {
    if (table.perRunDate()) {
      throw new IllegalArgumentException(table.name() + " is partitioned by run_date: replace a run date");
    }
    ensure(table);
    table.conform(rows).write().format("delta").mode("overwrite").save(path(table));
  }

  /** Appends rows (audit tables). */
  public void append(Table table, Dataset<Row> rows) {
    ensure(table);
    table.conform(rows).write().format("delta").mode("append").save(path(table));
  }

  /**
   * Upserts {@code rows} into a table keyed by {@code keys} in one commit: matching rows are
   * replaced, new ones inserted, others untouched. {@code rows} must hold at most one row per key.
   */
  public void merge(Table table, Dataset<Row> rows, List<String> keys) {
    ensure(table);
    String on = keys.stream().map(k -> "t.`" + k + "` = s.`" + k + "`").collect(java.util.stream.Collectors.joining(" AND "));
    DeltaTable.forPath(spark, path(table)).as("t").merge(table.conform(rows).as("s"), on)
        .whenMatched().updateAll().whenNotMatched().insertAll().execute();
  }

  /**
   * The current Delta version of every output table that exists (from the Delta log, no data scan):
   * what a stage starting now reads, recorded in job_runs.input_versions.
   */
  public Map<String, Long> versions() {
    Map<String, Long> out = new java.util.LinkedHashMap<>();
    for (Table t : OutputTables.ALL) {
      long v = org.apache.spark.sql.delta.DeltaLog.forTable(spark, path(t))
          .update(false, scala.Option.empty(), scala.Option.empty()).version();
      if (v >= 0) {
        out.put(t.name(), v);
      }
    }
    return out;
  }

  /** Deletes the rows matching {@code condition}, in one commit; returns how many there were. */
  public long delete(Table table, Column condition) {
    ensure(table);
    long n = read(table).filter(condition).count();
    if (n > 0) {
      checkWritable();
      DeltaTable.forPath(spark, path(table)).delete(condition);
    }
    return n;
  }

  /** Sets columns of the rows matching {@code condition}, in one commit. */
  public void update(Table table, Column condition, Map<String, Column> set) {
    ensure(table);
    checkWritable();
    DeltaTable.forPath(spark, path(table)).update(condition, set);
  }

  public Dataset<Row> read(Table table) {
    ensure(table);
    return spark.read().format("delta").load(path(table));
  }

  /** One run date's rows of a run-date-partitioned table. */
  public Dataset<Row> read(Table table, LocalDate runDate) {
    return read(table).filter(col(OutputTables.RUN_DATE).equalTo(java.sql.Date.valueOf(runDate)));
  }

  /**
   * Bytes of every file under the warehouse, Delta logs and old versions included (an upper bound
   * of what a command reading the tables' history scans): how {@code report}, {@code maintenance} and
   * {@code forget-user} size a local session
   * ({@link io.virage.jobs.SparkSessions#sizedForInput}). 0 for a warehouse not created yet.
   */
  public long bytes() {
    return bytesUnder(root);
  }

  /** {@link #bytes()} of these tables only (their folders): how {@code sql} and {@code status} size a session. */
  public long bytes(java.util.Collection<Table> tables) {
    long total = 0;
    for (Table t : tables) {
      total += bytesUnder(new Path(path(t)));
    }
    return total;
  }

  private long bytesUnder(Path dir) {
    try {
      FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(dir)) {
        return 0L;
      }
      long total = 0;
      org.apache.hadoop.fs.RemoteIterator<org.apache.hadoop.fs.LocatedFileStatus> files = fs.listFiles(dir, true);
      while (files.hasNext()) {
        total += files.next().getLen();
      }
      return total;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("listing warehouse " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Rows written by the table's last commit (from the Delta log, no data scan). */
  public long lastCommitOutputRows(Table table) {
    Row last = DeltaTable.forPath(spark, path(table)).history(1).select("operationMetrics").first();
    Map<String, String> metrics = last.getJavaMap(0);
    if (metrics == null) {
      return 0L;
    }
    return Long.parseLong(metrics.getOrDefault("numOutputRows", "0"));
  }

  /**
   * Registers every output table in the session catalog under its name (creating missing ones),
   * so SQL can say {@code SELECT * FROM ambassador_rankings VERSION AS OF 3}. The catalog is the
   * session's own (in memory): registering never touches the data.
   */
  public void registerAll() {
    register(OutputTables.ALL);
  }

  /**
   * Registers only {@code tables}, as {@link #registerAll} does: each costs a read of its Delta
   * log, so a command registers what its statements name ({@link OutputTables#namedIn}).
   */
  public void register(java.util.Collection<Table> tables) {
    for (Table t : tables) {
      ensure(t);
      spark.sql("DROP TABLE IF EXISTS `" + t.name() + "`");
      spark.sql("CREATE TABLE `" + t.name() + "` USING delta LOCATION '" + path(t).replace("'", "\\'") + "'");
    }
  }

  /** Fails early, with the path, when the warehouse cannot be written (read-only disk, no rights). */
  private void checkWritable() {
    try {
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(root)) {
        fs.mkdirs(root);
      }
      Path probe = new Path(root, ".virage-write-check-" + System.nanoTime());
      fs.create(probe, true).close();
      fs.delete(probe, false);
    } catch (IOException e) {
      throw new LakehouseUnwritableException("warehouse " + root + " is not writable: " + e.getMessage(), e);
    }
  }

  /** The warehouse cannot be written. */
  public static final class LakehouseUnwritableException extends RuntimeException {
    public LakehouseUnwritableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
