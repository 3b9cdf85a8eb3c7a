package io.virage.ranking;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.percent_rank;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import io.virage.config.Settings;
import io.virage.graph.BrandSeeds;
import io.virage.schema.InputContract.Interactions;
import io.virage.schema.InputContract.Users;
import io.virage.schema.OutputTables;
import io.virage.schema.OutputTables.Influence;
import io.virage.schema.OutputTables.Rankings;
import io.virage.schema.OutputTables.Sentiment;
import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * A first explainable ambassador score per (brand, user), in the shape of {@code ambassador_rankings}.
 *
 * <p>Candidates are the users who posted about the brand (up to the run date). Excluded: the
 * brand's own accounts ({@link BrandSeeds#accounts}), opted-out users, users whose
 * sentiment toward the brand ({@code user_brand_sentiment.sentiment}, shrunk toward neutral when
 * posts are few) is below {@code ranking.min-brand-sentiment}. For the others:
 * <pre>
 *   influence_component  = percent_rank of global pagerank among the brand's eligible users
 *   engagement_component = percent_rank of shares + replies + likes received on posts about the brand
 *   sentiment_component  = (brand_sentiment + 1) / 2
 *   score = w_i * influence + w_e * engagement + w_s * sentiment   (weights sum to 1)
 * </pre>
 * Rank 1 is the best; ties break by user_id. Tier: gold for the top {@code tiers.gold} share of the
 * brand's ranked users, silver up to {@code tiers.silver}, bronze after.
 *
 * <p>In: loaded users, brands, the run's windowed interactions, its influence_scores and
 * post_sentiment rows up to the run date, its user_brand_sentiment rows. Out: ambassador_rankings rows for the run date.
 */
public final class AmbassadorRanking {
  private AmbassadorRanking() {}

  public static Dataset<Row> rank(Dataset<Row> users, Dataset<Row> brands, Dataset<Row> windowedInteractions,
      Dataset<Row> influence, Dataset<Row> postSentiment, Dataset<Row> userBrandSentiment, Settings.Ranking s,
      LocalDate runDate) {
    Dataset<Row> brandPosts = postSentiment
        .select(col(OutputTables.POST_ID), col(Sentiment.AUTHOR_ID), col(Sentiment.SCORE),
            explode(col(Sentiment.BRAND_IDS)).as(OutputTables.BRAND_ID));
    Dataset<Row> engagement = windowedInteractions
        .filter(col(Interactions.TYPE).isin("share", "reply", "like").and(col(Interactions.POST_ID).isNotNull()))
        .groupBy(col(Interactions.POST_ID).as("_ep")).agg(count(lit(1)).as("_engagement"));
    Dataset<Row> perUser = brandPosts
        .join(engagement, col(OutputTables.POST_ID).equalTo(col("_ep")), "left")
        .groupBy(col(OutputTables.BRAND_ID), col(Sentiment.AUTHOR_ID).as(OutputTables.USER_ID))
        .agg(count_distinct(col(OutputTables.POST_ID)).as(Rankings.POSTS_ABOUT_BRAND),
            coalesce(org.apache.spark.sql.functions.sum("_engagement"), lit(0L)).as(Rankings.ENGAGEMENT_RECEIVED))
        .join(userBrandSentiment.select(col(OutputTables.BRAND_ID), col(OutputTables.USER_ID),
            col(OutputTables.UserBrandSentiment.SENTIMENT).as(Rankings.BRAND_SENTIMENT)),
            new String[] {OutputTables.BRAND_ID, OutputTables.USER_ID}, "left")
        .withColumn(Rankings.BRAND_SENTIMENT, coalesce(col(Rankings.BRAND_SENTIMENT), lit(0.0)));

    Dataset<Row> ownAccounts = BrandSeeds.accounts(users, brands).withColumn("_own", lit(true));
    Dataset<Row> candidates = perUser
        .join(users.select(col(Users.USER_ID), col(Users.HANDLE), col(Users.OPTED_OUT), col(Users.EMPLOYER_BRAND_ID)),
            OutputTables.USER_ID)
        .join(ownAccounts, new String[] {OutputTables.BRAND_ID, OutputTables.USER_ID}, "left")
        .join(influence.select(col(OutputTables.USER_ID), col(Influence.PAGERANK)), OutputTables.USER_ID);
    Column ownAccount = coalesce(col("_own"), lit(false));
    Column eligible = ownAccount.unary_$bang()
        .and(coalesce(col(Users.OPTED_OUT), lit(false)).unary_$bang())
        .and(col(Rankings.BRAND_SENTIMENT).geq(s.minBrandSentiment()));

    WindowSpec byBrand = Window.partitionBy(OutputTables.BRAND_ID);
    Dataset<Row> scored = candidates.filter(eligible)
        .withColumn(Rankings.INFLUENCE_COMPONENT,
            percent_rank().over(byBrand.orderBy(Influence.PAGERANK)))
        .withColumn(Rankings.ENGAGEMENT_COMPONENT,
            percent_rank().over(byBrand.orderBy(Rankings.ENGAGEMENT_RECEIVED)))
        .withColumn(Rankings.SENTIMENT_COMPONENT, col(Rankings.BRAND_SENTIMENT).plus(1).divide(2))
        .withColumn(Rankings.SCORE,
            col(Rankings.INFLUENCE_COMPONENT).multiply(s.influenceWeight())
                .plus(col(Rankings.ENGAGEMENT_COMPONENT).multiply(s.engagementWeight()))
                .plus(col(Rankings.SENTIMENT_COMPONENT).multiply(s.sentimentWeight())));
    Dataset<Row> ranked = scored
        .withColumn(Rankings.RANK, row_number().over(byBrand.orderBy(col(Rankings.SCORE).desc(), col(OutputTables.USER_ID))))
        .withColumn("_ranked", count(lit(1)).over(byBrand));
    Column share = col(Rankings.RANK).minus(1).divide(col("_ranked"));
    return ranked
        .withColumn(Rankings.TIER, when(share.lt(s.goldShare()), "gold").when(share.lt(s.silverShare()), "silver")
            .otherwise("bronze"))
        .withColumn(Rankings.IS_EMPLOYEE, coalesce(col(Users.EMPLOYER_BRAND_ID).equalTo(col(OutputTables.BRAND_ID)), lit(false)))
        .withColumn(OutputTables.RUN_DATE, lit(Date.valueOf(runDate)));
  }
}
