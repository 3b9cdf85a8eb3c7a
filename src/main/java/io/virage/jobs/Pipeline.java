package io.virage.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import io.virage.graph.InteractionGraph;
import io.virage.ingest.ValidatedInputs;
import io.virage.schema.InputContract.InputDataset;
import io.virage.schema.InputContract.Posts;
import io.virage.schema.OutputTables.JobRuns;
import io.virage.sentiment.BrandMentions;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One run of stages for a run date, recorded in {@code job_runs} under one run id: validation
 * first, then the named stages in order, each wired read, compute, write by its stage class. The
 * stage commands (validate, influence, score-sentiment, rank-ambassadors, nightly, backfill) are
 * each an input list and a stage list: {@code new Pipeline(ctx, command).run(datasets, stages)}.
 *
 * <p>What the pipeline decides for the stages: the session sized to the input for the whole run;
 * the windowed interactions and the tagged posts built for the stages that read them, the posts
 * cached when two stages read them (the windowed interactions are a filter over the validated
 * interactions' cache, read from it); the
 * sentiment stage preceded by a {@code train-sentiment} stage (the first model, from the input's
 * sentiment_labels) when the registry has no champion yet; the ranking stage alone checks that its
 * upstream tables exist for the run date first. Each stage replaces only the run date's rows of its
 * tables, so a rerun of the date gives the same tables.
 */
public final class Pipeline {
  /** Stages that run after validation, in this order when several are asked for. */
  public enum Stage {
    INFLUENCE, SENTIMENT, RANKING;

    /** The stage's name in job_runs and in the log. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** The stages of {@code nightly} (and of each date of {@code backfill}) after validation. */
  public static final List<Stage> NIGHTLY = List.of(Stage.INFLUENCE, Stage.SENTIMENT, Stage.RANKING);

  /** The stage every run starts with. */
  public static final String VALIDATE = "validate";

  /** The job_runs stages a nightly run date needs, all succeeded, to be complete. */
  public static final List<String> STAGES = java.util.stream.Stream.concat(java.util.stream.Stream.of(VALIDATE),
      NIGHTLY.stream().map(Stage::label)).toList();

  /** What a run did: its id, the validated datasets' counts, and rows written per stage. */
  public record Done(String runId, Map<InputDataset, ValidatedInputs.Counts> counts, Map<String, Long> rowsOut) {}

  private final RunContext ctx;
  private final JobRun run;

  public Pipeline(RunContext ctx, String command) {
    this.ctx = ctx;
    this.run = new JobRun(ctx.spark(), ctx.lake(), command, ctx.runDate(), ctx.settings().hash());
  }

  /** The run's id (job_runs.run_id), known before it runs. */
  public String runId() {
    return run.runId();
  }

  /** Validates {@code datasets}, then runs {@code stages}; a failed stage is recorded, then rethrown. */
  public Done run(List<InputDataset> datasets, List<Stage> stages) throws Exception {
    if (stages.contains(Stage.RANKING) && !stages.contains(Stage.INFLUENCE)) {
      RankingStage.requireUpstream(ctx);
    }
    Map<String, Long> rowsOut = new LinkedHashMap<>();
    Map<InputDataset, ValidatedInputs.Counts> counts = new LinkedHashMap<>();
    try (AutoCloseable sized = ctx.sizedForInput();
        ValidatedInputs in = run.stage(VALIDATE, counted(rowsOut, VALIDATE, () -> ValidateStage.run(ctx, datasets)));
        Held held = new Held()) {
      datasets.forEach(d -> counts.put(d, in.counts(d)));
      // Built for the stages that read them (a stage's command validates only its inputs). The
      // windowed interactions are not cached: they are a filter over the validated interactions,
      // which are, and their readers (the influence stage once, the ranking stage several times) scan
      // that cache as fast as a copy of it, without paying for the copy (9 to 15 s at 1M users).
      // The tagged posts are cached when two stages read them.
      boolean influence = stages.contains(Stage.INFLUENCE);
      Dataset<Row> windowed = null;
      if (influence || stages.contains(Stage.RANKING)) {
        windowed = InfluenceStage.windowed(ctx, in);
      }
      Dataset<Row> taggedPosts = null;
      if (influence || stages.contains(Stage.SENTIMENT)) {
        taggedPosts = taggedPosts(ctx, in);
        taggedPosts = influence && stages.contains(Stage.SENTIMENT) ? held.persist(taggedPosts) : taggedPosts;
      }
      for (Stage stage : Stage.values()) {
        if (stages.contains(stage)) {
          runStage(stage, in, windowed, taggedPosts, rowsOut);
        }
      }
    }
    return new Done(run.runId(), counts, rowsOut);
  }

  /** A command's own stage, over the validated inputs. */
  @FunctionalInterface
  public interface OwnStage<T> {
    JobRun.Outcome<T> run(ValidatedInputs in) throws Exception;
  }

  /**
   * Validates {@code datasets}, then runs a command's own stage {@code name} (plan-campaign) under
   * the same run, sizing and recording as the nightly stages; returns the stage's value.
   */
  public <T> T run(List<InputDataset> datasets, String name, OwnStage<T> stage) throws Exception {
    try (AutoCloseable sized = ctx.sizedForInput();
        ValidatedInputs in = run.stage(VALIDATE, () -> ValidateStage.run(ctx, datasets))) {
      return run.stage(name, () -> stage.run(in));
    }
  }

  private void runStage(Stage stage, ValidatedInputs in, Dataset<Row> windowed, Dataset<Row> taggedPosts,
      Map<String, Long> rowsOut) throws Exception {
    String name = stage.label();
    switch (stage) {
      case INFLUENCE -> run.stage(name, counted(rowsOut, name, () -> InfluenceStage.run(ctx, in, windowed, taggedPosts)));
      case SENTIMENT -> {
        if (SentimentStage.needsFirstModel(ctx)) {
          run.stage("train-sentiment", counted(rowsOut, "train-sentiment",
              () -> SentimentStage.trainFirstModel(ctx, in, SentimentTraining.lineage(run))));
        }
        run.stage(name, counted(rowsOut, name, () -> SentimentStage.run(ctx, in, taggedPosts)));
      }
      case RANKING -> run.stage(name, counted(rowsOut, name, () -> RankingStage.run(ctx, in, windowed)));
    }
  }

  /** {@code body}, its rows written kept under {@code name}. */
  private static <T> JobRun.Stage<T> counted(Map<String, Long> rowsOut, String name, JobRun.Stage<T> body) {
    return () -> {
      JobRun.Outcome<T> o = body.run();
      rowsOut.put(name, o.rowsOut());
      return o;
    };
  }

  /**
   * Posts up to the end of the run date with the brands they are about (BrandMentions): the seeds
   * of brand PageRank, and what the sentiment stage scores. Not cached.
   */
  public static Dataset<Row> taggedPosts(RunContext ctx, ValidatedInputs in) {
    return BrandMentions.tag(in.loaded(InputDataset.POSTS)
            .filter(col(Posts.TS).lt(lit(new Timestamp(InteractionGraph.endOfDay(ctx.runDate()) * 1000)))),
        in.loaded(InputDataset.BRANDS));
  }

  /**
   * Run dates whose latest nightly or backfill run recorded every stage as succeeded: what
   * {@code backfill} skips. A run that failed or was killed leaves its date incomplete.
   */
  public static java.util.Set<java.time.LocalDate> completeDates(io.virage.lake.Lakehouse lake) {
    java.util.Set<java.time.LocalDate> out = new java.util.TreeSet<>();
    Dataset<Row> runs = lake.read(io.virage.schema.OutputTables.JOB_RUNS)
        .filter(col(JobRuns.COMMAND).isin("nightly", "backfill"));
    Dataset<Row> latest = runs.groupBy(io.virage.schema.OutputTables.RUN_DATE, JobRuns.RUN_ID)
        .agg(min(JobRuns.STARTED_AT).as("_start"),
            countDistinct(when(col(JobRuns.STATUS).equalTo("succeeded").and(col(JobRuns.STAGE).isin(STAGES.toArray())),
                col(JobRuns.STAGE))).as("_ok"),
            count_if(col(JobRuns.STATUS).notEqual("succeeded")).as("_bad"))
        .withColumn("_n", row_number().over(org.apache.spark.sql.expressions.Window
            .partitionBy(io.virage.schema.OutputTables.RUN_DATE).orderBy(col("_start").desc())))
        .filter(col("_n").equalTo(1).and(col("_ok").equalTo(STAGES.size())).and(col("_bad").equalTo(0)));
    latest.select(io.virage.schema.OutputTables.RUN_DATE).collectAsList() // one row per run date
        .forEach(r -> out.add(r.getDate(0).toLocalDate()));
    return out;
  }

}
