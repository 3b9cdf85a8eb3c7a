package io.virage.demo;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.expr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virage.SparkTestBase;
import io.virage.ingest.InputValidation;
import io.virage.ingest.ValidatedInputs;
import io.virage.schema.InputContract.InputDataset;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo generator: deterministic for a seed, realistic distributions, every kind of bad row. */
class DemoGeneratorTest extends SparkTestBase {
  private static final LocalDate END = LocalDate.parse("2026-11-26");
  private static final DemoGenerator.Params PARAMS = new DemoGenerator.Params(2000, 42, END, 10);

  @TempDir
  static Path input;

  private static ValidatedInputs in;

  @BeforeAll
  static void generateAndValidate() {
    new DemoGenerator(spark, PARAMS).writeTo(input.toString());
    in = ValidatedInputs.load(spark, input.toString(), List.of(InputDataset.values()),
        new InputValidation.Params(END, Instant.parse("2026-11-27T06:00:00Z")));
  }

  @AfterAll
  static void release() {
    in.close();
  }

  @Test
  void sameSeedSameRowsOtherSeedOtherRows() {
    Map<String, Dataset<Row>> again = new DemoGenerator(spark, PARAMS).generate();
    for (InputDataset d : InputDataset.values()) {
      Dataset<Row> written = spark.read().parquet(input.resolve(d.folder()).toString());
      Dataset<Row> regenerated = again.get(d.folder());
      assertEquals(written.count(), regenerated.count(), d.folder());
      assertEquals(0, written.exceptAll(regenerated).count(), d.folder() + ": same rows for the same seed");
    }
    Dataset<Row> other = new DemoGenerator(spark,
        new DemoGenerator.Params(2000, 43, END, 10)).generate().get("interactions");
    Dataset<Row> written = spark.read().parquet(input.resolve("interactions").toString());
    assertTrue(written.exceptAll(other).count() > written.count() / 2, "another seed gives other interactions");
  }

  @Test
  void sizesFollowTheParameters() {
    assertEquals(2000, in.loaded(InputDataset.USERS).count() + in.counts(InputDataset.USERS).quarantined()
        - in.counts(InputDataset.USERS).reasons().getOrDefault("duplicate_id", 0L)
        - in.counts(InputDataset.USERS).reasons().getOrDefault("null_key", 0L), "one row per user, plus bad copies");
    long interactions = in.counts(InputDataset.INTERACTIONS).read();
    long answers = in.loaded(InputDataset.INTERACTIONS).filter(col("src_user_id").isin("u0", "u1", "u2", "u3", "u4", "u5", "u6",
        "u7", "u8", "u9").and(col("type").equalTo("reply")).and(col("post_id").isNull())).count();
    assertTrue(answers > 0, "the brands answer their community");
    // Counted answers include any regular reply by a brand account to a user without posts: a bound.
    assertTrue(interactions >= 20_000 && interactions - answers <= 20_200,
        "10 per user plus duplicated bad rows, plus the brands' answers: " + interactions + " - " + answers);
  }

  @Test
  void followersAreHeavyTailed() {
    Row q = in.loaded(InputDataset.USERS).agg(expr("percentile(followers_count, 0.5)"), expr("max(followers_count)"),
        expr("percentile(followers_count, 0.99)")).first();
    double median = q.getDouble(0);
    long max = q.getLong(1);
    assertTrue(max > 100 * median, "max followers " + max + " vs median " + median);
    assertTrue(q.getDouble(2) > 10 * median, "99th percentile " + q.getDouble(2) + " vs median " + median);
  }

  @Test
  void everyKindOfBadRowIsPresent() {
    assertEquals(Set.of("null_key", "duplicate_id", "unparseable_timestamp", "future_timestamp"),
        in.counts(InputDataset.USERS).reasons().keySet());
    assertTrue(in.counts(InputDataset.INTERACTIONS).reasons().keySet().containsAll(Set.of("null_key", "unknown_type",
        "self_loop", "unknown_user", "future_timestamp", "duplicate_row")), in.counts(InputDataset.INTERACTIONS).reasons().toString());
    assertTrue(in.counts(InputDataset.POSTS).reasons().keySet().containsAll(Set.of("null_key", "duplicate_id",
        "unknown_user", "future_timestamp", "missing_value")), in.counts(InputDataset.POSTS).reasons().toString());
    assertEquals(Set.of("null_key", "duplicate_id"), in.counts(InputDataset.BRANDS).reasons().keySet());
    assertEquals(Set.of("missing_value", "unknown_label"), in.counts(InputDataset.SENTIMENT_LABELS).reasons().keySet());
    double badShare = (double) in.totalQuarantined() / in.totalRead();
    assertTrue(badShare > 0.002 && badShare < 0.03, "a small share of bad rows: " + badShare);
  }

  @Test
  void postsAreFrenchAndEnglishVariedAndAboutSeveralBrands() {
    Dataset<Row> posts = in.loaded(InputDataset.POSTS);
    long n = posts.count();
    assertEquals(Set.of("fr", "en"), Set.copyOf(posts.filter(col("lang").isNotNull()).select("lang").distinct()
        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList()));
    long distinct = posts.select("text").distinct().count();
    assertTrue(distinct > 0.6 * n, distinct + " distinct texts of " + n);
    for (String keyword : List.of("aurora", "boréal", "cobalt", "dune", "élan")) {
      assertTrue(posts.filter(expr("lower(text)").contains(keyword)).count() > 10, "posts about " + keyword);
    }
    assertEquals(3, in.loaded(InputDataset.SENTIMENT_LABELS).select("label").distinct().count(), "three classes");
  }

  @Test
  void plantedRolesEmployeesAndOptOutsArePresent() {
    Dataset<Row> truth = spark.read().parquet(input.resolve(DemoGenerator.TRUTH).toString());
    Map<String, Long> roles = new java.util.HashMap<>();
    truth.groupBy(DemoGenerator.ROLE).count().collectAsList().forEach(r -> roles.put(r.getString(0), r.getLong(1)));
    for (String role : List.of("brand", "bot", "buyer", "employee", "advocate", "detractor", "regular")) {
      assertTrue(roles.getOrDefault(role, 0L) > 0, "role " + role + " in " + roles);
    }
    assertEquals(10, roles.get("brand"));
    Dataset<Row> users = in.loaded(InputDataset.USERS);
    assertEquals(5, users.filter(col("employer_brand_id").isNotNull()).agg(countDistinct("employer_brand_id"))
        .first().getLong(0), "employees of every brand");
    assertTrue(users.filter(col("opted_out")).count() > 10, "opted-out users");
  }
}
