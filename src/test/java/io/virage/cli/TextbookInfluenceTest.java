package io.virage.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virage.SparkTestBase;
import io.virage.graph.GraphFixtures;
import io.virage.testing.Cli;
import io.virage.testing.Cli.Result;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With every refinement switched off (no decay, no window, no bot discount, one interaction type),
 * {@code nightly}'s pagerank is exactly the textbook weighted PageRank of the interaction
 * multigraph: Zachary's karate club, each weighted edge given as that many follow interactions,
 * must give networkx's ranks and core numbers (fixtures in src/test/resources/reference). The
 * {@code influence} command on the shuffle path ({@code influence.propagation = shuffle}: PageRank's
 * vectors and the k-core's estimates with the executors) writes the same tables, value for value.
 */
class TextbookInfluenceTest extends SparkTestBase {
  @TempDir
  Path input;

  @TempDir
  Path warehouse;

  @TempDir
  Path shuffled;

  private static List<String[]> fixture(String name) throws IOException {
    return GraphFixtures.csv(name);
  }

  @Test
  void karateClubThroughTheWholeJobMatchesNetworkx() throws IOException {
    List<Object[]> users = new ArrayList<>();
    for (String[] line : fixture("karate.pagerank.csv")) {
      users.add(new Object[] {line[0], "@" + line[0]});
    }
    List<Object[]> interactions = new ArrayList<>();
    long second = 0;
    for (String[] e : fixture("karate.edges.csv")) {
      int times = (int) Double.parseDouble(e[2]); // karate weights are whole numbers of shared contexts
      for (int i = 0; i < times; i++) {
        // Distinct timestamps: identical rows would be quarantined as duplicate_row.
        interactions.add(new Object[] {e[0], e[1], "follow", new Timestamp(1_700_000_000_000L + 1000 * second++)});
      }
    }
    write("users", new StructType().add("user_id", DataTypes.StringType).add("handle", DataTypes.StringType), users);
    write("interactions", new StructType().add("src_user_id", DataTypes.StringType).add("dst_user_id", DataTypes.StringType)
        .add("type", DataTypes.StringType).add("ts", DataTypes.TimestampType), interactions);
    Timestamp t = Timestamp.valueOf("2026-11-01 10:00:00");
    write("posts", new StructType().add("post_id", DataTypes.StringType).add("author_id", DataTypes.StringType)
            .add("ts", DataTypes.TimestampType).add("text", DataTypes.StringType),
        List.<Object[]>of(new Object[] {"p1", "k0", t, "I love the club"}, new Object[] {"p2", "k33", t, "the club is awful"}));
    write("brands", new StructType().add("brand_id", DataTypes.StringType).add("keywords", DataTypes.StringType),
        List.<Object[]>of(new Object[] {"club", "club"}));
    write("sentiment_labels", new StructType().add("text", DataTypes.StringType).add("label", DataTypes.StringType),
        List.<Object[]>of(new Object[] {"love it", "positive"}, new Object[] {"great", "positive"},
            new Object[] {"awful", "negative"}, new Object[] {"hate it", "negative"}));

    Result r = Cli.runFast("nightly", "--input", input.toString(),
        "--warehouse", warehouse.toString(), "--run-date", "2026-11-26",
        "--set", "influence.half-life-days=0", "--set", "influence.window-days=0",
        "--set", "influence.bot-discount=false", "--set", "influence.tolerance=1e-11",
        "--set", "influence.max-iterations=1000");
    assertEquals(0, r.code(), r.err());

    Map<String, Double> pagerank = new HashMap<>();
    Map<String, Long> kcore = new HashMap<>();
    for (Row row : spark.read().format("delta").load(warehouse.resolve("influence_scores").toString()).collectAsList()) {
      pagerank.put(row.getAs("user_id"), row.getAs("pagerank"));
      kcore.put(row.getAs("user_id"), row.getAs("kcore"));
    }
    List<String[]> expected = fixture("karate.pagerank.csv");
    assertEquals(expected.size(), pagerank.size());
    for (String[] line : expected) {
      assertEquals(Double.parseDouble(line[1]), pagerank.get(line[0]), 1e-9, "pagerank of " + line[0]);
    }
    for (String[] line : fixture("karate.kcore.csv")) {
      assertEquals(Long.parseLong(line[1]), kcore.get(line[0]), "kcore of " + line[0]);
    }

    Result s = Cli.run("influence", "--input", input.toString(),
        "--warehouse", shuffled.toString(), "--run-date", "2026-11-26",
        "--set", "influence.half-life-days=0", "--set", "influence.window-days=0",
        "--set", "influence.bot-discount=false", "--set", "influence.tolerance=1e-11",
        "--set", "influence.max-iterations=1000", "--set", "influence.propagation=shuffle");
    assertEquals(0, s.code(), s.err());
    for (String table : List.of("influence_scores", "brand_influence")) {
      List<Row> broadcast = sorted(spark.read().format("delta").load(warehouse.resolve(table).toString()), "user_id");
      List<Row> shuffle = sorted(spark.read().format("delta").load(shuffled.resolve(table).toString()), "user_id");
      assertEquals(broadcast, shuffle, table + ": shuffle path against broadcast path");
    }
    String details = spark.read().format("delta").load(shuffled.resolve("job_runs").toString())
        .filter("stage = 'influence'").first().getAs("details");
    assertTrue(details.contains("\"pagerank_propagation\":\"shuffle\""), details);
    assertTrue(details.contains("\"brand_pagerank_propagation\":\"shuffle\""), details);
    assertTrue(details.contains("\"kcore_propagation\":\"shuffle\""), details);
  }

  private void write(String dataset, StructType schema, List<Object[]> values) {
    rows(schema, values.toArray(Object[][]::new)).write().parquet(input.resolve(dataset).toString());
  }
}
