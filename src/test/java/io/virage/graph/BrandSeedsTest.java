package io.virage.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.virage.SparkTestBase;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Seed weights by hand: accounts share accounts-share equally, posters the rest by posts. */
class BrandSeedsTest extends SparkTestBase {
  @Test
  void seedWeights() {
    StructType users = new StructType().add("user_id", DataTypes.StringType).add("handle", DataTypes.StringType);
    StructType brands = new StructType().add("brand_id", DataTypes.StringType)
        .add("handles", DataTypes.createArrayType(DataTypes.StringType));
    StructType posts = new StructType().add("post_id", DataTypes.StringType).add("author_id", DataTypes.StringType)
        .add("ts", DataTypes.TimestampType).add("brand_ids", DataTypes.createArrayType(DataTypes.StringType));
    Timestamp t = Timestamp.valueOf("2026-11-20 10:00:00");
    Map<String, Double> w = new HashMap<>();
    for (Row r : BrandSeeds.of(
        rows(users, new Object[] {"acc1", "@Acme"}, new Object[] {"acc2", "@acme_fr"}, new Object[] {"x", "@x"},
            new Object[] {"y", "@y"}, new Object[] {"solo", "@solo"}),
        rows(brands, new Object[] {"acme", new String[] {"@acme", "@ACME_FR"}},
            new Object[] {"fanless", new String[] {}}, new Object[] {"quiet", new String[] {"@solo"}},
            new Object[] {"ghost", new String[] {"@nobody"}}),
        rows(posts,
            new Object[] {"p1", "x", t, new String[] {"acme"}}, new Object[] {"p2", "x", t, new String[] {"acme", "fanless"}},
            new Object[] {"p3", "x", t, new String[] {"acme"}}, new Object[] {"p4", "y", t, new String[] {"acme"}},
            new Object[] {"p5", "acc1", t, new String[] {"acme"}}, new Object[] {"p6", "y", t, new String[] {"fanless"}}),
        0.5).collectAsList()) {
      w.put(r.getString(0) + "/" + r.getString(1), r.getDouble(2));
    }
    assertEquals(0.25, w.get("acme/acc1"), 1e-12, "an account that also posts counts once, as an account");
    assertEquals(0.25, w.get("acme/acc2"), 1e-12, "handles match ignoring case");
    assertEquals(0.375, w.get("acme/x"), 1e-12, "posters share the other half by posts: 3 of 4");
    assertEquals(0.125, w.get("acme/y"), 1e-12);
    assertEquals(0.5, w.get("fanless/x"), 1e-12, "no accounts: posters take everything");
    assertEquals(0.5, w.get("fanless/y"), 1e-12);
    assertEquals(1.0, w.get("quiet/solo"), 1e-12, "no posters: accounts take everything");
    assertEquals(7, w.size(), "a brand with neither has no seeds: " + w);
  }
}
