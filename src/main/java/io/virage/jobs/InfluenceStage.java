package io.virage.jobs;

import static org.apache.spark.sql.functions.col;

import io.virage.config.Settings;
import io.virage.graph.AccountQuality;
import io.virage.graph.BrandPageRank;
import io.virage.graph.BrandSeeds;
import io.virage.graph.InfluenceScores;
import io.virage.graph.InteractionGraph;
import io.virage.graph.UserActivity;
import io.virage.graph.engine.CoreDecomposition;
import io.virage.graph.engine.DenseIndex;
import io.virage.graph.engine.GraphBlocks;
import io.virage.graph.engine.PageRank;
import io.virage.ingest.ValidatedInputs;
import io.virage.schema.InputContract.InputDataset;
import io.virage.schema.InputContract.Interactions;
import io.virage.schema.InputContract.Posts;
import io.virage.schema.InputContract.Users;
import io.virage.schema.OutputTables;
import io.virage.schema.OutputTables.Influence;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage {@code influence}: the windowed interaction graph, account quality, edges of likely bots
 * discounted, global weighted PageRank, every brand's personalized PageRank in one pass, core
 * numbers; written to {@code influence_scores} and {@code brand_influence} for the run date.
 * The stage reads the windowed interactions ({@link #windowed}, a filter over the validated
 * interactions' cache) and the tagged posts once each: a caller that reads the tagged posts again
 * afterwards (nightly: the sentiment stage) caches them.
 */
public final class InfluenceStage {
  private static final Logger LOG = LoggerFactory.getLogger(InfluenceStage.class);

  private InfluenceStage() {}

  /** The run date's interactions with their weights ({@link InteractionGraph#window}), not cached. */
  public static Dataset<Row> windowed(RunContext ctx, ValidatedInputs in) {
    return InteractionGraph.window(in.loaded(InputDataset.INTERACTIONS), ctx.runDate(), ctx.settings().influence());
  }

  /**
   * The stage's tables for the run date, computed, not written: {@code influence_scores} and
   * {@code brand_influence} rows (lazy; they read the cached state the result holds), and the
   * figures for the audit row. Close the result once the rows are written.
   */
  public record Result(Dataset<Row> influenceScores, Dataset<Row> brandInfluence, Map<String, Object> details,
      Held held) implements AutoCloseable {
    @Override
    public void close() {
      held.close();
    }
  }

  /**
   * Reads the stage's inputs, computes ({@link #compute}) and writes both tables for the run date.
   * {@code windowed}: {@link #windowed}; {@code taggedPosts}: posts up to the run date with their
   * brand_ids (see BrandMentions).
   */
  public static JobRun.Outcome<Void> run(RunContext ctx, ValidatedInputs in, Dataset<Row> windowed,
      Dataset<Row> taggedPosts) {
    try (Result r = compute(in.loaded(InputDataset.USERS), in.loaded(InputDataset.BRANDS), windowed, taggedPosts,
        ctx.settings(), ctx.runDate())) {
      ctx.lake().replaceRunDate(OutputTables.INFLUENCE_SCORES, r.influenceScores(), ctx.runDate());
      long written = ctx.lake().lastCommitOutputRows(OutputTables.INFLUENCE_SCORES);
      ctx.lake().replaceRunDate(OutputTables.BRAND_INFLUENCE, r.brandInfluence(), ctx.runDate());
      Map<String, Object> details = new LinkedHashMap<>(r.details());
      details.put("brand_influence_rows", ctx.lake().lastCommitOutputRows(OutputTables.BRAND_INFLUENCE));
      return new JobRun.Outcome<>(null, in.counts(InputDataset.INTERACTIONS).loaded(), written, details);
    }
  }

  /**
   * The windowed interaction graph's signals for the run date: account quality, edges of likely
   * bots discounted, global weighted PageRank, every brand's personalized PageRank in one pass, core
   * numbers. {@code users} and {@code brands}: the loaded inputs; {@code windowed}: {@link #windowed};
   * {@code taggedPosts}: posts up to the run date with their brand_ids (see BrandMentions). Runs the
   * iterations (Spark jobs) but writes nothing.
   */
  public static Result compute(Dataset<Row> loadedUsers, Dataset<Row> brands, Dataset<Row> windowed,
      Dataset<Row> taggedPosts, Settings settings, LocalDate runDate) {
    Settings.Influence s = settings.influence();
    Settings.Quality q = settings.quality();
    Held held = new Held();
    try {
      Dataset<Row> users = InteractionGraph.usersAsOf(loadedUsers, runDate);
      Dataset<Row> seedRows = held.persist(BrandSeeds.of(users, brands,
          taggedPosts.filter(InteractionGraph.inWindow(col(Posts.TS), runDate, s)), s.brandAccountsShare()));
      // Materialized once here: the brand PageRank's two readers would otherwise both compute it (and
      // the tagged posts under it) in concurrent jobs.
      long seedCount = seedRows.count();
      int partitions = s.partitions() > 0 ? s.partitions()
          : windowed.sparkSession().sparkContext().defaultParallelism();
      Map<String, Object> details = new LinkedHashMap<>();
      DenseIndex index = held.add(DenseIndex.of(users, Users.USER_ID));
      // Users and interactions on dense ids from here on: every shuffle below (pairs, per-user
      // totals, quality) groups and joins ints, and the pairs are already PageRank's indexed edges.
      // Dense ids follow user_id order, so each pair's lower id is the same user either way. An
      // interaction with a user outside the run date's users is not in the graph (nor its totals).
      // Cached: read by the pairs and by account quality's busiest day.
      Dataset<Row> byIndex = held.persist(index.toDense(windowed.select(col(Interactions.SRC_USER_ID),
              col(Interactions.DST_USER_ID), col(Interactions.TYPE), col(Interactions.TS),
              col(InteractionGraph.INTERACTION_WEIGHT)), Interactions.SRC_USER_ID, Interactions.DST_USER_ID));
      Dataset<Row> denseUsers = index.toDense(users, Users.USER_ID);
      // One shuffle of the interactions: every pair of users with both directions side by side. The
      // edges, reciprocity, the per-user totals and the k-core's undirected graph all come from it.
      Dataset<Row> pairs = held.persist(InteractionGraph.pairs(byIndex));
      Dataset<Row> activity = held.persist(UserActivity.of(pairs));
      // Read twice by the quality score (likely bots, final likelihood): cached so that the
      // aggregation of the raw interactions per user and day under it runs once.
      Dataset<Row> firstPass = held.persist(AccountQuality.firstPass(denseUsers, byIndex, activity, runDate, q));
      Dataset<Row> quality = held.persist(AccountQuality.score(firstPass, pairs, q));
      Dataset<Row> discounted = s.botDiscount()
          ? AccountQuality.discountPairs(pairs, quality, q.likelyBotThreshold())
          : pairs.withColumn(InteractionGraph.DW_AB, col(InteractionGraph.W_AB))
              .withColumn(InteractionGraph.DW_BA, col(InteractionGraph.W_BA));
      Dataset<Row> indexedPairs = discounted.select(col(InteractionGraph.A).as(DenseIndex.SRC_IDX),
          col(InteractionGraph.B).as(DenseIndex.DST_IDX), col(InteractionGraph.W_AB), col(InteractionGraph.W_BA),
          col(InteractionGraph.DW_AB), col(InteractionGraph.DW_BA));
      long budget = PageRank.driverBudget(s.driverRankMemoryMb(),
          windowed.sparkSession().sparkContext().conf().getDouble("spark.memory.fraction", 0.6));
      // One shuffle of the indexed pairs lays out PageRank's and the k-core's blocks alike. They are
      // read once, by that shuffle; the range bounds are sampled from the cached pairs' ids.
      GraphBlocks blocks = held.add(GraphBlocks.of(indexedPairs, pairs.select(
          col(InteractionGraph.A).as(DenseIndex.SRC_IDX), col(InteractionGraph.B).as(DenseIndex.DST_IDX)),
          index.size(), partitions));

      long t0 = System.nanoTime();
      PageRank.Ranks global = pageRank(blocks, s, budget).named("global pagerank").run();
      if (global instanceof PageRank.Distributed d) {
        held.add(d);
      }
      details.put("users", index.size());
      details.put("edges", blocks.edges());
      details.put("graph_parts", blocks.parts());
      details.put("pagerank_propagation", name(global.path()));
      details.put("pagerank_iterations", global.iterations());
      details.put("pagerank_residual", global.residual());
      details.put("pagerank_seconds", seconds(t0));
      LOG.info("global pagerank: {} users, {} edges, {} iterations, final L1 change {}", index.size(),
          blocks.edges(), global.iterations(), global.residual());

      long t1 = System.nanoTime();
      BrandPageRank.Seeds seeds = BrandPageRank.seeds(index, seedRows);
      PageRank.Ranks brand = seeds.isEmpty() ? null
          : pageRank(blocks, s, budget).personalized(seeds.teleport()).named("brand pagerank").run();
      if (brand instanceof PageRank.Distributed d) {
        held.add(d);
      }
      details.put("brands", seeds.brands().size());
      details.put("seed_rows", seedCount);
      details.put("brand_pagerank_propagation", name(brand == null ? PageRank.Path.BROADCAST : brand.path()));
      if (brand instanceof PageRank.Outcome o) {
        details.put("brand_pagerank_vectors_per_broadcast", o.perBroadcast());
      }
      details.put("brand_pagerank_iterations", brand == null ? 0 : brand.iterations());
      details.put("brand_pagerank_residual", brand == null ? 0.0 : brand.residual());
      details.put("brand_pagerank_seconds", seconds(t1));
      LOG.info("brand pagerank: {} brands in one pass, {} iterations, final L1 change {}", seeds.brands().size(),
          brand == null ? 0 : brand.iterations(), brand == null ? 0.0 : brand.residual());

      long t2 = System.nanoTime();
      CoreDecomposition.Cores cores = blocks.cores(s.propagation(), budget);
      if (cores instanceof CoreDecomposition.Distributed d) {
        held.add(d);
      }
      if (global instanceof PageRank.Outcome && !(brand instanceof PageRank.Distributed)
          && cores instanceof CoreDecomposition.Result) {
        // Every graph result is on the driver: nothing reads the blocks from here on. Their cached
        // parts go before the arrays and broadcasts below are made; at 10M users two nights at the
        // default heap ran out of memory storing those broadcasts with the parts still cached.
        blocks.release();
      }
      details.put("kcore_propagation", name(cores.path()));
      details.put("kcore_rounds", cores.rounds());
      details.put("kcore_seconds", seconds(t2));
      details.put("likely_bots", quality.filter(col(Influence.BOT_LIKELIHOOD).geq(q.likelyBotThreshold())).count());

      // The three arrays in one dataset, and the per-user signals joined on dense ids: two joins on
      // user_id strings for the table. Ranks held by the executors are ranked by a distributed sort;
      // values held by the executors are joined to the index where they are.
      double[] globalRanks = global instanceof PageRank.Outcome g ? g.ranks() : null; // one vector: n doubles
      Dataset<Row> graphSignals = globalRanks != null && cores instanceof CoreDecomposition.Result c
          ? index.attachAll(List.of(
              DenseIndex.Values.of(Influence.PAGERANK, globalRanks),
              DenseIndex.Values.of(Influence.PAGERANK_RANK, DenseIndex.descendingRanks(globalRanks)),
              DenseIndex.Values.of(Influence.KCORE, c.cores())))
          : (globalRanks != null
              ? index.attachRanked(globalRanks, Influence.PAGERANK, Influence.PAGERANK_RANK)
              : index.attachRanked((PageRank.Distributed) global, Influence.PAGERANK, Influence.PAGERANK_RANK))
              .join(cores instanceof CoreDecomposition.Result c
                  ? index.attach(c.cores(), Influence.KCORE)
                  : index.attach((CoreDecomposition.Distributed) cores, Influence.KCORE), Users.USER_ID);
      Dataset<Row> scores = InfluenceScores.build(users, graphSignals,
          index.toIds(InfluenceScores.perUser(activity, quality), Users.USER_ID), runDate);
      Dataset<Row> brandRows = brand == null
          ? windowed.sparkSession().createDataFrame(List.of(), OutputTables.BRAND_INFLUENCE.schema())
          : BrandPageRank.rows(index, brand, seeds, seedRows, s.brandMinPagerank(), runDate);
      return new Result(scores, brandRows, details, held);
    } catch (RuntimeException | Error e) {
      held.close();
      throw e;
    }
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
