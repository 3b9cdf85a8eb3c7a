package io.virage.bench;

import io.virage.config.Settings;
import io.virage.graph.BrandSeeds;
import io.virage.ingest.ValidatedInputs;
import io.virage.jobs.Held;
import io.virage.jobs.InfluenceStage;
import io.virage.jobs.RankingStage;
import io.virage.jobs.RunContext;
import io.virage.jobs.SparkSessions;
import io.virage.jobs.ValidateStage;
import io.virage.lake.Lakehouse;
import io.virage.ranking.AmbassadorRanking;
import io.virage.ranking.AmbassadorSignals;
import io.virage.ranking.ConversionAttribution;
import io.virage.ranking.RankingInputs;
import io.virage.schema.InputContract.InputDataset;
import io.virage.trust.BrandTrust;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The ranking stage's parts, timed in one JVM over a warehouse where a night already wrote the run
 * date's influence and sentiment tables (it writes nothing). The input is validated once, as the
 * nightly does (users, brands, interactions, posts and conversions when present), then each round
 * runs the parts named, one after the other:
 * <ul>
 *   <li>{@code stage}: {@link RankingStage#compute} whole, brand_trust counted (its one lazy table);</li>
 *   <li>{@code conversions}: the attribution ({@link ConversionAttribution#of}), counted;</li>
 *   <li>{@code signals}: {@link AmbassadorSignals#of} without conversions, counted;</li>
 *   <li>{@code rank}: {@link AmbassadorRanking#rank} over signals computed once before the rounds,
 *       the rankings counted;</li>
 *   <li>{@code trust}: {@link BrandTrust#of}, counted.</li>
 * </ul>
 * Each line prints the part's seconds (every column computed) and its row count (the same in every round, or the code is
 * wrong). Run with an event log to see each part's Spark jobs.
 *
 * <p>{@code java OPENS -cp target/virage.jar:target/virage-bench.jar io.virage.bench.RankingParts
 * INPUT WAREHOUSE RUN_DATE ROUNDS PARTS}, PARTS comma-separated.
 */
public final class RankingParts {
  private RankingParts() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 5) {
      System.err.println("usage: RankingParts INPUT WAREHOUSE RUN_DATE ROUNDS PARTS (stage,conversions,signals,rank,trust)");
      System.exit(2);
    }
    LocalDate runDate = LocalDate.parse(args[2]);
    int rounds = Integer.parseInt(args[3]);
    List<String> parts = List.of(args[4].split(","));
    SparkSession spark = SparkSessions.getOrCreate("ranking-parts",
        Files.createTempDirectory("virage-ranking-parts").toString(), Map.of());
    spark.sparkContext().setLogLevel("WARN");
    Settings settings = Settings.defaults();
    RunContext ctx = new RunContext(spark, settings, args[0], new Lakehouse(spark, args[1]), runDate,
        runDate.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
    List<InputDataset> datasets = ValidateStage.withIfPresent(spark, args[0], InputDataset.graphInputs(),
        List.of(InputDataset.CONVERSIONS));
    double bot = settings.quality().likelyBotThreshold();
    long start = System.nanoTime();
    try (AutoCloseable sized = ctx.sizedForInput();
        ValidatedInputs in = ValidatedInputs.load(spark, args[0], datasets, ctx.validationParams());
        Held held = new Held()) {
      Dataset<Row> windowed = InfluenceStage.windowed(ctx, in);
      RankingStage.Inputs inputs = RankingStage.read(ctx, in, windowed);
      RankingInputs signalsIn = new RankingInputs(inputs.users(), inputs.brands(), inputs.windowed(),
          inputs.influence(), inputs.brandInfluence(), inputs.postSentiment(), inputs.userBrandSentiment(),
          inputs.previousRankings());
      Dataset<Row> signals = parts.contains("rank")
          ? held.materialize(AmbassadorSignals.of(signalsIn, bot, settings.ranking().activityWeeks(), runDate)) : null;
      System.out.printf("setup (validation, inputs, signals for rank) %.1f s%n", (System.nanoTime() - start) / 1e9);
      for (int round = 1; round <= rounds; round++) {
        for (String part : parts) {
          long t0 = System.nanoTime();
          long rows = switch (part) {
            case "stage" -> {
              try (RankingStage.Result r = RankingStage.compute(inputs, settings, runDate)) {
                yield r.rankings().count() + computed(r.trust());
              }
            }
            case "conversions" -> computed(ConversionAttribution.of(inputs.conversions(), inputs.interactions(),
                inputs.posts(), inputs.users(), BrandSeeds.accounts(inputs.users(), inputs.brands()),
                inputs.influence(), bot, settings.conversions(), runDate));
            case "signals" -> computed(AmbassadorSignals.of(signalsIn, bot, settings.ranking().activityWeeks(), runDate));
            case "rank" -> computed(AmbassadorRanking.rank(signals, inputs.previousRankings(), settings.ranking(), bot,
                runDate).rankings());
            case "trust" -> computed(BrandTrust.of(BrandSeeds.accounts(inputs.users(), inputs.brands()), inputs.brands(),
                windowed, inputs.postSentiment(), inputs.userBrandSentiment(), inputs.previousTrust(),
                settings.trust(), runDate));
            default -> throw new IllegalArgumentException("unknown part " + part);
          };
          System.out.printf("round %d %s: %.2f s, %d rows%n", round, part, (System.nanoTime() - t0) / 1e9, rows);
        }
      }
    }
    spark.stop();
  }

  /**
   * Every column of every row computed, then the row count. A plain count would let the optimizer
   * drop the left joins whose columns it does not read.
   */
  private static long computed(Dataset<Row> rows) {
    try (Held kept = new Held()) {
      return kept.materialize(rows).count();
    }
  }
}
