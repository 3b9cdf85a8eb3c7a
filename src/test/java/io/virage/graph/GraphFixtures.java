package io.virage.graph;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads the networkx fixtures in src/test/resources/reference (node names hold no commas or quotes). */
public final class GraphFixtures {
  public static final List<String> GRAPHS = List.of("karate", "les_miserables", "florentine", "random_multigraph");

  /** The seed sets of make_pagerank_fixtures.py, as (label, node, weight). */
  private static final Map<String, List<Object[]>> SEED_SETS = Map.of(
      "karate", List.of(new Object[] {"a", "k0", 1.0}, new Object[] {"b", "k33", 0.75}, new Object[] {"b", "k5", 0.25}),
      "les_miserables", List.of(new Object[] {"a", "Valjean", 0.5}, new Object[] {"a", "Javert", 0.5},
          new Object[] {"b", "Myriel", 1.0}),
      "florentine", List.of(new Object[] {"a", "Medici", 1.0}, new Object[] {"b", "Pucci", 0.5},
          new Object[] {"b", "Strozzi", 0.5}),
      "random_multigraph", List.of(new Object[] {"a", "n1", 0.2}, new Object[] {"a", "n35", 0.8},
          new Object[] {"b", "n38", 1.0}));

  private GraphFixtures() {}

  /** Lines of a fixture, header dropped, split on commas. */
  public static List<String[]> csv(String name) throws IOException {
    try (InputStream in = GraphFixtures.class.getClassLoader().getResourceAsStream("reference/" + name)) {
      if (in == null) {
        throw new IOException("missing fixture reference/" + name);
      }
      List<String[]> out = new ArrayList<>();
      String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\r?\n");
      for (int i = 1; i < lines.length; i++) {
        if (!lines[i].isBlank()) {
          out.add(lines[i].split(","));
        }
      }
      return out;
    }
  }

  /** Directed weighted edges (parallel edges repeated) as src, dst, weight rows. */
  public static List<Object[]> edges(String graph) throws IOException {
    List<Object[]> edges = new ArrayList<>();
    for (String[] line : csv(graph + ".edges.csv")) {
      edges.add(new Object[] {line[0], line[1], Double.parseDouble(line[2])});
    }
    return edges;
  }

  /** Every node of the graph (from the global PageRank fixture, which lists isolated nodes too). */
  public static List<String> nodes(String graph) throws IOException {
    return csv(graph + ".pagerank.csv").stream().map(l -> l[0]).toList();
  }

  /** A graph's seed sets as rows (label, node, weight), as make_pagerank_fixtures.py gives them. */
  public static Object[][] seedSet(String graph) {
    return SEED_SETS.get(graph).toArray(Object[][]::new);
  }
}
