package io.virage.jobs;

import static org.apache.spark.sql.functions.col;

import io.virage.config.Settings;
import io.virage.graph.AccountQuality;
import io.virage.graph.BrandPageRank;
import io.virage.graph.BrandSeeds;
import io.virage.graph.InfluenceScores;
import io.virage.graph.InteractionGraph;
import io.virage.graph.UserActivity;
import io.virage.graph.WeightedPageRank;
import io.virage.graph.engine.CoreDecomposition;
import io.virage.graph.engine.DenseIndex;
import io.virage.graph.engine.GraphBlocks;
import io.virage.graph.engine.PageRank;
import io.virage.ingest.ValidatedInputs;
import io.virage.schema.InputContract.InputDataset;
import org.apache.spark.sql.Dataset;
import io.virage.schema.InputContract.Interactions;
import io.virage.schema.InputContract.Posts;
import io.virage.schema.InputContract.Users;
import io.virage.schema.OutputTables;
import io.virage.schema.OutputTables.Influence;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage {@code influence}: the windowed interaction graph, account quality, edges of likely bots
 * discounted, global weighted PageRank, every brand's personalized PageRank in one pass, core
 * numbers; written to {@code influence_scores} and {@code brand_influence} for the run date.
 * The stage reads the windowed interactions ({@link #windowed}) and the tagged posts once each:
 * a caller that reads them again afterwards (nightly: the sentiment and ranking stages) caches them.
 */
public final class InfluenceStage {
  private static final Logger LOG = LoggerFactory.getLogger(InfluenceStage.class);

  private InfluenceStage() {}

  /** The run date's interactions with their weights ({@link InteractionGraph#window}), not cached. */
  public static Dataset<Row> windowed(RunContext ctx, ValidatedInputs in) {
    return InteractionGraph.window(in.loaded(InputDataset.INTERACTIONS), ctx.runDate(), ctx.settings().influence());
  }

  /**
   * {@code windowed}: {@link #windowed}; {@code taggedPosts}: posts up to the run date with their
   * brand_ids (see BrandMentions).
   */
  public static JobRun.Outcome<Void> run(RunContext ctx, ValidatedInputs in, Dataset<Row> windowed,
      Dataset<Row> taggedPosts) {
    Settings.Influence s = ctx.settings().influence();
    Settings.Quality q = ctx.settings().quality();
    Dataset<Row> users = InteractionGraph.usersAsOf(in.loaded(InputDataset.USERS), ctx.runDate());
    Dataset<Row> seedRows = BrandSeeds.of(users, in.loaded(InputDataset.BRANDS),
            taggedPosts.filter(InteractionGraph.inWindow(col(Posts.TS), ctx.runDate(), s)), s.brandAccountsShare())
        .persist(StorageLevel.MEMORY_AND_DISK());
    // Materialized once here: the brand PageRank's two readers would otherwise both compute it (and
    // the tagged posts under it) in concurrent jobs.
    long seedCount = seedRows.count();
    int partitions = s.partitions() > 0 ? s.partitions() : ctx.spark().sparkContext().defaultParallelism();
    Map<String, Object> details = new LinkedHashMap<>();
    long written;
    Dataset<Row> byIndex = null;
    Dataset<Row> pairs = null;
    Dataset<Row> activity = null;
    Dataset<Row> firstPass = null;
    Dataset<Row> quality = null;
    GraphBlocks blocks = null;
    PageRank.Ranks global = null;
    PageRank.Ranks brand = null;
    try (DenseIndex index = DenseIndex.of(users, Users.USER_ID)) {
      // Users and interactions on dense ids from here on: every shuffle below (pairs, per-user
      // totals, quality) groups and joins ints, and the pairs are already PageRank's indexed edges.
      // Dense ids follow user_id order, so each pair's lower id is the same user either way. An
      // interaction with a user outside the run date's users is not in the graph (nor its totals).
      // Cached: read by the pairs and by account quality's busiest day.
      byIndex = index.toDense(windowed.select(col(Interactions.SRC_USER_ID), col(Interactions.DST_USER_ID),
              col(Interactions.TYPE), col(Interactions.TS), col(InteractionGraph.INTERACTION_WEIGHT)),
          Interactions.SRC_USER_ID, Interactions.DST_USER_ID).persist(StorageLevel.MEMORY_AND_DISK());
      Dataset<Row> denseUsers = index.toDense(users, Users.USER_ID);
      // One shuffle of the interactions: every pair of users with both directions side by side. The
      // edges, reciprocity, the per-user totals and the k-core's undirected graph all come from it.
      pairs = InteractionGraph.pairs(byIndex).persist(StorageLevel.MEMORY_AND_DISK());
      activity = UserActivity.of(pairs).persist(StorageLevel.MEMORY_AND_DISK());
      // Read twice by the quality score (likely bots, final likelihood): cached so that the
      // aggregation of the raw interactions per user and day under it runs once.
      firstPass = AccountQuality.firstPass(denseUsers, byIndex, activity, ctx.runDate(), q)
          .persist(StorageLevel.MEMORY_AND_DISK());
      quality = AccountQuality.score(firstPass, pairs, q).persist(StorageLevel.MEMORY_AND_DISK());
      Dataset<Row> discounted = s.botDiscount()
          ? AccountQuality.discountPairs(pairs, quality, q.likelyBotThreshold())
          : pairs.withColumn(InteractionGraph.DW_AB, col(InteractionGraph.W_AB))
              .withColumn(InteractionGraph.DW_BA, col(InteractionGraph.W_BA));
      Dataset<Row> indexedPairs = discounted.select(col(InteractionGraph.A).as(DenseIndex.SRC_IDX),
          col(InteractionGraph.B).as(DenseIndex.DST_IDX), col(InteractionGraph.W_AB), col(InteractionGraph.W_BA),
          col(InteractionGraph.DW_AB), col(InteractionGraph.DW_BA));
      BrandPageRank.Seeds seeds;
      long budget = PageRank.driverBudget(s.driverRankMemoryMb());
      // One shuffle of the indexed pairs lays out PageRank's and the k-core's blocks alike. They are
      // read once, by that shuffle; the range bounds are sampled from the cached pairs' ids.
      blocks = GraphBlocks.of(indexedPairs, pairs.select(col(InteractionGraph.A).as(DenseIndex.SRC_IDX),
          col(InteractionGraph.B).as(DenseIndex.DST_IDX)), index.size(), partitions);
      long t0 = System.nanoTime();
      global = pageRank(blocks, s, budget).named("global pagerank").run();
      details.put("users", index.size());
      details.put("edges", blocks.edges());
      details.put("pagerank_propagation", name(global.path()));
      details.put("pagerank_iterations", global.iterations());
      details.put("pagerank_residual", global.residual());
      details.put("pagerank_seconds", seconds(t0));
      LOG.info("global pagerank: {} users, {} edges, {} iterations, final L1 change {}", index.size(),
          blocks.edges(), global.iterations(), global.residual());

      long t1 = System.nanoTime();
      seeds = BrandPageRank.seeds(index, seedRows);
      brand = seeds.isEmpty() ? null
          : pageRank(blocks, s, budget).personalized(seeds.teleport()).named("brand pagerank").run();
      details.put("brands", seeds.brands().size());
      details.put("seed_rows", seedCount);
      details.put("brand_pagerank_propagation", name(brand == null ? PageRank.Path.BROADCAST : brand.path()));
      details.put("brand_pagerank_iterations", brand == null ? 0 : brand.iterations());
      details.put("brand_pagerank_residual", brand == null ? 0.0 : brand.residual());
      details.put("brand_pagerank_seconds", seconds(t1));
      LOG.info("brand pagerank: {} brands in one pass, {} iterations, final L1 change {}", seeds.brands().size(),
          brand == null ? 0 : brand.iterations(), brand == null ? 0.0 : brand.residual());

      long t2 = System.nanoTime();
      CoreDecomposition.Result cores = blocks.cores();
      details.put("kcore_rounds", cores.rounds());
      details.put("kcore_seconds", seconds(t2));

      // The three arrays in one dataset, and the per-user signals joined on dense ids: two joins on
      // user_id strings for the table. Ranks held by the executors are ranked by a distributed sort.
      Dataset<Row> graphSignals = global instanceof PageRank.Outcome g
          ? index.attachAll(java.util.List.of(
              DenseIndex.Values.of(WeightedPageRank.PAGERANK, g.ranks()),
              DenseIndex.Values.of(Influence.PAGERANK_RANK, DenseIndex.descendingRanks(g.ranks())),
              DenseIndex.Values.of(Influence.KCORE, cores.cores())))
          : index.attachRanked((PageRank.Distributed) global, WeightedPageRank.PAGERANK, Influence.PAGERANK_RANK)
              .join(index.attach(cores.cores(), Influence.KCORE), Users.USER_ID);
      ctx.lake().replaceRunDate(OutputTables.INFLUENCE_SCORES, InfluenceScores.build(users, graphSignals,
          index.toIds(InfluenceScores.perUser(activity, quality), Users.USER_ID), ctx.runDate()), ctx.runDate());
      written = ctx.lake().lastCommitOutputRows(OutputTables.INFLUENCE_SCORES);
      Dataset<Row> brandRows = brand == null
          ? ctx.spark().createDataFrame(java.util.List.of(), OutputTables.BRAND_INFLUENCE.schema())
          : BrandPageRank.rows(index, brand, seeds, seedRows, s.brandMinPagerank(), ctx.runDate());
      ctx.lake().replaceRunDate(OutputTables.BRAND_INFLUENCE, brandRows, ctx.runDate());
      details.put("brand_influence_rows", ctx.lake().lastCommitOutputRows(OutputTables.BRAND_INFLUENCE));
      details.put("likely_bots", quality.filter(col(Influence.BOT_LIKELIHOOD).geq(q.likelyBotThreshold())).count());
    } finally {
      for (PageRank.Ranks r : java.util.Arrays.asList(global, brand)) {
        if (r instanceof PageRank.Distributed d) {
          d.close();
        }
      }
      if (blocks != null) {
        blocks.close();
      }
      for (Dataset<Row> d : java.util.Arrays.asList(quality, firstPass, activity, pairs, byIndex)) {
        if (d != null) {
          d.unpersist(false);
        }
      }
      seedRows.unpersist(false);
    }
    long interactions = in.counts(InputDataset.INTERACTIONS).loaded();
    return new JobRun.Outcome<>(null, interactions, written, details);
  }

  /** A PageRank run over the stage's blocks with the stage's settings. */
  private static PageRank pageRank(GraphBlocks blocks, Settings.Influence s, long budget) {
    return blocks.pageRank().damping(s.damping()).tolerance(s.tolerance()).maxIterations(s.maxIterations())
        .propagation(s.propagation()).driverMemory(budget);
  }

  private static String name(PageRank.Path p) {
    return p.name().toLowerCase(java.util.Locale.ROOT);
  }

  private static double seconds(long start) {
    return Math.round((System.nanoTime() - start) / 1e6) / 1000.0;
  }
}
