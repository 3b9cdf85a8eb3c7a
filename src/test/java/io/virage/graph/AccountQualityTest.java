package io.virage.graph;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virage.SparkTestBase;
import io.virage.config.Settings;
import io.virage.demo.DemoGenerator;
import io.virage.ingest.InputReader;
import io.virage.ingest.InputValidation;
import io.virage.ingest.ValidatedInputs;
import io.virage.schema.InputContract.InputDataset;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Bot likelihood measured against the roles the demo generator planted (and never hands to the
 * product), and the edge discount by hand.
 */
class AccountQualityTest extends SparkTestBase {
  private static final LocalDate END = LocalDate.parse("2026-11-26");

  @Test
  void plantedBotsScoreHighAndRegularUsersLow() {
    Map<String, Dataset<Row>> demo =
        new DemoGenerator(spark, new DemoGenerator.Params(4000, 7, END, 10)).generate();
    Map<InputDataset, Dataset<Row>> conformed = new EnumMap<>(InputDataset.class);
    conformed.put(InputDataset.USERS, InputReader.conform(demo.get("users"), InputDataset.USERS, "demo"));
    conformed.put(InputDataset.INTERACTIONS, InputReader.conform(demo.get("interactions"), InputDataset.INTERACTIONS, "demo"));
    Settings settings = Settings.defaults();
    try (ValidatedInputs in = ValidatedInputs.validate(conformed,
        new InputValidation.Params(END, Instant.parse("2026-11-27T00:00:00Z")))) {
      Dataset<Row> windowed =
          InteractionGraph.window(in.loaded(InputDataset.INTERACTIONS), END, settings.influence());
      Dataset<Row> scores = AccountQuality.score(in.loaded(InputDataset.USERS), windowed, END,
          settings.quality());
      Map<String, double[]> byRole = new HashMap<>();
      for (Row r : scores.join(demo.get(DemoGenerator.TRUTH), "user_id").groupBy(DemoGenerator.ROLE)
          .agg(avg("bot_likelihood"), avg(when(col("bot_likelihood").geq(0.5), 1.0).otherwise(0.0)))
          .collectAsList()) {
        byRole.put(r.getString(0), new double[] {r.getDouble(1), r.getDouble(2)});
      }
      double[] bots = byRole.get("bot");
      double[] regular = byRole.get("regular");
      assertTrue(bots[0] > regular[0] + 0.15, "mean likelihood: bots " + bots[0] + ", regular " + regular[0]);
      assertTrue(bots[1] > 0.6, "share of planted bots flagged: " + bots[1]);
      assertTrue(regular[1] < 0.01, "share of regular users flagged: " + regular[1]);
      assertTrue(byRole.get("advocate")[1] < 0.01, "advocates flagged: " + byRole.get("advocate")[1]);
    }
  }

  @Test
  void discountLeavesUsersBelowTheThresholdAloneAndScalesLikelyBotsDown() {
    StructType pairs = new StructType().add("a", DataTypes.StringType).add("b", DataTypes.StringType)
        .add("w_ab", DataTypes.DoubleType).add("w_ba", DataTypes.DoubleType);
    StructType quality = new StructType().add("user_id", DataTypes.StringType).add("bot_likelihood", DataTypes.DoubleType);
    Map<String, Double> w = new HashMap<>();
    AccountQuality.discountPairs(
        rows(pairs, new Object[] {"human", "x", 2.0, 1.0}, new Object[] {"edge", "x", 2.0, 0.0},
            new Object[] {"bot", "x", 2.0, 0.0}, new Object[] {"certain", "x", 2.0, 0.0},
            new Object[] {"unknown", "x", 2.0, 0.0}, new Object[] {"bot", "w", 2.0, 0.5}),
        rows(quality, new Object[] {"human", 0.3}, new Object[] {"edge", 0.5}, new Object[] {"bot", 0.8},
            new Object[] {"certain", 1.0}),
        0.5).collectAsList().forEach(r -> {
          w.put(r.<String>getAs("a") + ">" + r.getAs("b"), r.<Double>getAs(InteractionGraph.DW_AB));
          w.put(r.<String>getAs("b") + ">" + r.getAs("a"), r.<Double>getAs(InteractionGraph.DW_BA));
        });
    // factor = min(1, (1 - p) / (1 - 0.5)) on the weight leaving each user; p = 1 gives 0 (no PageRank
    // edge); users below the threshold or without a score keep their weights.
    assertEquals(Map.ofEntries(Map.entry("human>x", 2.0), Map.entry("x>human", 1.0), Map.entry("edge>x", 2.0),
        Map.entry("x>edge", 0.0), Map.entry("bot>x", 2.0 * 0.4), Map.entry("x>bot", 0.0),
        Map.entry("certain>x", 0.0), Map.entry("x>certain", 0.0), Map.entry("unknown>x", 2.0),
        Map.entry("x>unknown", 0.0), Map.entry("w>bot", 0.5), Map.entry("bot>w", 2.0 * 0.4)), roundAll(w));
  }

  private static Map<String, Double> roundAll(Map<String, Double> m) {
    Map<String, Double> out = new HashMap<>();
    m.forEach((k, v) -> out.put(k, Math.round(v * 1e12) / 1e12));
    return out;
  }
}
