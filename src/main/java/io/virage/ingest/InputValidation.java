package io.virage.ingest;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import io.virage.graph.engine.DenseIndex;
import io.virage.schema.InputContract.Brands;
import io.virage.schema.InputContract.Conversions;
import io.virage.schema.InputContract.InputDataset;
import io.virage.schema.InputContract.Interactions;
import io.virage.schema.InputContract.Posts;
import io.virage.schema.InputContract.SentimentLabels;
import io.virage.schema.InputContract.Users;
import io.virage.schema.OutputTables;
import io.virage.schema.OutputTables.Quarantine;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Row-level validation: tags every conformed input row (from {@link InputReader}) with the first
 * rule it breaks, or none. Dataset-in/Dataset-out; the caller decides what to count and write. The
 * jobs run here return bounded lists: the hashes of keys that repeat ({@link #duplicates}) and, over
 * 2M loaded users, the ids that no loaded user has ({@link #unknownUsers}).
 *
 * <p>Output of each {@code tag*}: the input columns plus {@link #REASON} and {@link #REASON_COLUMN}
 * (both null for a good row). Rules, in order (the first that matches is the reason):
 * <ul>
 *   <li>{@code null_key}: a key column is null (user_id, src/dst_user_id, type, post_id,
 *       author_id, brand_id);</li>
 *   <li>{@code missing_value}: another required column is null (post text; label text or label, null or
 *       blank);</li>
 *   <li>{@code missing_timestamp} / {@code unparseable_timestamp}: a required timestamp is absent
 *       or did not parse; {@code future_timestamp}: later than the run's clock;</li>
 *   <li>{@code unknown_type}: interaction type outside the contract (compared trimmed, lower case);
 *       {@code unknown_label}: label outside negative/neutral/positive;</li>
 *   <li>{@code self_loop}: an interaction from a user to itself (says nothing about influence);</li>
 *   <li>{@code duplicate_id}: a second row with the same id (the row whose JSON sorts first is kept,
 *       so the choice is deterministic); {@code duplicate_row}: an interaction repeated identically;</li>
 *   <li>{@code unknown_user}: an interaction, post or conversion pointing at a user not loaded;
 *       {@code unknown_brand}: a conversion to a brand not loaded;</li>
 *   <li>conversions only: {@code invalid_value} (NaN, infinite), {@code negative_value},
 *       {@code self_referral} (see {@link #tagConversions});</li>
 *   <li>{@code erased_user}, whatever else applies: a user, post or interaction naming a user erased
 *       by forget-user (see {@link #erased}); quarantined without its JSON.</li>
 * </ul>
 */
public final class InputValidation {
  public static final String REASON = "_reason";
  public static final String REASON_COLUMN = "_reason_column";

  /**
   * What validation needs to know about the run: its date, its clock (for future timestamps) and
   * the SHA-256 keys of the users erased by forget-user.
   */
  public record Params(LocalDate runDate, Instant now, List<String> erasedUserKeys) {
    public Params(LocalDate runDate, Instant now) {
      this(runDate, now, List.of());
    }
  }

  /** Reason of a row that names an erased user: it is quarantined without its content. */
  public static final String ERASED_USER = "erased_user";

  private record Rule(String reason, String column, Column when) {}

  private InputValidation() {}

  public static Dataset<Row> tagUsers(Dataset<Row> users, Params p) {
    Dataset<Row> tagged = applyRules(users, List.of(
        new Rule("null_key", Users.USER_ID, col(Users.USER_ID).isNull()),
        unparseable(Users.CREATED_AT),
        future(Users.CREATED_AT, p)));
    return erased(duplicates(tagged, List.of(Users.USER_ID), "duplicate_id", Users.USER_ID), p, Users.USER_ID);
  }

  /**
   * Tags interactions; {@code loadedUsers} are the users that passed validation, {@code loadedUserCount}
   * how many (up to {@link DenseIndex#BROADCAST_MAX_USERS} their ids are shipped to every task instead
   * of shuffling the interactions, twice, with their evidence).
   */
  public static Dataset<Row> tagInteractions(Dataset<Row> interactions,
      Dataset<Row> loadedUsers, long loadedUserCount, Params p) {
    Dataset<Row> in = interactions.withColumn(Interactions.TYPE, lower(trim(col(Interactions.TYPE))));
    Dataset<Row> tagged = applyRules(in, List.of(
        new Rule("null_key", Interactions.SRC_USER_ID, col(Interactions.SRC_USER_ID).isNull()),
        new Rule("null_key", Interactions.DST_USER_ID, col(Interactions.DST_USER_ID).isNull()),
        new Rule("null_key", Interactions.TYPE, col(Interactions.TYPE).isNull()),
        unparseable(Interactions.TS),
        missing(Interactions.TS, "missing_timestamp"),
        future(Interactions.TS, p),
        new Rule("unknown_type", Interactions.TYPE,
            col(Interactions.TYPE).isin(Interactions.TYPES.toArray()).unary_$bang()),
        new Rule("self_loop", Interactions.DST_USER_ID,
            col(Interactions.SRC_USER_ID).equalTo(col(Interactions.DST_USER_ID)))));
    tagged = duplicates(tagged, List.of(Interactions.SRC_USER_ID, Interactions.DST_USER_ID,
        Interactions.TYPE, Interactions.TS, Interactions.POST_ID), "duplicate_row", Interactions.TS);
    tagged = unknownUsers(tagged, interactions, loadedUsers, loadedUserCount, Interactions.SRC_USER_ID,
        Interactions.DST_USER_ID);
    return erased(tagged, p, Interactions.SRC_USER_ID, Interactions.DST_USER_ID);
  }

  /** Tags posts; {@code loadedUsers} and {@code loadedUserCount} as for {@link #tagInteractions}. */
  public static Dataset<Row> tagPosts(Dataset<Row> posts,
      Dataset<Row> loadedUsers, long loadedUserCount, Params p) {
    Dataset<Row> tagged = applyRules(posts, List.of(
        new Rule("null_key", Posts.POST_ID, col(Posts.POST_ID).isNull()),
        new Rule("null_key", Posts.AUTHOR_ID, col(Posts.AUTHOR_ID).isNull()),
        missing(Posts.TEXT, "missing_value"),
        unparseable(Posts.TS),
        missing(Posts.TS, "missing_timestamp"),
        future(Posts.TS, p)));
    tagged = duplicates(tagged, List.of(Posts.POST_ID), "duplicate_id", Posts.POST_ID);
    return erased(unknownUsers(tagged, posts, loadedUsers, loadedUserCount, Posts.AUTHOR_ID), p, Posts.AUTHOR_ID);
  }

  public static Dataset<Row> tagBrands(Dataset<Row> brands) {
    Dataset<Row> tagged = applyRules(brands, List.of(
        new Rule("null_key", Brands.BRAND_ID, col(Brands.BRAND_ID).isNull())));
    return duplicates(tagged, List.of(Brands.BRAND_ID), "duplicate_id", Brands.BRAND_ID);
  }

  /**
   * Tags conversions; {@code loadedUsers} and {@code loadedUserCount} as for {@link #tagInteractions},
   * {@code loadedBrands} the brands that passed validation. Beyond the common rules: {@code invalid_value}
   * (NaN or infinite), {@code negative_value}, {@code self_referral} (referrer_user_id is the converter),
   * {@code unknown_user} for user_id and a non-null referrer_user_id, {@code unknown_brand}.
   */
  public static Dataset<Row> tagConversions(Dataset<Row> conversions,
      Dataset<Row> loadedUsers, long loadedUserCount, Dataset<Row> loadedBrands,
      Params p) {
    Column value = col(Conversions.VALUE);
    Dataset<Row> tagged = applyRules(conversions, List.of(
        new Rule("null_key", Conversions.CONVERSION_ID, col(Conversions.CONVERSION_ID).isNull()),
        new Rule("null_key", Conversions.USER_ID, col(Conversions.USER_ID).isNull()),
        new Rule("null_key", Conversions.BRAND_ID, col(Conversions.BRAND_ID).isNull()),
        unparseable(Conversions.TS),
        missing(Conversions.TS, "missing_timestamp"),
        future(Conversions.TS, p),
        new Rule("invalid_value", Conversions.VALUE, isnan(value).or(abs(value).equalTo(Double.POSITIVE_INFINITY))),
        new Rule("negative_value", Conversions.VALUE, value.lt(0)),
        new Rule("self_referral", Conversions.REFERRER_USER_ID,
            col(Conversions.REFERRER_USER_ID).equalTo(col(Conversions.USER_ID)))));
    tagged = duplicates(tagged, List.of(Conversions.CONVERSION_ID), "duplicate_id", Conversions.CONVERSION_ID);
    tagged = unknownUsers(tagged, conversions, loadedUsers, loadedUserCount, Conversions.USER_ID,
        Conversions.REFERRER_USER_ID);
    tagged = unknownKey(tagged, broadcast(loadedBrands.select(col(Brands.BRAND_ID).as(KNOWN))), Conversions.BRAND_ID,
        "unknown_brand");
    return erased(tagged, p, Conversions.USER_ID, Conversions.REFERRER_USER_ID);
  }

  /**
   * Labelled texts, for validate and for training alike (so both count the same rows under the same
   * reasons): the label trimmed, lower-cased, {@code neg}/{@code neu}/{@code pos} spelled out;
   * {@code missing_value} for a null or blank text or label, {@code unknown_label} for a label
   * outside {@link SentimentLabels#LABELS}.
   */
  public static Dataset<Row> tagSentimentLabels(Dataset<Row> labels) {
    Column given = lower(trim(col(SentimentLabels.LABEL)));
    Column label = when(given.isin("neg", "negative"), "negative").when(given.isin("neu", "neutral"), "neutral")
        .when(given.isin("pos", "positive"), "positive").otherwise(given);
    Dataset<Row> in = labels.withColumn(SentimentLabels.LABEL, label);
    return applyRules(in, List.of(
        blank(SentimentLabels.TEXT, "missing_value"),
        blank(SentimentLabels.LABEL, "missing_value"),
        new Rule("unknown_label", SentimentLabels.LABEL,
            col(SentimentLabels.LABEL).isin(SentimentLabels.LABELS.toArray()).unary_$bang())));
  }

  /** The good rows, contract columns only. */
  public static Dataset<Row> loaded(Dataset<Row> tagged, InputDataset dataset) {
    return tagged.filter(col(REASON).isNull())
        .select(dataset.columnNames().stream().map(c -> col(c)).toArray(Column[]::new));
  }

  /**
   * What is worth keeping of tagged rows: the contract columns, the reason, and the evidence (JSON,
   * source file) of rejected rows only. A good row's JSON is never built ({@link
   * InputReader#rowJson} runs for rejected rows only) and its raw copies are dropped here, so the
   * cache of 10M interactions does not carry 10M JSON strings and file paths.
   */
  public static Dataset<Row> compact(Dataset<Row> tagged, InputDataset dataset) {
    List<Column> keep = new ArrayList<>();
    dataset.columnNames().forEach(c -> keep.add(col(c)));
    keep.add(col(REASON));
    keep.add(col(REASON_COLUMN));
    Column rejected = col(REASON).isNotNull();
    keep.add(when(rejected, InputReader.rowJson(tagged)).as(InputReader.ROW_JSON));
    keep.add(when(rejected, col(InputReader.SOURCE_FILE)).as(InputReader.SOURCE_FILE));
    return tagged.select(keep.toArray(Column[]::new));
  }

  /** The rejected rows in the shape of the {@code quarantine} table. */
  public static Dataset<Row> quarantine(Dataset<Row> tagged,
      InputDataset dataset, LocalDate runDate) {
    return tagged.filter(col(REASON).isNotNull()).select(
        lit(Date.valueOf(runDate)).as(OutputTables.RUN_DATE),
        lit(dataset.folder()).as(Quarantine.DATASET),
        col(REASON).as(Quarantine.REASON),
        col(REASON_COLUMN).as(Quarantine.COLUMN),
        col(InputReader.SOURCE_FILE).as(Quarantine.SOURCE_FILE),
        when(col(REASON).notEqual(ERASED_USER), col(InputReader.ROW_JSON)).as(Quarantine.ROW_JSON));
  }

  private static Rule unparseable(String column) {
    return new Rule("unparseable_timestamp", column, col(InputReader.unparsedFlag(column)));
  }

  private static Rule missing(String column, String reason) {
    return new Rule(reason, column, col(column).isNull());
  }

  private static Rule blank(String column, String reason) {
    return new Rule(reason, column, col(column).isNull().or(length(trim(col(column))).equalTo(0)));
  }

  private static Rule future(String column, Params p) {
    return new Rule("future_timestamp", column, col(column).gt(lit(Timestamp.from(p.now()))));
  }

  /** Sets REASON/REASON_COLUMN to the first matching rule. */
  private static Dataset<Row> applyRules(Dataset<Row> df, List<Rule> rules) {
    Column reason = null;
    Column column = null;
    for (Rule r : rules) {
      Column cond = r.when();
      reason = reason == null ? when(cond, r.reason()) : reason.when(cond, r.reason());
      column = column == null ? when(cond, r.column()) : column.when(cond, r.column());
    }
    return df.withColumn(REASON, reason).withColumn(REASON_COLUMN, column);
  }

  /**
   * The most repeated keys for which {@link #duplicates} ranks only their rows: 8 bytes each on the
   * driver and in every task. With more, every row is ranked, as for a wholly repeated input.
   */
  static final int MAX_REPEATED_KEYS = 1_000_000;

  /**
   * Among rows still good, every row after the first of its key group is a duplicate.
   *
   * <p>Ranking every row would shuffle and sort the whole input with its evidence (10M
   * interactions with their JSON: 855 MB), to find the few keys that repeat. So one pass first counts the good
   * rows per 64-bit hash of their key: only the shuffle of hashes. Rows whose hash is seen more than
   * once (the repeated keys, plus rare hash collisions that the ranking then tells apart) are ranked
   * as before; the others cannot be duplicates and stay where they are. That pass is a job of its
   * own, and its result is collected only up to {@link #MAX_REPEATED_KEYS} hashes; past that,
   * every row is ranked.
   *
   * <p>The rank is computed once into a column: a window expression used in two columns is two
   * window operators, each with its own shuffle and sort of every row.
   */
  private static Dataset<Row> duplicates(Dataset<Row> df,
      List<String> keys, String reason, String column) {
    if (df.queryExecution().optimizedPlan().stats().sizeInBytes().bigInteger()
        .compareTo(java.math.BigInteger.valueOf(RANK_EVERY_ROW_UP_TO_BYTES)) <= 0) {
      return rankDuplicates(df, keys, reason, column);
    }
    return duplicates(df, keys, reason, column, MAX_REPEATED_KEYS);
  }

  /**
   * Up to this many bytes (Spark's estimate of the rows, from the files' size) {@link #duplicates}
   * ranks every row at once: a sort of a few megabytes costs less than the extra jobs that find the
   * repeated keys first. The test suite's inputs are all below it (its validations took about 80 s
   * more in all with the extra jobs); so are the 1M demo's conversions (3.8 MB).
   */
  static final long RANK_EVERY_ROW_UP_TO_BYTES = 16L << 20;

  /** {@link #duplicates} with room for {@code maxRepeatedKeys} repeated keys (tests take both paths). */
  static Dataset<Row> duplicates(Dataset<Row> df,
      List<String> keys, String reason, String column, int maxRepeatedKeys) {
    Column keyHash = xxhash64(keys.stream().map(k -> col(k)).toArray(Column[]::new));
    // Bounded: at most maxRepeatedKeys + 1 longs reach the driver.
    List<Row> repeated = collectUpTo(df.filter(col(REASON).isNull()).groupBy(keyHash.as(KEY_HASH)).count()
        .filter(col("count").gt(1)).select(col(KEY_HASH)), maxRepeatedKeys + 1);
    if (repeated.isEmpty()) {
      return df;
    }
    if (repeated.size() > maxRepeatedKeys) {
      return rankDuplicates(df, keys, reason, column);
    }
    Dataset<Row> hashes = df.sparkSession().createDataFrame(repeated,
        new StructType().add(REPEATED_HASH, DataTypes.LongType, false));
    Dataset<Row> flagged = df.join(broadcast(hashes), keyHash.equalTo(col(REPEATED_HASH)), "left");
    Column ranked = col(REASON).isNull().and(col(REPEATED_HASH).isNotNull());
    Dataset<Row> others = flagged.filter(ranked.unary_$bang()).drop(REPEATED_HASH);
    Dataset<Row> candidates = flagged.filter(ranked).drop(REPEATED_HASH);
    return others.unionByName(rankDuplicates(candidates, keys, reason, column));
  }

  private static final String KEY_HASH = "_key_hash";
  private static final String REPEATED_HASH = "_repeated_hash";

  /** {@link #duplicates} by ranking every row of {@code df} within its key group. */
  private static Dataset<Row> rankDuplicates(Dataset<Row> df,
      List<String> keys, String reason, String column) {
    List<Column> partition = new ArrayList<>();
    partition.add(col(REASON).isNull());
    keys.forEach(k -> partition.add(col(k)));
    String rank = "_rank_in_key";
    Column rn = row_number().over(Window.partitionBy(partition.toArray(Column[]::new))
        .orderBy(InputReader.rowJson(df), col(InputReader.SOURCE_FILE)));
    Column dup = col(REASON).isNull().and(col(rank).gt(1));
    return df.withColumn(rank, rn)
        .withColumn(REASON_COLUMN, when(dup, lit(column)).otherwise(col(REASON_COLUMN)))
        .withColumn(REASON, when(dup, lit(reason)).otherwise(col(REASON)))
        .drop(rank);
  }

  /**
   * Rows naming an erased user in one of {@code idColumns} become erased_user, whatever their earlier
   * reason: they are never loaded, and their content is not kept in quarantine.
   */
  private static Dataset<Row> erased(Dataset<Row> df, Params p,
      String... idColumns) {
    if (p.erasedUserKeys().isEmpty()) {
      return df;
    }
    Column hit = null;
    Column which = null;
    for (String c : idColumns) {
      Column named = sha2(col(c), 256).isin(p.erasedUserKeys().toArray());
      hit = hit == null ? named : hit.or(named);
      which = which == null ? when(named, lit(c)) : which.when(named, lit(c));
    }
    return df.withColumn(REASON_COLUMN, when(hit, which).otherwise(col(REASON_COLUMN)))
        .withColumn(REASON, when(hit, lit(ERASED_USER)).otherwise(col(REASON)));
  }

  /**
   * Rows still good whose id in one of {@code idColumns} is not a loaded user become unknown_user,
   * naming the first such column (a null in an optional column is not a reference). {@code named}
   * is the input the rows came from, before any rule: where the ids no user has are listed.
   *
   * <p>Up to {@link DenseIndex#BROADCAST_MAX_USERS} loaded users, their ids are shipped to every task
   * (one lookup per column). Beyond, a join with the users would shuffle every row with its evidence (at
   * 10M users: the 100M interactions, once per column). Instead one job lists the distinct ids that
   * {@code named} holds in any of the columns and no loaded user has (one scan, a shuffle of ids
   * only, against the users' ids), and those, when at most as many, are shipped to every task;
   * otherwise the rows are joined with the users, column by column.
   */
  private static Dataset<Row> unknownUsers(Dataset<Row> df, Dataset<Row> named,
      Dataset<Row> loadedUsers, long loadedUserCount, String... idColumns) {
    return unknownUsers(df, named, loadedUsers, loadedUserCount, DenseIndex.BROADCAST_MAX_USERS, idColumns);
  }

  /** {@link #unknownUsers} with another bound than {@link DenseIndex#BROADCAST_MAX_USERS} (tests take every path). */
  static Dataset<Row> unknownUsers(Dataset<Row> df, Dataset<Row> named,
      Dataset<Row> loadedUsers, long loadedUserCount, int broadcastMaxIds, String... idColumns) {
    Dataset<Row> ids = loadedUsers.select(col(Users.USER_ID).as(KNOWN));
    if (loadedUserCount <= broadcastMaxIds) {
      for (String c : idColumns) {
        df = unknownKey(df, broadcast(ids), c, "unknown_user");
      }
      return df;
    }
    Column[] columns = java.util.Arrays.stream(idColumns).map(c -> col(c)).toArray(Column[]::new);
    // Bounded: at most broadcastMaxIds + 1 ids reach the driver.
    List<Row> dangling = collectUpTo(named.select(explode(array(columns)).as(DANGLING)).filter(col(DANGLING).isNotNull())
        .distinct().join(ids, col(DANGLING).equalTo(col(KNOWN)), "left_anti"), broadcastMaxIds + 1);
    if (dangling.size() > broadcastMaxIds) {
      for (String c : idColumns) {
        df = unknownKey(df, ids, c, "unknown_user");
      }
      return df;
    }
    Dataset<Row> danglingIds = df.sparkSession().createDataFrame(dangling,
        new StructType().add(DANGLING, DataTypes.StringType, false));
    for (String c : idColumns) {
      Column dangles = col(REASON).isNull().and(col(DANGLING).isNotNull());
      df = df.join(broadcast(danglingIds), col(c).equalTo(col(DANGLING)), "left")
          .withColumn(REASON_COLUMN, when(dangles, lit(c)).otherwise(col(REASON_COLUMN)))
          .withColumn(REASON, when(dangles, lit("unknown_user")).otherwise(col(REASON)))
          .drop(DANGLING);
    }
    return df;
  }

  /**
   * {@code df.limit(max).collectAsList()}, in one job over all of {@code df}'s partitions. Spark's
   * limit first computes one partition, then more in further jobs while it has fewer than {@code
   * max} rows: at 1M users, the final aggregation of the 10M interactions' key hashes ran in two
   * jobs of one task each (2.7 and 2.4 s), one core idle. Reads {@code
   * spark.sql.limit.initialNumPartitions} at execution, so it is set for this collect only: the
   * session's setting, so not for commands that run jobs from several threads while validating
   * (validation runs on the command's thread alone).
   */
  static List<Row> collectUpTo(Dataset<Row> df, int max) {
    org.apache.spark.sql.RuntimeConfig conf = df.sparkSession().conf();
    scala.Option<String> before = conf.getOption(LIMIT_FIRST_PARTITIONS);
    conf.set(LIMIT_FIRST_PARTITIONS, 1 << 20); // more than any input has partitions
    try {
      // Bounded: at most max rows reach the driver.
      return df.limit(max).collectAsList();
    } finally {
      if (before.isDefined()) {
        conf.set(LIMIT_FIRST_PARTITIONS, before.get());
      } else {
        conf.unset(LIMIT_FIRST_PARTITIONS);
      }
    }
  }

  private static final String LIMIT_FIRST_PARTITIONS = "spark.sql.limit.initialNumPartitions";

  private static final String DANGLING = "_dangling_id";
  private static final String KNOWN = "_known_id";

  /** Rows still good whose non-null {@code idColumn} is not among {@code ids}' {@link #KNOWN} column get {@code reason}. */
  private static Dataset<Row> unknownKey(Dataset<Row> df,
      Dataset<Row> ids, String idColumn, String reason) {
    String known = KNOWN;
    Column dangling = col(REASON).isNull().and(col(idColumn).isNotNull()).and(col(known).isNull());
    return df.join(ids, col(idColumn).equalTo(col(known)), "left")
        .withColumn(REASON_COLUMN, when(dangling, lit(idColumn)).otherwise(col(REASON_COLUMN)))
        .withColumn(REASON, when(dangling, lit(reason)).otherwise(col(REASON)))
        .drop(known);
  }
}
