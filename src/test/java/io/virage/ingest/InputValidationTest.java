package io.virage.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virage.SparkTestBase;
import io.virage.schema.InputContract.InputDataset;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Row rules on hand-written rows: each bad row lands in quarantine with its reason; counts reconcile. */
class InputValidationTest extends SparkTestBase {
  private static final LocalDate RUN = LocalDate.parse("2026-11-26");
  private static final InputValidation.Params PARAMS =
      new InputValidation.Params(RUN, Instant.parse("2026-11-27T03:00:00Z"));
  private static ValidatedInputs in;

  private static Timestamp ts(String s) {
    return Timestamp.valueOf(s);
  }

  @BeforeAll
  static void validate() {
    StructType users = new StructType().add("user_id", DataTypes.StringType).add("handle", DataTypes.StringType)
        .add("created_at", DataTypes.StringType).add("email", DataTypes.StringType);
    StructType interactions = new StructType().add("src_user_id", DataTypes.StringType)
        .add("dst_user_id", DataTypes.StringType).add("type", DataTypes.StringType)
        .add("ts", DataTypes.TimestampType).add("post_id", DataTypes.StringType);
    StructType posts = new StructType().add("post_id", DataTypes.StringType).add("author_id", DataTypes.StringType)
        .add("ts", DataTypes.TimestampType).add("text", DataTypes.StringType);
    StructType brands = new StructType().add("brand_id", DataTypes.StringType).add("name", DataTypes.StringType);
    StructType labels = new StructType().add("text", DataTypes.StringType).add("label", DataTypes.StringType);
    Map<InputDataset, Dataset<Row>> conformed = new EnumMap<>(InputDataset.class);
    conformed.put(InputDataset.USERS, InputReader.conform(rows(users,
        new Object[] {"a", "@a", "2020-01-01T00:00:00Z", "a@example.com"},
        new Object[] {"b", "@b", "2021-01-01T00:00:00Z", "b@example.com"},
        new Object[] {"c", "@c", null, "c@example.com"},
        new Object[] {"b", "@b-again", "2021-01-01T00:00:00Z", "b2@example.com"}, // duplicate_id
        new Object[] {null, "@nobody", "2021-01-01T00:00:00Z", "n@example.com"}, // null_key
        new Object[] {"d", "@d", "last tuesday", "d@example.com"}, // unparseable_timestamp
        new Object[] {"e", "@e", "2999-01-01T00:00:00Z", "e@example.com"}), // future_timestamp
        InputDataset.USERS, "users-test"));
    conformed.put(InputDataset.INTERACTIONS, InputReader.conform(rows(interactions,
        new Object[] {"a", "b", "follow", ts("2026-11-01 10:00:00"), null},
        new Object[] {"b", "a", " Like ", ts("2026-11-02 10:00:00"), "p1"}, // type normalised, loaded
        new Object[] {"a", "b", "follow", ts("2026-11-01 10:00:00"), null}, // duplicate_row
        new Object[] {"a", "a", "like", ts("2026-11-01 10:00:00"), null}, // self_loop
        new Object[] {"a", "b", "poke", ts("2026-11-01 10:00:00"), null}, // unknown_type
        new Object[] {"a", "zz", "like", ts("2026-11-01 10:00:00"), null}, // unknown_user (dst)
        new Object[] {"d", "a", "like", ts("2026-11-01 10:00:00"), null}, // unknown_user: d was quarantined
        new Object[] {null, "a", "like", ts("2026-11-01 10:00:00"), null}, // null_key
        new Object[] {"a", "c", "share", null, null}, // missing_timestamp
        new Object[] {"a", "c", "share", ts("2026-12-25 00:00:00"), null}), // future_timestamp
        InputDataset.INTERACTIONS, "interactions-test"));
    conformed.put(InputDataset.POSTS, InputReader.conform(rows(posts,
        new Object[] {"p1", "a", ts("2026-11-01 09:00:00"), "hello"},
        new Object[] {"p1", "b", ts("2026-11-01 09:00:00"), "hello again"}, // duplicate_id
        new Object[] {"p2", "ghost", ts("2026-11-01 09:00:00"), "boo"}, // unknown_user
        new Object[] {"p3", "a", ts("2026-11-01 09:00:00"), null}), // missing_value
        InputDataset.POSTS, "posts-test"));
    conformed.put(InputDataset.BRANDS, InputReader.conform(rows(brands,
        new Object[] {"acme", "Acme"}, new Object[] {null, "Nameless"}), InputDataset.BRANDS, "brands-test"));
    conformed.put(InputDataset.SENTIMENT_LABELS, InputReader.conform(rows(labels,
        new Object[] {"great", "Positive"}, new Object[] {"meh", "so-so"}, new Object[] {null, "negative"}),
        InputDataset.SENTIMENT_LABELS, "labels-test"));
    // value as an int column: any numeric type is accepted and read as a double.
    StructType conversions = new StructType().add("conversion_id", DataTypes.StringType)
        .add("user_id", DataTypes.StringType).add("brand_id", DataTypes.StringType).add("ts", DataTypes.StringType)
        .add("value", DataTypes.DoubleType).add("referrer_user_id", DataTypes.StringType);
    conformed.put(InputDataset.CONVERSIONS, InputReader.conform(rows(conversions,
        new Object[] {"k1", "a", "acme", "2026-11-20T10:00:00Z", 42.5, "b"},
        new Object[] {"k2", "b", "acme", "2026-11-21T10:00:00Z", null, null}, // no value, no referrer: loaded
        new Object[] {"k1", "c", "acme", "2026-11-22T10:00:00Z", 1.0, null}, // duplicate_id
        new Object[] {null, "a", "acme", "2026-11-22T10:00:00Z", 1.0, null}, // null_key
        new Object[] {"k3", "ghost", "acme", "2026-11-22T10:00:00Z", 1.0, null}, // unknown_user
        new Object[] {"k4", "a", "acme", "2026-11-22T10:00:00Z", 1.0, "ghost"}, // unknown_user (referrer)
        new Object[] {"k5", "a", "nobrand", "2026-11-22T10:00:00Z", 1.0, null}, // unknown_brand
        new Object[] {"k6", "a", "acme", "2026-11-22T10:00:00Z", -5.0, null}, // negative_value
        new Object[] {"k7", "a", "acme", "2026-11-22T10:00:00Z", Double.NaN, null}, // invalid_value
        new Object[] {"k8", "a", "acme", "2026-11-22T10:00:00Z", 3.0, "a"}, // self_referral
        new Object[] {"k9", "a", "acme", "2999-01-01T00:00:00Z", 3.0, null}, // future_timestamp
        new Object[] {"k10", "a", "acme", "yesterday", 3.0, null}), // unparseable_timestamp
        InputDataset.CONVERSIONS, "conversions-test"));
    in = ValidatedInputs.validate(conformed, PARAMS);
  }

  @AfterAll
  static void release() {
    in.close();
  }

  private static Map<String, Long> reasons(InputDataset d) {
    return new TreeMap<>(in.counts(d).reasons());
  }

  @Test
  void usersRules() {
    assertEquals(Map.of("duplicate_id", 1L, "null_key", 1L, "unparseable_timestamp", 1L, "future_timestamp", 1L),
        reasons(InputDataset.USERS));
    List<Row> loaded = sorted(in.loaded(InputDataset.USERS), "user_id");
    assertEquals(List.of("a", "b", "c"), loaded.stream().map(r -> r.getString(0)).toList());
    // Of the two "b" rows, the one whose JSON sorts first ("@b" < "@b-again") is kept.
    assertEquals("@b", loaded.get(1).getAs("handle"));
  }

  /**
   * Both ways of finding duplicates (ranking only the rows of repeated keys, or every row when too
   * many keys repeat) tag the same rows. Worked by hand: key a has three good rows; ordered by JSON,
   * then file, ({"x":1}, f1) comes first and is kept, ({"x":1}, f2) and ({"x":2}, f1) are duplicates.
   * Of key c only the good row counts (the null_key row keeps its reason), so it is kept; b is alone.
   */
  @Test
  void duplicatesAreTheSameWhetherOnlyRepeatedKeysOrAllRowsAreRanked() {
    // The rows' raw copy of column x is what their JSON ({"x":2}, ...) is built from.
    StructType schema = new StructType().add("k", DataTypes.StringType)
        .add(InputReader.rawCopy("x"), DataTypes.IntegerType).add(InputReader.SOURCE_FILE, DataTypes.StringType)
        .add(InputValidation.REASON, DataTypes.StringType).add(InputValidation.REASON_COLUMN, DataTypes.StringType);
    Dataset<Row> df = rows(schema,
        new Object[] {"a", 2, "f1", null, null},
        new Object[] {"a", 1, "f2", null, null},
        new Object[] {"b", 3, "f1", null, null},
        new Object[] {"c", 4, "f1", "null_key", "k"},
        new Object[] {"a", 1, "f1", null, null},
        new Object[] {"c", 5, "f1", null, null});
    List<String> expected = List.of(
        "a {\"x\":1} f1 null", "a {\"x\":1} f2 dup", "a {\"x\":2} f1 dup",
        "b {\"x\":3} f1 null", "c {\"x\":4} f1 null_key", "c {\"x\":5} f1 null");
    for (int maxRepeatedKeys : new int[] {0, 10}) {
      List<String> tagged = InputValidation.duplicates(df, List.of("k"), "dup", "k", maxRepeatedKeys)
          .collectAsList().stream()
          .map(r -> r.getString(0) + " {\"x\":" + r.getInt(1) + "} " + r.getString(2) + " " + r.getString(3))
          .sorted().toList();
      assertEquals(expected, tagged, "with room for " + maxRepeatedKeys + " repeated keys");
    }
  }

  /** The bounded collect keeps its bound and leaves the session's limit setting as it found it. */
  @Test
  void collectUpToKeepsItsBoundAndTheSessionsSetting() {
    String key = "spark.sql.limit.initialNumPartitions";
    String before = spark.conf().get(key);
    Dataset<Row> ids = spark.range(0, 100, 1, 8).toDF();
    assertEquals(5, InputValidation.collectUpTo(ids, 5).size());
    assertEquals(100, InputValidation.collectUpTo(ids, 1000).size());
    assertEquals(0, InputValidation.collectUpTo(ids.filter("id < 0"), 5).size());
    assertEquals(before, spark.conf().get(key));
    spark.conf().set(key, 2);
    try {
      assertEquals(5, InputValidation.collectUpTo(ids, 5).size());
      assertEquals("2", spark.conf().get(key));
    } finally {
      spark.conf().set(key, before);
    }
  }

  /**
   * The three ways of finding unknown users (the loaded users shipped to every task; the ids no
   * user has, listed first and shipped; a join with the users) tag the same rows. By hand: users a
   * and b are loaded; a row naming x or z is unknown_user, under its first column naming one (src
   * for x -> z); the row naming y and q keeps its earlier reason; a null id is no reference.
   */
  @Test
  void unknownUsersAreTheSameWhicheverSideIsShipped() {
    StructType users = new StructType().add("user_id", DataTypes.StringType);
    Dataset<Row> loadedUsers = rows(users, new Object[] {"a"}, new Object[] {"b"});
    StructType schema = new StructType().add("src", DataTypes.StringType).add("dst", DataTypes.StringType)
        .add(InputValidation.REASON, DataTypes.StringType).add(InputValidation.REASON_COLUMN, DataTypes.StringType);
    Dataset<Row> df = rows(schema,
        new Object[] {"a", "b", null, null},
        new Object[] {"x", "a", null, null},
        new Object[] {"a", "z", null, null},
        new Object[] {"x", "z", null, null},
        new Object[] {"y", "q", "null_key", "type"},
        new Object[] {null, "b", null, null});
    List<String> expected = List.of("a b null null", "a z unknown_user dst", "null b null null",
        "x a unknown_user src", "x z unknown_user src", "y q null_key type");
    // (users counted, ids shipped at most): the users shipped; the 4 ids no user has (x, z, y, q)
    // shipped; neither, a join.
    for (int[] path : new int[][] {{2, 10}, {100, 5}, {100, 0}}) {
      List<String> tagged = InputValidation.unknownUsers(df, df, loadedUsers, path[0], path[1], "src", "dst")
          .collectAsList().stream()
          .map(r -> r.getString(0) + " " + r.getString(1) + " " + r.getString(2) + " " + r.getString(3))
          .sorted().toList();
      assertEquals(expected, tagged, "with " + path[0] + " users counted and at most " + path[1] + " ids shipped");
    }
  }

  @Test
  void interactionRules() {
    assertEquals(Map.of("duplicate_row", 1L, "self_loop", 1L, "unknown_type", 1L, "unknown_user", 2L,
        "null_key", 1L, "missing_timestamp", 1L, "future_timestamp", 1L), reasons(InputDataset.INTERACTIONS));
    List<Row> loaded = sorted(in.loaded(InputDataset.INTERACTIONS), "src_user_id");
    assertEquals(2, loaded.size());
    assertEquals("like", loaded.get(1).getAs("type"), "type is compared trimmed and in lower case");
  }

  @Test
  void postBrandAndLabelRules() {
    assertEquals(Map.of("duplicate_id", 1L, "unknown_user", 1L, "missing_value", 1L), reasons(InputDataset.POSTS));
    assertEquals(Map.of("null_key", 1L), reasons(InputDataset.BRANDS));
    assertEquals(Map.of("unknown_label", 1L, "missing_value", 1L), reasons(InputDataset.SENTIMENT_LABELS));
  }

  @Test
  void conversionRules() {
    assertEquals(new TreeMap<>(Map.of("duplicate_id", 1L, "null_key", 1L, "unknown_user", 2L, "unknown_brand", 1L,
        "negative_value", 1L, "invalid_value", 1L, "self_referral", 1L, "future_timestamp", 1L,
        "unparseable_timestamp", 1L)), reasons(InputDataset.CONVERSIONS));
    List<Row> loaded = sorted(in.loaded(InputDataset.CONVERSIONS), "conversion_id");
    assertEquals(List.of("k1", "k2"), loaded.stream().map(r -> r.<String>getAs("conversion_id")).toList());
    assertEquals("a", loaded.get(0).getAs("user_id"), "of the two k1 rows, the one whose JSON sorts first is kept");
    assertEquals(42.5, loaded.get(0).<Double>getAs("value"));
    assertTrue(loaded.get(1).isNullAt(loaded.get(1).fieldIndex("post_id")), "an optional column the input lacks reads as null");
    Row referrer = in.quarantine(RUN).filter("dataset = 'conversions' AND row_json LIKE '%\"k4\"%'").first();
    assertEquals("unknown_user", referrer.getAs("reason"));
    assertEquals("referrer_user_id", referrer.getAs("column_name"));
  }

  @Test
  void countsReconcileWithQuarantineRows() {
    long quarantineRows = in.quarantine(RUN).count();
    assertEquals(in.totalQuarantined(), quarantineRows);
    for (InputDataset d : InputDataset.values()) {
      ValidatedInputs.Counts c = in.counts(d);
      assertEquals(c.read(), c.loaded() + c.quarantined(), d.folder() + ": read = loaded + quarantined");
      assertEquals(c.loaded(), in.loaded(d).count(), d.folder() + ": loaded rows");
    }
    assertEquals(7 + 10 + 4 + 2 + 3 + 12, in.totalRead());
  }

  @Test
  void quarantineRowsNameDatasetReasonColumnAndKeepNoPersonalData() {
    List<Row> q = sorted(in.quarantine(RUN).filter("dataset = 'users'"), "reason");
    Row unparseable = q.stream().filter(r -> r.getAs("reason").equals("unparseable_timestamp")).findFirst().orElseThrow();
    assertEquals("created_at", unparseable.getAs("column_name"));
    assertEquals("users-test", unparseable.getAs("source_file"));
    assertEquals(java.sql.Date.valueOf(RUN), unparseable.getAs("run_date"));
    // The contract columns the rows have, as the input held them, in contract order.
    assertEquals("{\"user_id\":\"d\",\"handle\":\"@d\",\"created_at\":\"last tuesday\"}",
        unparseable.getAs("row_json"));
    Row unknownType = in.quarantine(RUN).filter("dataset = 'interactions' AND reason = 'unknown_type'").first();
    String typeJson = unknownType.getAs("row_json");
    assertTrue(typeJson.matches(
        "\\{\"src_user_id\":\"a\",\"dst_user_id\":\"b\",\"type\":\"poke\",\"ts\":\"[^\"]+\",\"post_id\":null}"),
        typeJson);
    for (Row r : in.quarantine(RUN).collectAsList()) {
      assertTrue(!r.<String>getAs("row_json").contains("example.com"), "no email in quarantine: " + r);
    }
  }
}
