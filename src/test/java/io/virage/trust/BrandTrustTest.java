package io.virage.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virage.SparkTestBase;
import io.virage.config.Settings;
import io.virage.schema.OutputTables;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * brand_trust on a hand-written fixture, every figure computed by hand below. Run date 2026-11-30
 * (end = 2026-12-01 00:00 UTC), answers within 48 h, so items count from (end - 30 days - 48 h,
 * end - 48 h] = (2026-10-30, 2026-11-29]. Brand A answers mentions and complaints; brand B answers
 * mentions but ignores complaints; C has no data; D has one advocate and nothing else.
 */
class BrandTrustTest extends SparkTestBase {
  private static final LocalDate RUN = LocalDate.parse("2026-11-30");
  private static Map<String, Row> byBrand;

  private static Timestamp t(String iso) {
    return Timestamp.from(java.time.Instant.parse(iso));
  }

  @BeforeAll
  static void compute() {
    StructType accountsSchema = new StructType().add("brand_id", DataTypes.StringType).add("user_id", DataTypes.StringType);
    StructType brandsSchema = new StructType().add("brand_id", DataTypes.StringType);
    StructType interactionsSchema = new StructType().add("src_user_id", DataTypes.StringType)
        .add("dst_user_id", DataTypes.StringType).add("type", DataTypes.StringType).add("ts", DataTypes.TimestampType);
    StructType postsSchema = new StructType().add("author_id", DataTypes.StringType).add("ts", DataTypes.TimestampType)
        .add("brand_ids", DataTypes.createArrayType(DataTypes.StringType)).add("label", DataTypes.StringType)
        .add("score", DataTypes.DoubleType);
    StructType ubsSchema = new StructType().add("brand_id", DataTypes.StringType).add("user_id", DataTypes.StringType)
        .add("label", DataTypes.StringType);
    StructType previousSchema = new StructType().add("brand_id", DataTypes.StringType)
        .add("advocates", DataTypes.LongType).add("detractors", DataTypes.LongType);

    Dataset<Row> accounts = rows(accountsSchema, new Object[] {"A", "a1"}, new Object[] {"B", "b1"});
    Dataset<Row> brands = rows(brandsSchema, new Object[] {"A"}, new Object[] {"B"}, new Object[] {"C"}, new Object[] {"D"});
    Dataset<Row> interactions = rows(interactionsSchema,
        // A: u1 answered after 2 h, u2 after 6 h, u3 after 72 h (too late: unanswered); u4 after end - 48 h (not counted).
        new Object[] {"u1", "a1", "mention", t("2026-11-20T10:00:00Z")},
        new Object[] {"a1", "u1", "reply", t("2026-11-20T12:00:00Z")},
        new Object[] {"u2", "a1", "reply", t("2026-11-21T00:00:00Z")},
        new Object[] {"a1", "u2", "reply", t("2026-11-21T06:00:00Z")},
        new Object[] {"u3", "a1", "mention", t("2026-11-22T00:00:00Z")},
        new Object[] {"a1", "u3", "reply", t("2026-11-25T00:00:00Z")},
        new Object[] {"u4", "a1", "mention", t("2026-11-29T12:00:00Z")},
        new Object[] {"u9", "a1", "like", t("2026-11-20T00:00:00Z")}, // not a mention or reply
        // A answers u5's complaint after 1 h, not u6's.
        new Object[] {"a1", "u5", "reply", t("2026-11-23T01:00:00Z")},
        // B: u1 answered after 10 h; the complaints of u6 and u7 are not.
        new Object[] {"u1", "b1", "mention", t("2026-11-20T10:00:00Z")},
        new Object[] {"b1", "u1", "reply", t("2026-11-20T20:00:00Z")});
    Dataset<Row> posts = rows(postsSchema,
        new Object[] {"u5", t("2026-11-23T00:00:00Z"), new String[] {"A"}, "negative", -0.8},
        new Object[] {"u6", t("2026-11-24T00:00:00Z"), new String[] {"A", "B"}, "negative", -0.6},
        new Object[] {"u7", t("2026-11-27T00:00:00Z"), new String[] {"A"}, "positive", 0.9},
        new Object[] {"a1", t("2026-11-27T00:00:00Z"), new String[] {"A"}, "positive", 1.0}, // the brand's own
        new Object[] {"u8", t("2026-10-01T00:00:00Z"), new String[] {"A"}, "negative", -1.0}, // before both windows
        new Object[] {"u7", t("2026-11-25T00:00:00Z"), new String[] {"B"}, "negative", -0.6});
    Dataset<Row> ubs = rows(ubsSchema,
        new Object[] {"A", "u5", "negative"}, new Object[] {"A", "u6", "negative"}, new Object[] {"A", "u7", "positive"},
        new Object[] {"A", "u8", "positive"}, new Object[] {"A", "u9", "positive"}, new Object[] {"A", "a1", "positive"},
        new Object[] {"A", "u2", "neutral"},
        new Object[] {"B", "u6", "negative"}, new Object[] {"B", "u7", "negative"}, new Object[] {"B", "u1", "positive"},
        new Object[] {"D", "u1", "positive"});
    Dataset<Row> previous = rows(previousSchema, new Object[] {"A", 2L, 2L});
    Dataset<Row> out = BrandTrust.of(accounts, brands, interactions, posts, ubs, previous, Settings.defaults().trust(), RUN);
    assertEquals(List.of(OutputTables.BRAND_TRUST.schema().fieldNames()), List.of(out.columns()));
    byBrand = new HashMap<>();
    out.collectAsList().forEach(r -> byBrand.put(r.getAs("brand_id"), r));
  }

  private static double d(String brand, String column) {
    return byBrand.get(brand).<Double>getAs(column);
  }

  private static long n(String brand, String column) {
    return byBrand.get(brand).<Long>getAs(column);
  }

  @Test
  void responsivenessCountsOnlyItemsWhoseAnswerWindowClosedAndAnswersWithinIt() {
    assertEquals(3, n("A", "addressed"));
    assertEquals(2, n("A", "answered"));
    assertEquals(2.0 / 3, d("A", "answered_share"), 1e-12);
    assertEquals(4.0, d("A", "median_answer_hours"), 1e-12); // hours 2 and 6
    assertEquals(2 + 0.9 * (6 - 2), d("A", "p90_answer_hours"), 1e-12); // linear interpolation: 5.6
    assertEquals(2, n("A", "complaints"));
    assertEquals(1, n("A", "complaints_answered"));
    assertEquals(1.0, d("A", "complaints_median_answer_hours"), 1e-12);
    assertEquals(1, n("B", "addressed"));
    assertEquals(10.0, d("B", "median_answer_hours"), 1e-12);
    assertEquals(2, n("B", "complaints"));
    assertEquals(0, n("B", "complaints_answered"));
    assertEquals(0.0, d("B", "complaints_answered_share"), 0);
    assertNull(byBrand.get("B").getAs("complaints_median_answer_hours"));
  }

  @Test
  void sentimentTrendAndAdvocatesLeaveTheBrandsOwnAccountsOut() {
    // A, 30 days: u5 -0.8, u6 -0.6, u7 +0.9 (a1's own post and u8's old one left out); 7 days: u7 only
    // (u6 at 2026-11-24 00:00 is exactly 7 days before the end, outside).
    assertEquals(3, n("A", "posts_30d"));
    assertEquals(-0.5 / 3, d("A", "sentiment_30d"), 1e-12);
    assertEquals(1, n("A", "posts_7d"));
    assertEquals(0.9, d("A", "sentiment_7d"), 1e-12);
    assertEquals(0.9 + 0.5 / 3, d("A", "sentiment_trend"), 1e-12);
    assertEquals(3, n("A", "advocates")); // u7, u8, u9; a1 aside
    assertEquals(2, n("A", "detractors"));
    assertEquals(0.6, d("A", "advocate_share"), 1e-12);
    assertEquals(1.5, d("A", "advocate_detractor_ratio"), 1e-12);
    assertEquals(1, n("A", "advocates_change"));
    assertEquals(0, n("A", "detractors_change"));
    assertNull(byBrand.get("B").getAs("advocates_change"), "no previous row for B");
    assertEquals(-0.6, d("B", "sentiment_30d"), 1e-12);
    assertNull(byBrand.get("D").getAs("advocate_detractor_ratio"), "no detractor");
  }

  @Test
  void theIndexWeighsThePartsThatHaveDataAndOrdersTheResponsiveBrandFirst() {
    // Default weights 0.25 responsiveness, 0.30 complaints, 0.10 speed, 0.15 sentiment, 0.20 advocacy.
    double a = 0.25 * (2.0 / 3) + 0.30 * 0.5 + 0.10 * (1 - 4.0 / 48) + 0.15 * ((1 - 0.5 / 3) / 2) + 0.20 * 0.6;
    double b = 0.25 * 1.0 + 0.30 * 0.0 + 0.10 * (1 - 10.0 / 48) + 0.15 * ((1 - 0.6) / 2) + 0.20 * (1.0 / 3);
    assertEquals(0.5908333333, a, 1e-9, "the hand figure");
    assertEquals(a, d("A", "trust_index"), 1e-12);
    assertEquals(b, d("B", "trust_index"), 1e-12);
    assertTrue(d("A", "trust_index") > d("B", "trust_index"), "the brand that answers complaints is trusted more");
    assertEquals(1 - 4.0 / 48, d("A", "speed_component"), 1e-12);
    assertNull(byBrand.get("C").getAs("trust_index"), "no data, no index");
    assertEquals(0, n("C", "addressed"));
    assertEquals(1.0, d("D", "trust_index"), 1e-12, "only advocacy has data: its weight renormalised to 1");
  }
}
