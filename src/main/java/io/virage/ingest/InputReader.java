package io.virage.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import io.virage.schema.ColumnKind;
import io.virage.schema.InputContract.InputDataset;
import io.virage.schema.InputContract.Spec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The only reads of input data. Reads one dataset's Parquet folder (optionally partitioned by
 * {@code dt=YYYY-MM-DD}) under an input root (any Hadoop URI), checks the contract explicitly and
 * returns the conformed rows.
 *
 * <p>Output columns: every contract column with its target type (absent optional columns are typed
 * nulls), plus a raw copy {@code _raw_c} of each contract column {@code c} the files have (the
 * evidence a quarantined row keeps: {@link #rowJson} turns the copies into its JSON, built for
 * rejected rows only), {@link #SOURCE_FILE} and, per timestamp column {@code c}, a boolean
 * {@code _unparsed_c} (a value was present but did not parse). Columns outside the contract (email,
 * phone, ...) are dropped here.
 *
 * <p>The JSON was a column of every row once: at 1M users, 7.7 s to conform the 10M interactions
 * against 2.3 s without it (warm, {@code bench/ValidateFloor} in docs/benchmarks.md), for rows of
 * which 99 % are loaded and never need it.
 */
public final class InputReader {
  /** The raw contract columns of a rejected row as JSON, in the tagged rows ({@link InputValidation#compact}). */
  public static final String ROW_JSON = "_row_json";
  public static final String SOURCE_FILE = "_source_file";
  private static final String UNPARSED = "_unparsed_";
  private static final String RAW = "_raw_";

  /** Name of the hidden copy of contract column {@code column} as the files hold it. */
  public static String rawCopy(String column) {
    return RAW + column;
  }

  /**
   * The raw contract columns of each row of {@code conformed} as JSON (null fields written), from
   * its {@link #rawCopy} columns in contract order: what the quarantine keeps of a rejected row.
   * Evaluate it only where it is needed: it costs about a microsecond of CPU per row.
   */
  public static Column rowJson(Dataset<Row> conformed) {
    Column[] raw = Arrays.stream(conformed.columns()).filter(c -> c.startsWith(RAW))
        .map(c -> col(c).as(c.substring(RAW.length()))).toArray(Column[]::new);
    return to_json(struct(raw), Map.of("ignoreNullFields", "false"));
  }

  private InputReader() {}

  /** Name of the flag column that says a timestamp column held an unparseable value. */
  public static String unparsedFlag(String column) {
    return UNPARSED + column;
  }

  /** Reads and conforms {@code dataset} under {@code inputRoot}, or fails naming what is wrong. */
  public static Dataset<Row> read(SparkSession spark, String inputRoot, InputDataset dataset) {
    Path path = new Path(inputRoot, dataset.folder());
    try {
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(path)) {
        throw new ContractViolation("dataset '" + dataset.folder() + "': no folder at " + path
            + " (expected Parquet files, optionally under dt=YYYY-MM-DD partitions)");
      }
    } catch (IOException e) {
      throw new ContractViolation("dataset '" + dataset.folder() + "': cannot access " + path + ": "
          + e.getMessage(), e);
    }
    Dataset<Row> raw;
    try {
      raw = spark.read().parquet(path.toString());
      raw.schema();
    } catch (Exception e) {
      if (e instanceof AnalysisException || e.getCause() instanceof AnalysisException
          || e.getClass().getName().contains("Spark")) {
        throw new ContractViolation("dataset '" + dataset.folder() + "' at " + path
            + ": not readable as Parquet (" + firstLine(e.getMessage()) + ")", e);
      }
      throw e;
    }
    return conform(raw, dataset, path.toString());
  }

  /**
   * Checks {@code raw} against the contract and conforms it. Public so that tests and other
   * readers (CSV label files) share the one check.
   */
  public static Dataset<Row> conform(Dataset<Row> raw,
      InputDataset dataset, String where) {
    StructType schema = raw.schema();
    check(schema, dataset, where);
    List<Column> rawContract = new ArrayList<>();
    List<Column> out = new ArrayList<>();
    for (Spec spec : dataset.columns()) {
      Optional<StructField> found = field(schema, spec.name());
      if (found.isPresent()) {
        rawContract.add(col(spec.name()).as(rawCopy(spec.name())));
        out.add(spec.kind().conform(spec.name(), found.get().dataType()).as(spec.name()));
        if (spec.kind() == ColumnKind.TIMESTAMP) {
          Column parsed = spec.kind().conform(spec.name(), found.get().dataType());
          out.add(col(spec.name()).isNotNull().and(parsed.isNull()).as(unparsedFlag(spec.name())));
        }
      } else {
        out.add(spec.kind().absent().as(spec.name()));
        if (spec.kind() == ColumnKind.TIMESTAMP) {
          out.add(lit(false).as(unparsedFlag(spec.name())));
        }
      }
    }
    // File sources expose _metadata.file_path; rows built in memory (tests) name `where` instead.
    boolean hasMetadata = raw.queryExecution().analyzed().metadataOutput().nonEmpty();
    out.addAll(rawContract);
    out.add((hasMetadata ? col("_metadata.file_path") : lit(where)).as(SOURCE_FILE));
    return raw.select(out.toArray(Column[]::new));
  }

  /** Fails on the first missing required column or wrong type, naming dataset, column, expected, found. */
  static void check(StructType schema, InputDataset dataset, String where) {
    List<String> problems = new ArrayList<>();
    for (Spec spec : dataset.columns()) {
      Optional<StructField> found = field(schema, spec.name());
      if (found.isEmpty()) {
        if (spec.required()) {
          problems.add("required column '" + spec.name() + "' is missing (expected " + spec.kind().expected() + ")");
        }
      } else if (!spec.kind().accepts(found.get().dataType())) {
        problems.add("column '" + spec.name() + "': expected " + spec.kind().expected() + ", found "
            + found.get().dataType().simpleString());
      }
    }
    if (!problems.isEmpty()) {
      throw new ContractViolation("dataset '" + dataset.folder() + "' at " + where + ": "
          + String.join("; ", problems));
    }
  }

  private static Optional<StructField> field(StructType schema, String name) {
    return Arrays.stream(schema.fields()).filter(f -> f.name().equals(name)).findFirst();
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unknown error";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
