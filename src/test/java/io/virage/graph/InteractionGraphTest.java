package io.virage.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.virage.SparkTestBase;
import io.virage.config.Settings;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Edge weights by hand: type weight x 0.5^(age / half-life), window, parallel interactions summed. */
class InteractionGraphTest extends SparkTestBase {
  private static final LocalDate RUN = LocalDate.parse("2026-11-26");
  private static final StructType SCHEMA = new StructType().add("src_user_id", DataTypes.StringType)
      .add("dst_user_id", DataTypes.StringType).add("type", DataTypes.StringType)
      .add("ts", DataTypes.TimestampType).add("post_id", DataTypes.StringType);

  private static Timestamp daysBeforeEnd(double days) {
    long end = LocalDate.parse("2026-11-27").atStartOfDay(java.time.ZoneOffset.UTC).toEpochSecond();
    return new Timestamp(Math.round((end - days * 86400) * 1000));
  }

  private static Map<String, Double> weights(Settings.Influence s, Object[]... interactions) {
    Dataset<Row> edges = InteractionGraph.edges(InteractionGraph.window(rows(SCHEMA, interactions), RUN, s));
    Map<String, Double> out = new java.util.HashMap<>();
    for (Row r : edges.collectAsList()) {
      out.put(r.getString(0) + ">" + r.getString(1), r.getDouble(2));
    }
    return out;
  }

  @Test
  void typeWeightTimesHalfLifeDecayParallelSummed() {
    Settings.Influence s = Settings.defaults().influence(); // share 2.0, like 0.5, half-life 90 d, window 365 d
    Map<String, Double> w = weights(s,
        new Object[] {"a", "b", "share", daysBeforeEnd(90), "p1"}, // 2.0 * 0.5
        new Object[] {"a", "b", "like", daysBeforeEnd(0.5), "p1"}, // 0.5 * 0.5^(0.5/90)
        new Object[] {"c", "b", "recommend", daysBeforeEnd(180), null}, // 3.0 * 0.25
        new Object[] {"c", "d", "follow", daysBeforeEnd(400), null}, // outside the 365-day window
        new Object[] {"d", "c", "follow", daysBeforeEnd(-0.01), null}); // after the run date
    assertEquals(2, w.size(), w.toString());
    assertEquals(1.0 + 0.5 * Math.pow(0.5, 0.5 / 90), w.get("a>b"), 1e-9);
    assertEquals(0.75, w.get("c>b"), 1e-9);
  }

  @Test
  void decayAndWindowCanBeSwitchedOff() {
    Settings.Influence s = Settings.load(Optional.empty(),
        Map.of("influence.half-life-days", "0", "influence.window-days", "0")).influence();
    Map<String, Double> w = weights(s,
        new Object[] {"a", "b", "follow", daysBeforeEnd(1000), null},
        new Object[] {"a", "b", "follow", daysBeforeEnd(1), null});
    assertEquals(Map.of("a>b", 2.0), w, "no decay: two follows weigh 2 x 1.0");
  }

  @Test
  void zeroWeightTypesMakeNoEdge() {
    Settings.Influence s = Settings.load(Optional.empty(), Map.of("influence.type-weights.like", "0")).influence();
    assertEquals(List.of(), List.copyOf(weights(s, new Object[] {"a", "b", "like", daysBeforeEnd(1), null}).keySet()));
  }
}
