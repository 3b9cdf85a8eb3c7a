package io.virage.ranking;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.unix_timestamp;
import static org.apache.spark.sql.functions.when;

import io.virage.graph.InteractionGraph;
import io.virage.schema.InputContract.Interactions;
import io.virage.schema.InputContract.Users;
import io.virage.schema.OutputTables;
import io.virage.schema.OutputTables.BrandInfluence;
import io.virage.schema.OutputTables.Influence;
import io.virage.schema.OutputTables.Rankings;
import io.virage.schema.OutputTables.Sentiment;
import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The raw signals of every candidate ambassador: one row per (brand, user) for each user who posted
 * about the brand up to the run date (post_sentiment rows).
 * <pre>
 *   genuine interaction     = one whose src is not a likely bot (bot_likelihood >= threshold)
 *   posts_about_brand       = posts tagged with the brand
 *   engagement_received     = genuine shares + replies + likes in the window on those posts
 *   advocacy_engagement     = the same, on those of the posts the sentiment model labels positive
 *   engagement_rate         = engagement_received / posts_about_brand / (followers_count + 1)
 *   amplification           = genuine shares per post;  conversation = genuine replies per post
 *   recommendations_received= genuine recommend interactions received in the window (any post)
 *   audience_quality        = distinct genuine engagers / distinct engagers in the window (1 if none)
 *   days_since_last_post    = run date - date of the last post about the brand
 *   active_weeks            = distinct 7-day periods, counted back from the run date's end, among the
 *                             last activityWeeks, holding a post about the brand
 *   brand_sentiment, sentiment_confidence = user_brand_sentiment (0 when absent)
 *   brand_pagerank          = brand_influence.pagerank (0 when below the stored threshold)
 *   pagerank, followers_count, bot_likelihood = influence_scores (0 when absent); audience_quality uses
 *                             its engaged_users (distinct accounts that interacted with the user in the window)
 *   attributed_conversions  = ambassador_conversions (0 when absent) for a brand with conversions counted;
 *                             null (unknown) otherwise
 * </pre>
 * Plus, for eligibility: handle, is_employee, opted_out and own_account (one of the brand's handles).
 */
public final class AmbassadorSignals {
  public static final String OPTED_OUT = Users.OPTED_OUT;
  public static final String OWN_ACCOUNT = "own_account";
  private static final long WEEK_SECONDS = 7L * 86_400;

  private AmbassadorSignals() {}

  public static Dataset<Row> of(RankingInputs in, double likelyBotThreshold, int activityWeeks, LocalDate runDate) {
    // Likely bots are a few % of users (30k ids at 1M users): broadcast, so the two passes over the
    // window's interactions below shuffle nothing but their own aggregates.
    Dataset<Row> bots = broadcast(in.influence().filter(col(Influence.BOT_LIKELIHOOD).geq(likelyBotThreshold))
        .select(col(OutputTables.USER_ID).as("_bot")));
    Dataset<Row> interactions = in.windowedInteractions().select(col(Interactions.SRC_USER_ID),
        col(Interactions.DST_USER_ID), col(Interactions.TYPE), col(Interactions.POST_ID));
    Dataset<Row> genuine = interactions.join(bots, col(Interactions.SRC_USER_ID).equalTo(col("_bot")), "left_anti");
    Column type = col(Interactions.TYPE);

    // Per user, in one pass: the genuine recommendations received, and the likely bots among the
    // distinct engagers (those come from influence_scores.engaged_users). Grouped first by (user,
    // the source when a likely bot, else null): each likely bot once, the genuine recommendations
    // counted in the null group.
    Column fromBot = col("_bot").isNotNull();
    Dataset<Row> perUser = interactions.join(bots, col(Interactions.SRC_USER_ID).equalTo(col("_bot")), "left")
        .filter(fromBot.or(type.equalTo("recommend")))
        .groupBy(col(Interactions.DST_USER_ID).as(OutputTables.USER_ID),
            when(fromBot, col(Interactions.SRC_USER_ID)).as("_bot_source"))
        .agg(count(when(fromBot.unary_$bang(), 1)).as("_recommendations"))
        .groupBy(OutputTables.USER_ID)
        .agg(count(col("_bot_source")).as("_bot_engagers"),
            sum("_recommendations").as(Rankings.RECOMMENDATIONS_RECEIVED));

    Dataset<Row> perPost = genuine
        .filter(type.isin("share", "reply", "like").and(col(Interactions.POST_ID).isNotNull()))
        .groupBy(col(Interactions.POST_ID).as("_post")).agg(
            count(lit(1)).as("_eng"),
            count(when(type.equalTo("share"), 1)).as("_shares"),
            count(when(type.equalTo("reply"), 1)).as("_replies"));

    long endOfRunDate = InteractionGraph.endOfDay(runDate);
    Column weeksBack = floor(lit(endOfRunDate).minus(unix_timestamp(col(Sentiment.TS))).divide(WEEK_SECONDS));
    Dataset<Row> perPair = in.postSentiment()
        .select(col(OutputTables.POST_ID), col(Sentiment.AUTHOR_ID).as(OutputTables.USER_ID), col(Sentiment.TS),
            col(Sentiment.LABEL), explode(col(Sentiment.BRAND_IDS)).as(OutputTables.BRAND_ID))
        .join(perPost, col(OutputTables.POST_ID).equalTo(col("_post")), "left")
        .groupBy(OutputTables.BRAND_ID, OutputTables.USER_ID).agg(
            count(lit(1)).as(Rankings.POSTS_ABOUT_BRAND),
            coalesce(sum("_eng"), lit(0L)).as(Rankings.ENGAGEMENT_RECEIVED),
            coalesce(sum(when(col(Sentiment.LABEL).equalTo("positive"), col("_eng"))), lit(0L))
                .as(Rankings.ADVOCACY_ENGAGEMENT),
            coalesce(sum("_shares"), lit(0L)).as("_shares"),
            coalesce(sum("_replies"), lit(0L)).as("_replies"),
            max(col(Sentiment.TS)).as("_last"),
            count_distinct(when(weeksBack.lt(activityWeeks), weeksBack)).cast("int").as(Rankings.ACTIVE_WEEKS));

    Dataset<Row> ownAccounts = in.brandAccounts().withColumn("_own", lit(true));
    Dataset<Row> userBrand = in.userBrandSentiment().select(col(OutputTables.BRAND_ID), col(OutputTables.USER_ID),
        col(OutputTables.UserBrandSentiment.SENTIMENT).as(Rankings.BRAND_SENTIMENT),
        col(OutputTables.UserBrandSentiment.CONFIDENCE).as(Rankings.SENTIMENT_CONFIDENCE));
    Dataset<Row> brandRank = in.brandInfluence().select(col(OutputTables.BRAND_ID), col(OutputTables.USER_ID),
        col(Influence.PAGERANK).as(BrandInfluence.BRAND_PAGERANK));
    String[] pair = {OutputTables.BRAND_ID, OutputTables.USER_ID};
    Dataset<Row> credits = in.conversionCredits() == null ? null : in.conversionCredits().select(
        col(OutputTables.BRAND_ID), col(OutputTables.USER_ID), col(Rankings.ATTRIBUTED_CONVERSIONS).as("_credit"));
    Dataset<Row> converting = in.conversionBrands() == null ? null
        : in.conversionBrands().select(col(OutputTables.BRAND_ID)).distinct().withColumn("_converting", lit(true));

    Column posts = col(Rankings.POSTS_ABOUT_BRAND);
    Column followers = coalesce(col(Influence.FOLLOWERS_COUNT), lit(0L));
    Dataset<Row> pairs = perPair;
    if (credits != null) {
      pairs = pairs.join(credits, pair, "left").join(broadcast(converting), OutputTables.BRAND_ID, "left");
    }
    Column attributed = credits == null ? lit(null).cast("double")
        : when(col("_converting"), coalesce(col("_credit"), lit(0.0)));
    // The joins on (brand, user) first, then those on the user: the pairs move once between the two
    // keys (each join matches at most one row per pair, so the order changes no row).
    return pairs
        .join(brandRank, pair, "left")
        .join(userBrand, pair, "left")
        .join(broadcast(ownAccounts), pair, "left")
        .join(in.users().select(col(Users.USER_ID), col(Users.HANDLE), col(Users.OPTED_OUT).as("_opted_out"),
            col(Users.EMPLOYER_BRAND_ID)), OutputTables.USER_ID)
        .join(in.influence().select(col(OutputTables.USER_ID), col(Influence.PAGERANK), col(Influence.FOLLOWERS_COUNT),
            col(Influence.BOT_LIKELIHOOD), col(Influence.ENGAGED_USERS)), OutputTables.USER_ID, "left")
        .join(perUser, OutputTables.USER_ID, "left")
        .select(
            col(OutputTables.BRAND_ID),
            col(OutputTables.USER_ID),
            col(Users.HANDLE),
            coalesce(col(Users.EMPLOYER_BRAND_ID).equalTo(col(OutputTables.BRAND_ID)), lit(false)).as(Rankings.IS_EMPLOYEE),
            coalesce(col("_opted_out"), lit(false)).as(OPTED_OUT),
            coalesce(col("_own"), lit(false)).as(OWN_ACCOUNT),
            coalesce(col(BrandInfluence.BRAND_PAGERANK), lit(0.0)).as(BrandInfluence.BRAND_PAGERANK),
            coalesce(col(Influence.PAGERANK), lit(0.0)).as(Influence.PAGERANK),
            followers.as(Influence.FOLLOWERS_COUNT),
            coalesce(col(Influence.BOT_LIKELIHOOD), lit(0.0)).as(Influence.BOT_LIKELIHOOD),
            posts,
            col(Rankings.ENGAGEMENT_RECEIVED),
            col(Rankings.ADVOCACY_ENGAGEMENT),
            col(Rankings.ENGAGEMENT_RECEIVED).divide(posts).divide(followers.plus(1)).as(Rankings.ENGAGEMENT_RATE),
            col("_shares").divide(posts).as(Rankings.AMPLIFICATION),
            col("_replies").divide(posts).as(Rankings.CONVERSATION),
            coalesce(col(Rankings.BRAND_SENTIMENT), lit(0.0)).as(Rankings.BRAND_SENTIMENT),
            coalesce(col(Rankings.SENTIMENT_CONFIDENCE), lit(0.0)).as(Rankings.SENTIMENT_CONFIDENCE),
            coalesce(col(Rankings.RECOMMENDATIONS_RECEIVED), lit(0L)).as(Rankings.RECOMMENDATIONS_RECEIVED),
            when(coalesce(col(Influence.ENGAGED_USERS), lit(0L)).equalTo(0), lit(1.0))
                .otherwise(lit(1.0).minus(coalesce(col("_bot_engagers"), lit(0L)).divide(col(Influence.ENGAGED_USERS))))
                .as(Rankings.AUDIENCE_QUALITY),
            datediff(lit(Date.valueOf(runDate)), to_date(col("_last"))).as(Rankings.DAYS_SINCE_LAST_POST),
            col(Rankings.ACTIVE_WEEKS),
            attributed.as(Rankings.ATTRIBUTED_CONVERSIONS));
  }
}
