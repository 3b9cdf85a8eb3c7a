package io.virage.ingest;

import static org.apache.spark.sql.functions.col;

import io.virage.schema.InputContract.InputDataset;
import io.virage.schema.InputContract.Interactions;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run's inputs after the contract check and row validation: the loaded rows of each dataset,
 * the quarantined ones, and counts that reconcile (read = loaded + quarantined, per dataset).
 *
 * <p>Tagged rows are cached once (memory, spilling to disk) because every stage reads them;
 * {@link #close()} releases them. The interactions are cached sorted by source and target within
 * each partition (no shuffle): the influence stage, which maps them to dense ids and aggregates
 * them per pair, spends about 30 task seconds less at 1M users than on them in file order.
 */
public final class ValidatedInputs implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ValidatedInputs.class);

  /** Counts of one dataset. {@code reasons}: quarantined rows per reason (sorted by reason). */
  public record Counts(long read, long loaded, long quarantined, Map<String, Long> reasons) {}

  private final Map<InputDataset, Dataset<Row>> tagged;
  private final Map<InputDataset, Counts> counts;

  private ValidatedInputs(Map<InputDataset, Dataset<Row>> tagged, Map<InputDataset, Counts> counts) {
    this.tagged = tagged;
    this.counts = counts;
  }

  /**
   * Reads, checks and validates {@code datasets} under {@code inputRoot}. Users are validated first
   * when present, since interactions and posts must point at loaded users.
   */
  public static ValidatedInputs load(SparkSession spark, String inputRoot, List<InputDataset> datasets,
      InputValidation.Params params) {
    Map<InputDataset, Dataset<Row>> conformed = new EnumMap<>(InputDataset.class);
    for (InputDataset d : datasets) {
      conformed.put(d, InputReader.read(spark, inputRoot, d)); // every contract check before any data moves
    }
    return validate(conformed, params);
  }

  /** Validates already conformed datasets (see {@link InputReader#conform}). */
  public static ValidatedInputs validate(Map<InputDataset, Dataset<Row>> conformed,
      InputValidation.Params params) {
    Map<InputDataset, Dataset<Row>> tagged = new EnumMap<>(InputDataset.class);
    Map<InputDataset, Counts> counts = new EnumMap<>(InputDataset.class);
    Dataset<Row> loadedUsers = null;
    long loadedUserCount = 0;
    Dataset<Row> loadedBrands = null;
    for (InputDataset d : InputDataset.values()) {
      Dataset<Row> in = conformed.get(d);
      if (in == null) {
        continue;
      }
      Dataset<Row> t = switch (d) {
        case USERS -> InputValidation.tagUsers(in, params);
        case INTERACTIONS -> InputValidation.tagInteractions(in, requireUsers(loadedUsers, d), loadedUserCount, params);
        case POSTS -> InputValidation.tagPosts(in, requireUsers(loadedUsers, d), loadedUserCount, params);
        case BRANDS -> InputValidation.tagBrands(in);
        case SENTIMENT_LABELS -> InputValidation.tagSentimentLabels(in);
        case CONVERSIONS -> InputValidation.tagConversions(in, requireUsers(loadedUsers, d), loadedUserCount,
            require(loadedBrands, InputDataset.BRANDS, d), params);
      };
      t = InputValidation.compact(t, d);
      if (d == InputDataset.INTERACTIONS) {
        t = t.sortWithinPartitions(Interactions.SRC_USER_ID, Interactions.DST_USER_ID);
      }
      t = t.persist(StorageLevel.MEMORY_AND_DISK());
      tagged.put(d, t);
      Counts c = count(t);
      counts.put(d, c);
      LOG.info("input {}: read={} loaded={} quarantined={} {}", d.folder(), c.read(), c.loaded(),
          c.quarantined(), c.reasons());
      if (d == InputDataset.USERS) {
        loadedUsers = InputValidation.loaded(t, d);
        loadedUserCount = c.loaded();
      }
      if (d == InputDataset.BRANDS) {
        loadedBrands = InputValidation.loaded(t, d);
      }
    }
    return new ValidatedInputs(tagged, counts);
  }

  private static Dataset<Row> requireUsers(Dataset<Row> users, InputDataset d) {
    return require(users, InputDataset.USERS, d);
  }

  private static Dataset<Row> require(Dataset<Row> loaded, InputDataset needed,
      InputDataset d) {
    if (loaded == null) {
      throw new IllegalArgumentException("validating " + d.folder() + " needs the " + needed.folder() + " dataset");
    }
    return loaded;
  }

  private static Counts count(Dataset<Row> t) {
    // Bounded: one row per distinct reason (a dozen at most).
    List<Row> byReason = t.groupBy(col(InputValidation.REASON)).count().collectAsList();
    long loaded = 0;
    long quarantined = 0;
    Map<String, Long> reasons = new TreeMap<>();
    for (Row r : byReason) {
      long n = r.getLong(1);
      if (r.isNullAt(0)) {
        loaded += n;
      } else {
        quarantined += n;
        reasons.put(r.getString(0), n);
      }
    }
    return new Counts(loaded + quarantined, loaded, quarantined, reasons);
  }

  public boolean has(InputDataset d) {
    return tagged.containsKey(d);
  }

  /** Good rows of {@code d}, contract columns only. */
  public Dataset<Row> loaded(InputDataset d) {
    Dataset<Row> t = tagged.get(d);
    if (t == null) {
      throw new IllegalStateException("dataset " + d.folder() + " was not loaded");
    }
    return InputValidation.loaded(t, d);
  }

  /** Rejected rows of every dataset, in the shape of the quarantine table. */
  public Dataset<Row> quarantine(LocalDate runDate) {
    Dataset<Row> all = null;
    for (Map.Entry<InputDataset, Dataset<Row>> e : tagged.entrySet()) {
      Dataset<Row> q = InputValidation.quarantine(e.getValue(), e.getKey(), runDate);
      all = all == null ? q : all.unionByName(q);
    }
    return all;
  }

  public Counts counts(InputDataset d) {
    return counts.get(d);
  }

  public long totalRead() {
    return counts.values().stream().mapToLong(Counts::read).sum();
  }

  public long totalLoaded() {
    return counts.values().stream().mapToLong(Counts::loaded).sum();
  }

  public long totalQuarantined() {
    return counts.values().stream().mapToLong(Counts::quarantined).sum();
  }

  /** Counts as a JSON-friendly map: dataset -> {read, loaded, quarantined, reasons}. */
  public Map<String, Object> report() {
    Map<String, Object> out = new LinkedHashMap<>();
    counts.forEach((d, c) -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("read", c.read());
      m.put("loaded", c.loaded());
      m.put("quarantined", c.quarantined());
      m.put("reasons", c.reasons());
      out.put(d.folder(), m);
    });
    return out;
  }

  @Override
  public void close() {
    tagged.values().forEach(t -> t.unpersist(false));
  }
}
