package io.virage.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.virage.SparkTestBase;
import io.virage.config.Settings;
import io.virage.graph.engine.DenseIndex;
import io.virage.schema.OutputTables.Influence;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The per-user signals of {@code influence_scores} and each bot-likelihood signal, on a graph small
 * enough to count by hand (values in the comments). No decay, so weights are the type weights.
 *
 * <pre>
 *   day 1: a->b like, a->b share, e->b like, e->b like, e->c follow
 *   day 2: a->c follow, a->d like, b->a reply
 *   day 3: b->c like, c->b mention, d->d mention (a self-loop)
 * </pre>
 */
class InfluenceSignalsTest extends SparkTestBase {
  private static final LocalDate RUN = LocalDate.parse("2026-11-26");
  private static final StructType INTERACTIONS = new StructType().add("src_user_id", DataTypes.StringType)
      .add("dst_user_id", DataTypes.StringType).add("type", DataTypes.StringType)
      .add("ts", DataTypes.TimestampType).add("post_id", DataTypes.StringType);
  private static final StructType USERS = new StructType().add("user_id", DataTypes.StringType)
      .add("followers_count", DataTypes.LongType).add("following_count", DataTypes.LongType)
      .add("created_at", DataTypes.TimestampType);

  private static Timestamp day(int day, int hour) {
    return Timestamp.from(RUN.minusDays(10 - day).atStartOfDay(ZoneOffset.UTC).plusHours(hour).toInstant());
  }

  private static Dataset<Row> interactions() {
    return rows(INTERACTIONS,
        new Object[] {"a", "b", "like", day(1, 10), null},
        new Object[] {"a", "b", "share", day(1, 11), null},
        new Object[] {"e", "b", "like", day(1, 12), null},
        new Object[] {"e", "b", "like", day(1, 13), null},
        new Object[] {"e", "c", "follow", day(1, 14), null},
        new Object[] {"a", "c", "follow", day(2, 10), null},
        new Object[] {"a", "d", "like", day(2, 11), null},
        new Object[] {"b", "a", "reply", day(2, 12), null},
        new Object[] {"b", "c", "like", day(3, 10), null},
        new Object[] {"c", "b", "mention", day(3, 11), null},
        new Object[] {"d", "d", "mention", day(3, 12), null});
  }

  /** Equal followers and following (follow ratio 0) and old accounts (young account 0). */
  private static Dataset<Row> users() {
    Timestamp old = Timestamp.from(RUN.minusYears(3).atStartOfDay(ZoneOffset.UTC).toInstant());
    return rows(USERS, new Object[] {"a", 10L, 10L, old}, new Object[] {"b", 10L, 10L, old},
        new Object[] {"c", 10L, 10L, old}, new Object[] {"d", 10L, 10L, old}, new Object[] {"e", 10L, 10L, old});
  }

  private static Settings settings(Map<String, String> overrides) {
    Map<String, String> all = new HashMap<>(Map.of("influence.half-life-days", "0", "quality.min-activity", "3",
        "quality.weights.follow-ratio", "0", "quality.weights.young-account", "0",
        "quality.weights.low-reciprocity", "0", "quality.weights.burstiness", "0",
        "quality.weights.low-effort", "0", "quality.weights.bought-audience", "0"));
    all.putAll(overrides);
    return Settings.load(Optional.empty(), all);
  }

  private static Map<String, Double> likelihood(Map<String, String> weights) {
    Settings s = settings(weights);
    Dataset<Row> windowed = InteractionGraph.window(interactions(), RUN, s.influence());
    Map<String, Double> out = new HashMap<>();
    for (Row r : AccountQuality.score(users(), windowed, RUN, s.quality()).collectAsList()) {
      out.put(r.getString(0), Math.round(r.getDouble(1) * 1e12) / 1e12);
    }
    return out;
  }

  private static double r(double v) {
    return Math.round(v * 1e12) / 1e12;
  }

  @Test
  void lowReciprocity() {
    // a acted on b, c, d; only b acted back: 1 - 1/3. e acted on b, c; neither acted back: 1.
    // b, c, d have fewer than 3 interactions of their own: activity signals 0.
    assertEquals(Map.of("a", r(2.0 / 3), "b", 0.0, "c", 0.0, "d", 0.0, "e", 1.0),
        likelihood(Map.of("quality.weights.low-reciprocity", "1")));
  }

  @Test
  void burstiness() {
    // a: 2 of 4 on day 1 (and 2 on day 2): 0.5. e: 3 of 3 on day 1.
    assertEquals(Map.of("a", 0.5, "b", 0.0, "c", 0.0, "d", 0.0, "e", 1.0),
        likelihood(Map.of("quality.weights.burstiness", "1")));
  }

  @Test
  void lowEffort() {
    // a: like, follow, like of 4; e: like, like, follow of 3.
    assertEquals(Map.of("a", 0.75, "b", 0.0, "c", 0.0, "d", 0.0, "e", 1.0),
        likelihood(Map.of("quality.weights.low-effort", "1")));
  }

  @Test
  void boughtAudienceCountsEngagementFromAccountsThatAlreadyLookLikeBots() {
    // First pass = low effort: a (0.75) and e (1.0) reach the 0.5 threshold.
    // Received from them: a 0 of 1 (b's reply); b 4 of 5 (a twice, e twice, c once); c 2 of 3 (a, e, not b);
    // d 1 of 2 (a, not its own mention); e received nothing. Likelihood = (low effort + bought) / 2.
    assertEquals(Map.of("a", 0.375, "b", 0.4, "c", r(1.0 / 3), "d", 0.25, "e", 0.5),
        likelihood(Map.of("quality.weights.low-effort", "1", "quality.weights.bought-audience", "1")));
  }

  @Test
  void receivedEngagement() {
    Settings s = settings(Map.of());
    Dataset<Row> windowed = InteractionGraph.window(interactions(), RUN, s.influence());
    StructType kc = new StructType().add("user_id", DataTypes.StringType).add("kcore", DataTypes.LongType);
    Dataset<Row> ids = users().select("user_id");
    Map<String, String> got = new HashMap<>();
    try (DenseIndex index = DenseIndex.of(ids, "user_id")) {
      // Dense ids in user_id order: a b c d e. c, d and e tie.
      Dataset<Row> pagerank = index.attachRanked(new double[] {0.3, 0.4, 0.1, 0.1, 0.1}, "pagerank",
          Influence.PAGERANK_RANK);
      Dataset<Row> graphSignals = pagerank.join(rows(kc, new Object[] {"a", 2L}, new Object[] {"b", 2L},
          new Object[] {"c", 2L}, new Object[] {"d", 1L}, new Object[] {"e", 2L}), "user_id");
      Dataset<Row> scores = InfluenceScores.build(users(), graphSignals, InfluenceScores.perUser(
          UserActivity.of(InteractionGraph.pairs(windowed)), AccountQuality.score(users(), windowed, RUN, s.quality())), RUN);
      assertEquals(5, scores.join(ids, "user_id").count());
      for (Row row : scores.collectAsList()) {
        got.put(row.getAs("user_id"), row.getAs(Influence.IN_DEGREE) + " " + r(row.<Double>getAs(Influence.WEIGHTED_IN_DEGREE))
            + " " + row.getAs(Influence.ENGAGED_USERS) + " #" + row.getAs(Influence.PAGERANK_RANK));
      }
    }
    // in_degree, weighted_in_degree (follow 1, like 0.5, reply and mention 1.5, share 2), distinct engagers,
    // pagerank_rank (ties by user_id).
    assertEquals(Map.of(
        "a", "1 1.5 1 #2",                 // b's reply
        "b", "5 5.0 3 #1",                 // a like + share, e like x2, c mention; engaged a, c, e
        "c", "3 2.5 3 #3",                 // e follow, a follow, b like
        "d", "2 2.0 2 #4",                 // a like, its own mention
        "e", "0 0.0 0 #5"), got);
  }

  @Test
  void pagerankRankIsDescendingWithTiesInIdOrder() {
    // Ranks by hand: 0.5 (ids 1, 3), then 0.1 (ids 0, 2), then 0.0 (id 4); ties keep id order.
    assertArrayEquals(new long[] {3, 1, 4, 2, 5}, DenseIndex.descendingRanks(new double[] {0.1, 0.5, 0.1, 0.5, 0.0}));
    assertArrayEquals(new long[0], DenseIndex.descendingRanks(new double[0]));
    assertArrayEquals(new long[] {1}, DenseIndex.descendingRanks(new double[] {0.3}));
    // Against Java's stable sort of boxed indices, on sizes that are not powers of two, many ties,
    // and the values Double.compare orders apart (-0.0 below 0.0, NaN above everything).
    java.util.Random random = new java.util.Random(11);
    for (int n : new int[] {2, 3, 7, 1000, 65_537, 100_003}) {
      double[] values = new double[n];
      for (int i = 0; i < n; i++) {
        int pick = random.nextInt(20);
        values[i] = pick == 0 ? -0.0 : pick == 1 ? 0.0 : pick == 2 ? Double.NaN : random.nextInt(50) / 7.0;
      }
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      java.util.Arrays.sort(order, (x, y) -> Double.compare(values[y], values[x]));
      long[] expected = new long[n];
      for (int p = 0; p < n; p++) {
        expected[order[p]] = p + 1;
      }
      assertArrayEquals(expected, DenseIndex.descendingRanks(values), "n = " + n);
    }
  }
}
