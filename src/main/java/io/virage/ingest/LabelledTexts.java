package io.virage.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.xxhash64;

import io.virage.schema.InputContract.SentimentLabels;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.StorageLevel;

/**
 * Reads a labelled text set for training or evaluation: the contract's {@code sentiment_labels}
 * Parquet dataset (a folder, or a {@code .parquet} file), or a {@code .csv} / {@code .tsv} file with
 * a header, or JSON lines ({@code .json}, {@code .jsonl}, {@code .ndjson}); columns {@code text},
 * {@code label} and optionally {@code lang}. Labels are trimmed and lower-cased; {@code neg},
 * {@code neu}, {@code pos} are read as negative, neutral, positive.
 *
 * <p>A row with a null or blank text or label ({@code missing_value}) or a label outside negative /
 * neutral / positive ({@code unknown_label}) is not used; it is counted under its reason, by the very
 * rules {@code validate} applies to {@code sentiment_labels} ({@link InputValidation#tagSentimentLabels}),
 * so read = used + rejected always holds and both count the same rows. Nothing else is dropped:
 * duplicates are kept (they are real weight in a labelled set).
 */
public final class LabelledTexts {
  public static final String REJECT_REASON = "_reject";

  /** The usable rows (text, label, lang), cached, and the counts. */
  public record Loaded(Dataset<Row> rows, long read, Map<String, Long> rejected, String fingerprint) implements AutoCloseable {
    public long used() {
      return read - rejected.values().stream().mapToLong(Long::longValue).sum();
    }

    public long rejectedTotal() {
      return read - used();
    }

    @Override
    public void close() {
      rows.unpersist(false);
    }
  }

  private LabelledTexts() {}

  public static Loaded read(SparkSession spark, String path) {
    Dataset<Row> raw = rawRead(spark, path);
    List<String> columns = Arrays.asList(raw.columns());
    for (String required : List.of(SentimentLabels.TEXT, SentimentLabels.LABEL)) {
      if (!columns.contains(required)) {
        throw new ContractViolation("labelled set " + path + ": column '" + required + "' is missing; found "
            + columns + " (expected text, label and optionally lang)");
      }
    }
    for (StructField f : raw.schema().fields()) {
      if (List.of(SentimentLabels.TEXT, SentimentLabels.LABEL, SentimentLabels.LANG).contains(f.name())
          && !f.dataType().equals(DataTypes.StringType)) {
        throw new ContractViolation("labelled set " + path + ": column '" + f.name() + "' expected string, found "
            + f.dataType().simpleString());
      }
    }
    Column lang = columns.contains(SentimentLabels.LANG) ? lower(trim(col(SentimentLabels.LANG))) : lit(null).cast("string");
    Dataset<Row> tagged = InputValidation.tagSentimentLabels(raw.select(col(SentimentLabels.TEXT),
            col(SentimentLabels.LABEL), lang.as(SentimentLabels.LANG)))
        .select(col(SentimentLabels.TEXT), col(SentimentLabels.LABEL), col(SentimentLabels.LANG),
            col(InputValidation.REASON).as(REJECT_REASON))
        .persist(StorageLevel.MEMORY_AND_DISK());
    long read = tagged.count();
    Map<String, Long> rejected = new LinkedHashMap<>();
    for (Row r : tagged.filter(col(REJECT_REASON).isNotNull()).groupBy(REJECT_REASON).count().orderBy(REJECT_REASON)
        .collectAsList()) { // at most two reasons
      rejected.put(r.getString(0), r.getLong(1));
    }
    Dataset<Row> rows = tagged.filter(col(REJECT_REASON).isNull()).drop(REJECT_REASON)
        .persist(StorageLevel.MEMORY_AND_DISK());
    String fingerprint = fingerprint(rows);
    tagged.unpersist(false);
    return new Loaded(rows, read, rejected, fingerprint);
  }

  /** Order-independent: count and a sum of 31-bit row hashes (cannot overflow a long under ANSI). */
  static String fingerprint(Dataset<Row> rows) {
    Row fp = rows.agg(count(lit(1)), sum(pmod(xxhash64(col(SentimentLabels.TEXT), col(SentimentLabels.LABEL),
        col(SentimentLabels.LANG)), lit(Integer.MAX_VALUE)))).first();
    return String.format(Locale.ROOT, "%d-%016x", fp.getLong(0), fp.isNullAt(1) ? 0L : fp.getLong(1));
  }

  private static Dataset<Row> rawRead(SparkSession spark, String path) {
    Path p = new Path(path);
    try {
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(p)) {
        throw new ContractViolation("labelled set " + path + ": not found");
      }
      String name = p.getName().toLowerCase(Locale.ROOT);
      if (fs.getFileStatus(p).isDirectory() || name.endsWith(".parquet")) {
        return spark.read().parquet(path);
      }
      if (name.endsWith(".csv")) {
        return spark.read().option("header", true).option("multiLine", true).option("escape", "\"").csv(path);
      }
      if (name.endsWith(".tsv")) {
        return spark.read().option("header", true).option("sep", "\t").option("quote", "").csv(path);
      }
      if (name.endsWith(".json") || name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
        return spark.read().json(path);
      }
    } catch (java.io.IOException e) {
      throw new ContractViolation("labelled set " + path + ": cannot be read: " + e.getMessage(), e);
    }
    throw new ContractViolation("labelled set " + path + ": unknown format; expected a Parquet folder or a .parquet, "
        + ".csv, .tsv, .json, .jsonl or .ndjson file");
  }
}
