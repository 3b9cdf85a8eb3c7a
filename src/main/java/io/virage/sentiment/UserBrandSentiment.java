package io.virage.sentiment;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.virage.schema.OutputTables;
import io.virage.schema.OutputTables.Sentiment;
import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Sentiment of each user toward each brand, from the posts they wrote about it:
 *
 * <pre>
 *   sentiment  = sum(score) / (posts + k)      k = sentiment.prior-posts
 *   confidence = posts / (posts + k)
 * </pre>
 *
 * that is the posterior mean when k posts' worth of neutral (score 0) evidence is added to every
 * pair: one post scoring 0.9 gives 0.225 with k = 3, twelve such posts give 0.72. Label: positive
 * at sentiment &gt;= 0.05, negative at &lt;= -0.05, else neutral (VADER's thresholds).
 *
 * <p>Only scored posts count: a post in a language the model does not analyse (null label) is no
 * evidence either way.
 *
 * <p>In: {@code post_sentiment} rows already restricted to the run date's history. Out: rows of
 * {@code user_brand_sentiment} for {@code runDate}.
 */
public final class UserBrandSentiment {
  private UserBrandSentiment() {}

  public static Dataset<Row> aggregate(Dataset<Row> postSentiment, double priorPosts, LocalDate runDate) {
    Column posts = col(OutputTables.UserBrandSentiment.POSTS);
    Column sentiment = col("_sum").divide(posts.plus(priorPosts));
    return postSentiment.filter(col(Sentiment.LABEL).isNotNull()) // a post in an unsupported language has no sentiment
        .select(col(Sentiment.AUTHOR_ID).as(OutputTables.USER_ID), explode(col(Sentiment.BRAND_IDS)).as(OutputTables.BRAND_ID),
            col(Sentiment.SCORE), col(Sentiment.LABEL), col(Sentiment.TS))
        .groupBy(OutputTables.BRAND_ID, OutputTables.USER_ID)
        .agg(count(lit(1)).as(OutputTables.UserBrandSentiment.POSTS),
            count(when(col(Sentiment.LABEL).equalTo("positive"), 1)).as(OutputTables.UserBrandSentiment.POSITIVE_POSTS),
            count(when(col(Sentiment.LABEL).equalTo("negative"), 1)).as(OutputTables.UserBrandSentiment.NEGATIVE_POSTS),
            sum(col(Sentiment.SCORE)).as("_sum"),
            max(col(Sentiment.TS)).as(OutputTables.UserBrandSentiment.LAST_POST_TS))
        .withColumn(OutputTables.UserBrandSentiment.MEAN_SCORE, col("_sum").divide(posts))
        .withColumn(OutputTables.UserBrandSentiment.SENTIMENT, sentiment)
        .withColumn(OutputTables.UserBrandSentiment.CONFIDENCE, posts.divide(posts.plus(priorPosts)))
        .withColumn(OutputTables.UserBrandSentiment.LABEL, when(sentiment.geq(0.05), "positive")
            .when(sentiment.leq(-0.05), "negative").otherwise("neutral"))
        .withColumn(OutputTables.RUN_DATE, lit(Date.valueOf(runDate)))
        .drop("_sum");
  }
}
