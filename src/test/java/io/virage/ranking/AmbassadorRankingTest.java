package io.virage.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virage.SparkTestBase;
import io.virage.config.Settings;
import io.virage.schema.OutputTables;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Signals, eligibility, score, explanation, movers and roster on a world small enough to compute by
 * hand: brand b, its account a, candidates u1..u5, engagers x (a likely bot), y and z.
 */
class AmbassadorRankingTest extends SparkTestBase {
  private static final LocalDate RUN = LocalDate.parse("2026-11-26");
  private static final double BOT = 0.5;
  private static Settings settings;
  private static RankingInputs inputs;
  private static Map<String, Row> candidates;
  private static Map<String, Row> rankings;
  private static Dataset<Row> rankingRows;

  @BeforeAll
  static void rank() {
    Map<String, String> set = new HashMap<>(Map.of(
        "ranking.weights.brand-influence", "0.3", "ranking.weights.influence", "0.1",
        "ranking.weights.engagement", "0.2", "ranking.weights.sentiment", "0.2",
        "ranking.weights.recommendations", "0.05", "ranking.weights.audience-quality", "0.05",
        "ranking.weights.account-quality", "0.05", "ranking.weights.activity", "0.05"));
    set.put("ranking.weights.conversions", "0.15");
    set.put("ranking.recency-half-life-days", "30");
    set.put("ranking.activity-weeks", "12");
    set.put("ranking.min-brand-sentiment", "-0.05");
    settings = Settings.load(Optional.empty(), set);

    StructType users = new StructType().add("user_id", DataTypes.StringType).add("handle", DataTypes.StringType)
        .add("opted_out", DataTypes.BooleanType).add("employer_brand_id", DataTypes.StringType);
    StructType brands = new StructType().add("brand_id", DataTypes.StringType)
        .add("handles", DataTypes.createArrayType(DataTypes.StringType));
    StructType interactions = new StructType().add("src_user_id", DataTypes.StringType)
        .add("dst_user_id", DataTypes.StringType).add("type", DataTypes.StringType).add("post_id", DataTypes.StringType);
    StructType influence = new StructType().add("user_id", DataTypes.StringType).add("pagerank", DataTypes.DoubleType)
        .add("followers_count", DataTypes.LongType).add("bot_likelihood", DataTypes.DoubleType)
        .add("engaged_users", DataTypes.LongType);
    StructType brandInfluence = new StructType().add("brand_id", DataTypes.StringType)
        .add("user_id", DataTypes.StringType).add("pagerank", DataTypes.DoubleType);
    StructType posts = new StructType().add("post_id", DataTypes.StringType).add("author_id", DataTypes.StringType)
        .add("ts", DataTypes.TimestampType).add("label", DataTypes.StringType)
        .add("brand_ids", DataTypes.createArrayType(DataTypes.StringType));
    StructType userBrand = new StructType().add("brand_id", DataTypes.StringType).add("user_id", DataTypes.StringType)
        .add("sentiment", DataTypes.DoubleType).add("confidence", DataTypes.DoubleType);
    String[] b = {"b"};
    inputs = new RankingInputs(
        rows(users, new Object[] {"a", "@B", false, null}, new Object[] {"u1", "one", false, null},
            new Object[] {"u2", "two", false, "b"}, new Object[] {"u3", "three", true, null},
            new Object[] {"u4", "four", null, null}, new Object[] {"u5", "five", false, null},
            new Object[] {"x", "x", false, null}, new Object[] {"y", "y", false, null},
            new Object[] {"z", "z", false, null}),
        rows(brands, new Object[] {"b", new String[] {"@b"}}),
        rows(interactions,
            new Object[] {"x", "u1", "like", "p1"}, new Object[] {"y", "u1", "share", "p1"},
            new Object[] {"z", "u1", "reply", "p1"}, new Object[] {"y", "u1", "like", "p2"},
            new Object[] {"z", "u1", "recommend", null}, new Object[] {"y", "u2", "like", "p3"},
            new Object[] {"y", "u2", "recommend", null}, new Object[] {"x", "u2", "follow", null},
            new Object[] {"z", "u2", "follow", null}),
        // engaged_users: distinct accounts that interacted with the user (x, y, z for u1 and u2).
        rows(influence, new Object[] {"u1", 0.3, 10L, 0.1, 3L}, new Object[] {"u2", 0.1, 5L, 0.2, 3L},
            new Object[] {"a", 0.4, 1000L, 0.0, 0L}, new Object[] {"u3", 0.05, 3L, 0.0, 0L},
            new Object[] {"u4", 0.05, 1L, 0.9, 0L}, new Object[] {"u5", 0.1, 50L, 0.0, 0L},
            new Object[] {"x", 0.0, 0L, 0.8, 0L}, new Object[] {"y", 0.0, 0L, 0.0, 0L},
            new Object[] {"z", 0.0, 0L, 0.0, 0L}),
        rows(brandInfluence, new Object[] {"b", "u1", 0.2}, new Object[] {"b", "u2", 0.3}),
        rows(posts,
            new Object[] {"p1", "u1", ts("2026-11-20 10:00:00"), "positive", b},
            new Object[] {"p2", "u1", ts("2026-11-01 10:00:00"), "neutral", b},
            new Object[] {"p3", "u2", ts("2026-11-25 10:00:00"), "positive", b},
            new Object[] {"p4", "a", ts("2026-11-25 10:00:00"), "positive", b},
            new Object[] {"p5", "u3", ts("2026-11-25 10:00:00"), "positive", b},
            new Object[] {"p6", "u4", ts("2026-11-25 10:00:00"), "positive", b},
            new Object[] {"p7", "u5", ts("2026-11-25 10:00:00"), "negative", b}),
        rows(userBrand, new Object[] {"b", "u1", 0.4, 0.4}, new Object[] {"b", "u2", 0.2, 0.25},
            new Object[] {"b", "a", 0.3, 0.25}, new Object[] {"b", "u3", 0.5, 0.25},
            new Object[] {"b", "u4", 0.5, 0.25}, new Object[] {"b", "u5", -0.3, 0.25}),
        previous());
    Dataset<Row> signals = AmbassadorSignals.of(inputs, BOT, 12, RUN);
    AmbassadorRanking.Result result = AmbassadorRanking.rank(signals, inputs.previousRankings(), settings.ranking(),
        BOT, RUN);
    candidates = byUser(result.candidates());
    rankingRows = result.rankings().cache();
    rankings = byUser(rankingRows);
  }

  /** The previous run: u1 ranked 2nd with brand_influence 0.5 and sentiment 0.1; u2 not ranked. */
  private static Dataset<Row> previous() {
    StructType schema = OutputTables.AMBASSADOR_RANKINGS.schema();
    Object[] u1 = new Object[schema.size()];
    u1[schema.fieldIndex("run_date")] = Date.valueOf("2026-11-25");
    u1[schema.fieldIndex("brand_id")] = "b";
    u1[schema.fieldIndex("user_id")] = "u1";
    u1[schema.fieldIndex("rank")] = 2;
    double[] current = {0, 1, 1, 0.4, 1, 2.0 / 3, 0.9, activity(6, 2)};
    for (ScoreComponent c : ScoreComponent.values()) {
      if (c != ScoreComponent.CONVERSIONS) { // unknown then
        u1[schema.fieldIndex(c.column())] = current[c.ordinal()];
      }
    }
    u1[schema.fieldIndex("brand_influence_component")] = 0.5;
    u1[schema.fieldIndex("sentiment_component")] = 0.1;
    return spark.createDataFrame(List.of(RowFactory.create(u1)), schema);
  }

  private static double activity(int days, int weeks) {
    return 0.5 * Math.pow(2, -days / 30.0) + 0.5 * weeks / 12.0;
  }

  private static Timestamp ts(String s) {
    return Timestamp.from(java.time.Instant.parse(s.replace(' ', 'T') + "Z"));
  }

  private static Map<String, Row> byUser(Dataset<Row> df) {
    return df.collectAsList().stream().collect(Collectors.toMap(r -> r.getAs("user_id"), r -> r));
  }

  @Test
  void everyCandidateHasARowAndTheFirstReasonThatApplies() {
    Map<String, String> reasons = new HashMap<>();
    candidates.forEach((u, r) -> reasons.put(u, r.getAs("reason")));
    Map<String, String> expected = new HashMap<>();
    expected.put("a", "own_account");
    expected.put("u1", null);
    expected.put("u2", null);
    expected.put("u3", "opted_out");
    expected.put("u4", "likely_bot");
    expected.put("u5", "negative_sentiment");
    assertEquals(expected, reasons);
    assertTrue((Boolean) candidates.get("u1").getAs("eligible"));
    assertFalse((Boolean) candidates.get("u5").getAs("eligible"));
    assertEquals(OutputTables.AMBASSADOR_CANDIDATES.columnNames(), List.of(
        inputs.users().sparkSession().createDataFrame(List.of(), OutputTables.AMBASSADOR_CANDIDATES.schema())
            .columns()));
    assertEquals(2, rankings.size(), "only the eligible are ranked");
  }

  @Test
  void signalsCountOnlyGenuineEngagement() {
    Row u1 = rankings.get("u1");
    assertEquals(2L, (Long) u1.getAs("posts_about_brand"));
    assertEquals(3L, (Long) u1.getAs("engagement_received"), "x's like is a likely bot's: not counted");
    assertEquals(2L, (Long) u1.getAs("advocacy_engagement"), "p1 is positive, p2 neutral");
    assertEquals(3.0 / 2 / 11, (Double) u1.getAs("engagement_rate"), 1e-12);
    assertEquals(0.5, (Double) u1.getAs("amplification"), 1e-12);
    assertEquals(0.5, (Double) u1.getAs("conversation"), 1e-12);
    assertEquals(1L, (Long) u1.getAs("recommendations_received"));
    assertEquals(2.0 / 3, (Double) u1.getAs("audience_quality"), 1e-12, "x, y, z engaged; x is a likely bot");
    assertEquals(6, (Integer) u1.getAs("days_since_last_post"));
    assertEquals(2, (Integer) u1.getAs("active_weeks"), "weeks 0 and 3 before the run date");
    assertEquals(0.2, (Double) u1.getAs("brand_pagerank"), 1e-12);
    Row u2 = rankings.get("u2");
    assertEquals(1L, (Long) u2.getAs("advocacy_engagement"));
    assertEquals(2.0 / 3, (Double) u2.getAs("audience_quality"), 1e-12);
    assertTrue((Boolean) u2.getAs("is_employee"));
  }

  @Test
  void scoreIsTheWeightedSumOfHandComputedComponents() {
    // u1: brand 0th pct, global 100th, engagement ln3/ln3, sentiment 0.4, recommendations ln2/ln2,
    //     audience 2/3, account 0.9, activity(6 days, 2 weeks). u2: brand 100th, global 0th,
    //     engagement ln2/ln3, sentiment 0.2, recommendations 1, audience 2/3, account 0.8, activity(1, 1).
    double[] w = {0.3, 0.1, 0.2, 0.2, 0.05, 0.05, 0.05, 0.05};
    double[] u1 = {0, 1, 1, 0.4, 1, 2.0 / 3, 0.9, activity(6, 2)};
    double[] u2 = {1, 0, Math.log(2) / Math.log(3), 0.2, 1, 2.0 / 3, 0.8, activity(1, 1)};
    double s1 = 0;
    double s2 = 0;
    for (ScoreComponent c : ScoreComponent.values()) {
      if (c == ScoreComponent.CONVERSIONS) {
        assertNull(rankings.get("u1").getAs(c.column()), "no conversions dataset: unknown");
        assertNull(rankings.get("u1").getAs("attributed_conversions"));
        continue;
      }
      assertEquals(u1[c.ordinal()], (Double) rankings.get("u1").getAs(c.column()), 1e-12, "u1 " + c);
      assertEquals(u2[c.ordinal()], (Double) rankings.get("u2").getAs(c.column()), 1e-12, "u2 " + c);
      s1 += w[c.ordinal()] * u1[c.ordinal()];
      s2 += w[c.ordinal()] * u2[c.ordinal()];
    }
    assertEquals(s1, (Double) rankings.get("u1").getAs("score"), 1e-12);
    assertEquals(s2, (Double) rankings.get("u2").getAs("score"), 1e-12);
    assertTrue(s2 > s1);
    assertEquals(1, (Integer) rankings.get("u2").getAs("rank"));
    assertEquals(2, (Integer) rankings.get("u1").getAs("rank"));
    assertEquals("gold", rankings.get("u2").getAs("tier"), "share 0/2 < 0.1");
    assertEquals("bronze", rankings.get("u1").getAs("tier"), "share 1/2 >= 0.3");
    assertEquals(1, (Integer) rankings.get("u2").getAs("employee_rank"));
    assertNull(rankings.get("u1").getAs("employee_rank"));
    assertEquals(OutputTables.AMBASSADOR_RANKINGS.columnNames(), List.of(rankingRows.columns()));
  }

  @Test
  void explanationNamesTheThreeBiggestContributionsAndTheWeakestComponent() {
    assertEquals("lifted by advocacy engagement 2 (of 3 on 2 posts); global influence 100th pct;"
        + " sentiment +0.40 (2 posts) | held back by brand reach 0th pct", rankings.get("u1").getAs("explanation"));
    assertEquals("lifted by brand reach 100th pct; advocacy engagement 1 (of 1 on 1 post); 1 recommendation"
        + " | held back by global influence 0th pct", rankings.get("u2").getAs("explanation"));
  }

  /** The fixture's inputs with conversion credits {@code credits} (user -> credit) and brands with conversions. */
  private static Map<String, Row> rankWithConversions(Map<String, Double> credits, List<String> converting) {
    StructType creditSchema = new StructType().add("brand_id", DataTypes.StringType).add("user_id", DataTypes.StringType)
        .add("attributed_conversions", DataTypes.DoubleType);
    Object[][] creditRows = credits.entrySet().stream().map(e -> new Object[] {"b", e.getKey(), e.getValue()})
        .toArray(Object[][]::new);
    Object[][] brandRows = converting.stream().map(b -> new Object[] {b}).toArray(Object[][]::new);
    RankingInputs with = new RankingInputs(inputs.users(), inputs.brands(), inputs.windowedInteractions(),
        inputs.influence(), inputs.brandInfluence(), inputs.postSentiment(), inputs.userBrandSentiment(),
        inputs.previousRankings(), rows(creditSchema, creditRows),
        rows(new StructType().add("brand_id", DataTypes.StringType), brandRows));
    return byUser(AmbassadorRanking.rank(AmbassadorSignals.of(with, BOT, 12, RUN), with.previousRankings(),
        settings.ranking(), BOT, RUN).rankings());
  }

  @Test
  void conversionsCountWithTheirWeightWhereKnownAndChangeNothingWhereUnknown() {
    // b has conversions: u1 credited 3, u2 1. conversions = ln(1 + x) / ln(1 + 3): u1 1, u2 0.5. Raw weights: the
    // fixture's eight (summing to 1) and conversions at the fixture's 0.15, all normalised by 1.15.
    Map<String, Row> known = rankWithConversions(Map.of("u1", 3.0, "u2", 1.0), List.of("b"));
    double s1 = (double) rankings.get("u1").<Double>getAs("score");
    double s2 = (double) rankings.get("u2").<Double>getAs("score");
    assertEquals(1.0, known.get("u1").<Double>getAs("conversions_component"), 1e-12);
    assertEquals(Math.log(2) / Math.log(4), known.get("u2").<Double>getAs("conversions_component"), 1e-12);
    assertEquals(3.0, known.get("u1").<Double>getAs("attributed_conversions"), 1e-12);
    assertEquals((s1 + 0.15 * 1.0) / 1.15, known.get("u1").<Double>getAs("score"), 1e-12);
    assertEquals((s2 + 0.15 * Math.log(2) / Math.log(4)) / 1.15, known.get("u2").<Double>getAs("score"), 1e-12);
    // u1's contributions: engagement 0.2, conversions 0.15, influence 0.1, sentiment 0.08 (all / 1.15).
    assertEquals("lifted by advocacy engagement 2 (of 3 on 2 posts); 3.0 attributed conversions; global influence"
        + " 100th pct | held back by brand reach 0th pct", known.get("u1").getAs("explanation"));

    // A brand with conversions counted but none credited to a user: 0, not unknown.
    Map<String, Row> none = rankWithConversions(Map.of(), List.of("b"));
    assertEquals(0.0, none.get("u2").<Double>getAs("attributed_conversions"));
    assertEquals(0.0, none.get("u2").<Double>getAs("conversions_component"));
    assertEquals(s2 / 1.15, none.get("u2").<Double>getAs("score"), 1e-12);

    // The dataset is there but b has no conversions in the window: every row as without the dataset, to the bit.
    Map<String, Row> unknown = rankWithConversions(Map.of("u1", 3.0), List.of());
    for (String u : List.of("u1", "u2")) {
      assertEquals(rankings.get(u), unknown.get(u), u);
    }
  }

  @Test
  void moversCompareWithThePreviousRun() {
    Row u1 = rankings.get("u1");
    assertEquals(2, (Integer) u1.getAs("previous_rank"));
    assertEquals(0, (Integer) u1.getAs("rank_change"));
    assertFalse((Boolean) u1.getAs("is_new"));
    assertEquals("brand_influence -0.50, sentiment +0.30", u1.getAs("moved_components"));
    Row u2 = rankings.get("u2");
    assertNull(u2.getAs("previous_rank"));
    assertNull(u2.getAs("rank_change"));
    assertTrue((Boolean) u2.getAs("is_new"));
    assertNull(u2.getAs("moved_components"));
  }

  /** One ranked row: rank and component values (engagement, sentiment, activity given; the rest 0.5). */
  private static Object[] moverRow(String user, int rank, double engagement, double sentiment, double activity) {
    Object[] r = new Object[3 + ScoreComponent.values().length];
    r[0] = "b";
    r[1] = user;
    r[2] = rank;
    for (ScoreComponent c : ScoreComponent.values()) {
      r[3 + c.ordinal()] = switch (c) {
        case ENGAGEMENT -> engagement;
        case SENTIMENT -> sentiment;
        case ACTIVITY -> activity;
        case CONVERSIONS -> null; // unknown on both dates: never a change
        default -> 0.5;
      };
    }
    return r;
  }

  @Test
  void aMoverNeedsAVisibleMoveAndAVisibleCause() {
    StructType schema = new StructType().add("brand_id", DataTypes.StringType).add("user_id", DataTypes.StringType)
        .add("rank", DataTypes.IntegerType);
    for (ScoreComponent c : ScoreComponent.values()) {
      schema = schema.add(c.column(), DataTypes.DoubleType);
    }
    Dataset<Row> before = rows(schema, moverRow("up", 5, 0.2, 0.5, 0.5), moverRow("small", 1, 0.6, 0.5, 0.5),
        moverRow("noise", 2, 0.6, 0.5, 0.5));
    Dataset<Row> now = rows(schema,
        // 4 up; engagement +0.30 and sentiment +0.004 (below 0.01: not named)
        moverRow("up", 1, 0.5, 0.504, 0.5),
        // 1 down: too small a move, though engagement changed by 0.20
        moverRow("small", 2, 0.4, 0.5, 0.5),
        // 4 down, but every component within 0.01: ties and rounding, not a reason
        moverRow("noise", 6, 0.6, 0.503, 0.496),
        moverRow("new", 3, 0.9, 0.9, 0.9));
    Map<String, Row> m = AmbassadorRanking.movers(now, before, new Settings.Movers(3, 0.01)).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getAs("user_id"), r -> r));
    assertEquals("engagement +0.30", m.get("up").getAs("moved_components"));
    assertTrue((Boolean) m.get("up").getAs("is_mover"));
    assertEquals(4, (Integer) m.get("up").getAs("rank_change"));
    assertEquals("engagement -0.20", m.get("small").getAs("moved_components"));
    assertFalse((Boolean) m.get("small").getAs("is_mover"), "1 position is below ranking.movers.min-rank-change");
    assertNull(m.get("noise").getAs("moved_components"), "no component changed by 0.01 or more");
    assertFalse((Boolean) m.get("noise").getAs("is_mover"), "4 positions, but nothing visible moved them");
    assertNull(m.get("new").getAs("is_mover"));
    assertNull(m.get("new").getAs("moved_components"));
    // With every change visible, the two largest are named, largest first.
    Row any = AmbassadorRanking.movers(now, before, new Settings.Movers(1, 0)).filter("user_id = 'noise'").first();
    assertEquals("activity -0.00, sentiment +0.00", any.getAs("moved_components"));
    assertTrue((Boolean) any.getAs("is_mover"));
  }

  @Test
  void rosterSkipsAPickThatAddsNoAudience() {
    // Without the likely bot x, u1 and u2 reach the same two people {y, z}: one pick covers them.
    List<Row> roster = AmbassadorRoster.select(rankingRows, inputs.windowedInteractions(), inputs.influence(), BOT,
        settings.ranking().roster(), RUN).collectAsList();
    assertEquals(1, roster.size());
    Row pick = roster.get(0);
    assertEquals("u2", pick.getAs("user_id"));
    assertEquals(1, (Integer) pick.getAs("pick"));
    assertEquals(2L, (Long) pick.getAs("audience_size"));
    assertEquals(2L, (Long) pick.getAs("marginal_reach"));
    assertEquals(2L, (Long) pick.getAs("cumulative_reach"));
    assertEquals(1.0, (Double) pick.getAs("coverage"), 1e-12);
    assertEquals(2L, (Long) pick.getAs("top_k_reach"));
    assertEquals("u2", pick.getAs("community"), "u1 and u2 share their audience; named by the best ranked");
  }
}
