package io.virage.bench;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.corr;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log2;
import static org.apache.spark.sql.functions.rank;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.virage.demo.DemoGenerator;
import io.virage.demo.DemoGenerator.Role;
import io.virage.graph.InteractionGraph;
import io.virage.jobs.SparkSessions;
import io.virage.lake.Lakehouse;
import io.virage.schema.InputContract;
import io.virage.schema.InputContract.Interactions;
import io.virage.schema.OutputTables;
import io.virage.schema.OutputTables.Influence;
import io.virage.schema.OutputTables.Rankings;
import io.virage.schema.OutputTables.Sentiment;
import io.virage.sentiment.BrandMentions;
import io.virage.sentiment.SentimentFeatures;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Is the ranking right? Measured on demo input, against what the generator planted and what
 * happened next (neither is read by the product).
 * <ul>
 *   <li><b>precision@k</b> per brand: among the ranked planted accounts (advocates of any brand,
 *       detractors, buyers of engagement, bots), the share of the first k who are genuine advocates of
 *       the brand (role advocate, favourite brand = the brand): are advocates above the others? Also
 *       the share of planted advocates in the overall top k (popular regular users who post well of
 *       the brand compete there, rightly), and how many bots, buyers or detractors of the brand made
 *       any top k.</li>
 *   <li><b>back-test</b>: the ranking of run date T (history up to T only) against the engagement
 *       each ranked user drives in the next {@code horizon} days: shares, replies and likes, from
 *       accounts that are not planted bots, on the user's posts about the brand. Per brand, over the
 *       same ranked users, three orders are compared: the composite score, followers_count only,
 *       global pagerank only. NDCG@k uses the engagement as graded gain (DCG = sum gain / log2(pos + 1));
 *       Spearman is the Pearson correlation of average ranks. Brands are averaged.</li>
 *   <li><b>conversions</b>: the share of ambassador_conversions' credit that lands on each planted role
 *       (the demo plants conversions driven by advocates and conversions after bots' fake engagement).</li>
 * </ul>
 * Usage: {@code RankingValidity INPUT WAREHOUSE RUN_DATE [HORIZON_DAYS=14] [K=10]} after {@code nightly
 * --input INPUT --warehouse WAREHOUSE --run-date RUN_DATE} on {@code generate-demo} output.
 */
public final class RankingValidity {
  /**
   * One measured order, averaged over brands. Names without a suffix are measured against engagement on
   * positive posts about the brand (what an ambassador is for); ", all brand posts" against any post about it.
   */
  public record Method(String name, double ndcg, double spearman) {}

  /** Everything measured. {@code precision}: brand -> precision@k. */
  public record Report(int k, int horizonDays, Map<String, Double> precision, Map<String, Double> plantedPrecision,
      long badInTopK, List<Method> methods, long rankedUsers, long usersWithFutureEngagement,
      Map<String, Double> creditByRole, double attributedConversions) {
    public Method method(String name) {
      return methods.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }

    public double meanPrecision() {
      return precision.values().stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    public double meanPlantedPrecision() {
      return plantedPrecision.values().stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }
  }

  public static final String COMPOSITE = "composite score";
  public static final String FOLLOWERS = "followers_count only";
  public static final String PAGERANK = "global pagerank only";
  /** Gains: engagement on the user's positive posts about the brand; on all of them. */
  static final String ADVOCACY = "_advocacy";
  static final String ALL = "_all";
  private static final double POSITIVE = 0.05;

  private RankingValidity() {}

  public static void main(String[] args) {
    String input = args[0];
    String warehouse = args[1];
    LocalDate runDate = LocalDate.parse(args[2]);
    int horizon = args.length > 3 ? Integer.parseInt(args[3]) : 14;
    int k = args.length > 4 ? Integer.parseInt(args[4]) : 10;
    SparkSession spark = SparkSessions.getOrCreate("virage ranking validity", warehouse, Map.of());
    Report r = measure(spark, input, new Lakehouse(spark, warehouse), runDate, horizon, k);
    System.out.printf("ranked (brand, user) pairs on %s: %d; with engagement in the next %d days: %d%n", runDate,
        r.rankedUsers(), horizon, r.usersWithFutureEngagement());
    System.out.printf("%n| brand | precision@%d among planted accounts | planted advocates in the overall top %d |%n"
        + "|---|---|---|%n", k, k);
    r.precision().forEach((b, p) -> System.out.printf("| %s | %.2f | %.2f |%n", b, r.plantedPrecision().get(b), p));
    System.out.printf("| mean | %.2f | %.2f |%n%nplanted bots, buyers or detractors in any top %d: %d%n",
        r.meanPlantedPrecision(), r.meanPrecision(), k, r.badInTopK());
    System.out.printf("%n| order | NDCG@%d | Spearman |%n|---|---|---|%n", k);
    r.methods().forEach(m -> System.out.printf("| %s | %.3f | %.3f |%n", m.name(), m.ndcg(), m.spearman()));
    System.out.printf("%nattributed conversions on %s: %.1f%n%n| planted role | share of the credit |%n|---|---|%n",
        runDate, r.attributedConversions());
    r.creditByRole().forEach((role, share) -> System.out.printf("| %s | %.3f |%n", role, share));
  }

  public static Report measure(SparkSession spark, String input, Lakehouse lake, LocalDate runDate, int horizon,
      int k) {
    Dataset<Row> ranking = lake.read(OutputTables.AMBASSADOR_RANKINGS, runDate)
        .join(lake.read(OutputTables.INFLUENCE_SCORES, runDate).select(col(OutputTables.USER_ID),
            col(Influence.PAGERANK).as("_global")), OutputTables.USER_ID, "left")
        .withColumn("_global", coalesce(col("_global"), lit(0.0)))
        .cache();
    Dataset<Row> truth = spark.read().parquet(new Path(input, DemoGenerator.TRUTH).toString());
    try {
      Map<String, Double> precision = new LinkedHashMap<>();
      Dataset<Row> top = ranking.filter(col(Rankings.RANK).leq(k)).join(truth, OutputTables.USER_ID);
      Column genuine = col(DemoGenerator.ROLE).equalTo(Role.ADVOCATE)
          .and(col(DemoGenerator.FAVOURITE_BRAND).equalTo(col(OutputTables.BRAND_ID)));
      // One row per brand (a handful).
      top.groupBy(OutputTables.BRAND_ID).agg(avg(when(genuine, 1.0).otherwise(0.0)))
          .orderBy(OutputTables.BRAND_ID).collectAsList()
          .forEach(r -> precision.put(r.getString(0), r.getDouble(1)));
      // Among the planted accounts only (advocates of any brand, detractors, buyers, bots): are the brand's
      // genuine advocates above the others?
      Map<String, Double> planted = new LinkedHashMap<>();
      ranking.join(truth.filter(col(DemoGenerator.ROLE).isin(Role.ADVOCATE, Role.DETRACTOR, Role.BUYER, Role.BOT)),
              OutputTables.USER_ID)
          .withColumn("_pos", row_number().over(Window.partitionBy(OutputTables.BRAND_ID).orderBy(Rankings.RANK)))
          .filter(col("_pos").leq(k))
          .groupBy(OutputTables.BRAND_ID).agg(avg(when(genuine, 1.0).otherwise(0.0)))
          .orderBy(OutputTables.BRAND_ID).collectAsList() // one row per brand
          .forEach(r -> planted.put(r.getString(0), r.getDouble(1)));
      long bad = top.filter(col(DemoGenerator.ROLE).isin(Role.BOT, Role.BUYER)
          .or(col(DemoGenerator.ROLE).equalTo(Role.DETRACTOR).and(col(DemoGenerator.FAVOURITE_BRAND)
              .equalTo(col(OutputTables.BRAND_ID))))).count();

      Dataset<Row> future = futureEngagement(spark, input, truth, runDate, horizon);
      Dataset<Row> scored = ranking.join(future, new String[] {OutputTables.BRAND_ID, OutputTables.USER_ID}, "left")
          .withColumn(ADVOCACY, coalesce(col(ADVOCACY), lit(0L)).cast("double"))
          .withColumn(ALL, coalesce(col(ALL), lit(0L)).cast("double"))
          .cache();
      long withGain = scored.filter(col(ADVOCACY).gt(0)).count();
      List<Method> methods = new ArrayList<>();
      for (String gain : List.of(ADVOCACY, ALL)) {
        methods.add(method(scored, gain, COMPOSITE, col(Rankings.SCORE), k));
        methods.add(method(scored, gain, FOLLOWERS, col(Influence.FOLLOWERS_COUNT), k));
        methods.add(method(scored, gain, PAGERANK, col("_global"), k));
      }
      long rankedUsers = scored.count();
      scored.unpersist();
      // Where the conversions' credit lands, by planted role: one row per role (seven at most).
      Map<String, Double> creditByRole = new LinkedHashMap<>();
      double[] credited = {0};
      List<Row> byRole = lake.read(OutputTables.AMBASSADOR_CONVERSIONS, runDate).join(truth, OutputTables.USER_ID)
          .groupBy(DemoGenerator.ROLE).agg(sum(OutputTables.ConversionCredit.ATTRIBUTED_CONVERSIONS).as("_credit"))
          .orderBy(col("_credit").desc()).collectAsList();
      byRole.forEach(r -> credited[0] += r.getDouble(1));
      for (String role : List.of("advocate", "regular", "employee", "detractor", "buyer", "bot", "brand")) {
        double c = byRole.stream().filter(r -> r.getString(0).equals(role)).mapToDouble(r -> r.getDouble(1)).sum();
        if (credited[0] > 0) {
          creditByRole.put(role, c / credited[0]);
        }
      }
      return new Report(k, horizon, precision, planted, bad, methods, rankedUsers, withGain, creditByRole, credited[0]);
    } finally {
      ranking.unpersist();
    }
  }

  /**
   * (brand_id, user_id, ADVOCACY, ALL): genuine shares, replies and likes in (T, T + horizon] on the user's
   * positive posts about the brand (lexicon compound >= 0.05, VADER's threshold), and on all of them.
   */
  static Dataset<Row> futureEngagement(SparkSession spark, String input, Dataset<Row> truth, LocalDate runDate,
      int horizon) {
    Timestamp from = new Timestamp(InteractionGraph.endOfDay(runDate) * 1000);
    Timestamp to = new Timestamp(InteractionGraph.endOfDay(runDate.plusDays(horizon)) * 1000);
    Dataset<Row> posts = io.virage.ingest.InputReader.read(spark, input, InputContract.InputDataset.POSTS)
        .filter(col(InputContract.Posts.POST_ID).isNotNull().and(col(InputContract.Posts.TEXT).isNotNull()));
    Dataset<Row> brands = io.virage.ingest.InputReader.read(spark, input, InputContract.InputDataset.BRANDS);
    Dataset<Row> brandPosts = SentimentFeatures.add(BrandMentions.tag(posts, brands), InputContract.Posts.TEXT,
            InputContract.Posts.LANG, 1.0)
        .select(col(OutputTables.POST_ID).as("_post"), col(Sentiment.AUTHOR_ID).as(OutputTables.USER_ID),
            explode(col(Sentiment.BRAND_IDS)).as(OutputTables.BRAND_ID),
            col(SentimentFeatures.COMPOUND).geq(POSITIVE).as("_positive"))
        .distinct();
    Dataset<Row> bots = truth.filter(col(DemoGenerator.ROLE).equalTo(Role.BOT)).select(col(OutputTables.USER_ID).as("_bot"));
    return io.virage.ingest.InputReader.read(spark, input, InputContract.InputDataset.INTERACTIONS)
        .filter(col(Interactions.TS).gt(lit(from)).and(col(Interactions.TS).leq(lit(to)))
            .and(col(Interactions.TYPE).isin("share", "reply", "like")))
        .join(bots, col(Interactions.SRC_USER_ID).equalTo(col("_bot")), "left_anti")
        .join(brandPosts, col(Interactions.POST_ID).equalTo(col("_post")))
        .groupBy(OutputTables.BRAND_ID, OutputTables.USER_ID)
        .agg(count(when(col("_positive"), 1)).as(ADVOCACY), count(lit(1)).as(ALL));
  }

  private static Method method(Dataset<Row> scored, String gain, String name, Column order, int k) {
    WindowSpec byBrand = Window.partitionBy(OutputTables.BRAND_ID);
    Dataset<Row> ordered = scored.withColumn("_gain", col(gain)).withColumn("_m", order.cast("double"))
        .withColumn("_pos", row_number().over(byBrand.orderBy(col("_m").desc(), col(OutputTables.USER_ID))))
        .withColumn("_ideal", row_number().over(byBrand.orderBy(col("_gain").desc(), col(OutputTables.USER_ID))))
        .withColumn("_rm", averageRank(col("_m"), "_m"))
        .withColumn("_rg", averageRank(col("_gain"), "_gain"));
    Column dcg = sum(when(col("_pos").leq(k), col("_gain").divide(log2(col("_pos").plus(1)))).otherwise(0.0));
    Column idcg = sum(when(col("_ideal").leq(k), col("_gain").divide(log2(col("_ideal").plus(1)))).otherwise(0.0));
    // One row per brand.
    Row r = ordered.groupBy(OutputTables.BRAND_ID)
        .agg(when(idcg.gt(0), dcg.divide(idcg)).as("_ndcg"), corr("_rm", "_rg").as("_rho"))
        .agg(avg("_ndcg"), avg("_rho")).first();
    return new Method(gain.equals(ADVOCACY) ? name : name + ", all brand posts", r.isNullAt(0) ? 0 : r.getDouble(0), r.isNullAt(1) ? 0 : r.getDouble(1));
  }

  /** Rank of the value within its brand, ties sharing the mean of their positions (as Spearman needs). */
  private static Column averageRank(Column value, String name) {
    WindowSpec byValue = Window.partitionBy(col(OutputTables.BRAND_ID), col(name));
    return rank().over(Window.partitionBy(OutputTables.BRAND_ID).orderBy(value))
        .plus(count(lit(1)).over(byValue).minus(1).divide(2.0));
  }
}
