package io.virage.jobs;

import io.virage.config.Settings;
import io.virage.graph.InfluenceScores;
import io.virage.graph.InteractionGraph;
import io.virage.graph.WeightedPageRank;
import io.virage.ingest.ValidatedInputs;
import io.virage.schema.InputContract.Dataset;
import io.virage.schema.InputContract.Users;
import io.virage.schema.OutputTables;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Stage {@code influence}: windowed weighted interaction graph, weighted PageRank, global signals,
 * written to {@code influence_scores} for the run date. Returns the windowed interactions (cached;
 * the ranking stage reuses them, the caller unpersists).
 */
public final class InfluenceStage {
  private InfluenceStage() {}

  public static JobRun.Outcome<org.apache.spark.sql.Dataset<Row>> run(RunContext ctx, ValidatedInputs in) {
    Settings.Influence s = ctx.settings().influence();
    org.apache.spark.sql.Dataset<Row> windowed = InteractionGraph
        .window(in.loaded(Dataset.INTERACTIONS), ctx.runDate(), s)
        .persist(StorageLevel.MEMORY_AND_DISK());
    org.apache.spark.sql.Dataset<Row> users = InteractionGraph.usersAsOf(in.loaded(Dataset.USERS), ctx.runDate());
    WeightedPageRank pagerank = new WeightedPageRank().damping(s.damping()).tolerance(s.tolerance())
        .maxIter(s.maxIterations());
    int iterations;
    double residual;
    try (WeightedPageRank.Result pr = pagerank.run(users, Users.USER_ID, InteractionGraph.edges(windowed))) {
      ctx.lake().replaceRunDate(OutputTables.INFLUENCE_SCORES,
          InfluenceScores.build(users, windowed, pr.ranks(), ctx.runDate()), ctx.runDate());
      iterations = pr.iterations();
      residual = pr.residual();
    }
    long written = ctx.lake().lastCommitOutputRows(OutputTables.INFLUENCE_SCORES);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("pagerank_iterations", iterations);
    details.put("pagerank_residual", residual);
    long interactions = in.counts(Dataset.INTERACTIONS).loaded();
    return new JobRun.Outcome<>(windowed, interactions, written, details);
  }
}
