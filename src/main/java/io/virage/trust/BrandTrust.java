package io.virage.trust;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.unix_timestamp;
import static org.apache.spark.sql.functions.when;

import io.virage.config.Settings;
import io.virage.graph.InteractionGraph;
import io.virage.schema.InputContract.Brands;
import io.virage.schema.InputContract.Interactions;
import io.virage.schema.OutputTables;
import io.virage.schema.OutputTables.Sentiment;
import io.virage.schema.OutputTables.Trust;
import io.virage.schema.OutputTables.UserBrandSentiment;
import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code brand_trust}: what the data shows of a brand's own trustworthiness, per brand and run date.
 * <pre>
 *   end = end of the run date; H = trust.answer-within-hours; W = trust.window-days
 *   items      = mentions and replies to a brand account by someone else (not one of its accounts),
 *                distinct (author, time), at a time in (end - W days - H, end - H]: every item had
 *                its whole answer window before the end of the run date
 *   complaints = posts about the brand labelled negative (post_sentiment) by someone else, same times
 *   answered   = a brand account replied to the item's author within (t, t + H]; hours to answer =
 *                first such reply - t. Median and p90 over the answered: exact percentiles, linear
 *                interpolation between closest ranks (Spark's percentile)
 *   sentiment_7d, sentiment_30d = mean post_sentiment.score of posts about the brand by others in
 *                (end - 7 days, end] and (end - 30 days, end]; trend = 7d - 30d
 *   advocates, detractors = user_brand_sentiment labels positive and negative of the run date, the
 *                brand's accounts aside; changes against the previous brand_trust row
 *   parts: responsiveness = answered share, complaints = complaints answered share,
 *          speed = 1 - median hours / H, sentiment = (sentiment_30d + 1) / 2,
 *          advocacy = advocates / (advocates + detractors)
 *   trust_index = sum(w * part) / sum(w) over the parts that are not null (trust.weights)
 * </pre>
 * In: the brands' accounts ({@code brand_id, user_id}, see BrandSeeds.accounts), the brands, the
 * windowed interactions, post_sentiment up to the run date, the run date's user_brand_sentiment and
 * the previous run date's brand_trust rows. Out: one row per brand, in the shape of brand_trust.
 */
public final class BrandTrust {
  private static final String PERSON = "_person";
  private static final String TS = "_ts";

  private BrandTrust() {}

  public static Dataset<Row> of(Dataset<Row> accounts, Dataset<Row> brands, Dataset<Row> interactions,
      Dataset<Row> postSentiment, Dataset<Row> userBrandSentiment, Dataset<Row> previous, Settings.Trust s,
      LocalDate runDate) {
    long end = InteractionGraph.endOfDay(runDate);
    long answerSeconds = Math.round(s.answerWithinHours() * 3600);
    long itemsTo = end - answerSeconds;
    long itemsFrom = itemsTo - s.windowDays() * 86400L;
    Dataset<Row> acct = broadcast(accounts.select(col(OutputTables.BRAND_ID), col(OutputTables.USER_ID).as("_acct")));
    Column seconds = unix_timestamp(col(Interactions.TS));

    Dataset<Row> items = interactions.filter(col(Interactions.TYPE).isin("mention", "reply"))
        .join(acct, col(Interactions.DST_USER_ID).equalTo(col("_acct")))
        .select(col(OutputTables.BRAND_ID), col(Interactions.SRC_USER_ID).as(PERSON), seconds.as(TS));
    Dataset<Row> answers = interactions.filter(col(Interactions.TYPE).equalTo("reply"))
        .join(acct, col(Interactions.SRC_USER_ID).equalTo(col("_acct")))
        .select(col(OutputTables.BRAND_ID).as("_a_brand"), col(Interactions.DST_USER_ID).as("_a_person"),
            seconds.as("_a_ts"));
    Dataset<Row> complaints = postSentiment.filter(col(Sentiment.LABEL).equalTo("negative"))
        .select(explode(col(Sentiment.BRAND_IDS)).as(OutputTables.BRAND_ID), col(Sentiment.AUTHOR_ID).as(PERSON),
            unix_timestamp(col(Sentiment.TS)).as(TS));

    Dataset<Row> responsiveness = answeredPerBrand(byOthers(items, acct), answers, itemsFrom, itemsTo, answerSeconds,
        Trust.ADDRESSED, Trust.ANSWERED, Trust.MEDIAN_ANSWER_HOURS, Trust.P90_ANSWER_HOURS);
    Dataset<Row> complaintsAnswered = answeredPerBrand(byOthers(complaints, acct), answers, itemsFrom, itemsTo,
        answerSeconds, Trust.COMPLAINTS, Trust.COMPLAINTS_ANSWERED, Trust.COMPLAINTS_MEDIAN_ANSWER_HOURS,
        Trust.COMPLAINTS_P90_ANSWER_HOURS);

    Dataset<Row> postsByOthers = byOthers(postSentiment
        .filter(unix_timestamp(col(Sentiment.TS)).gt(end - 30 * 86400L).and(unix_timestamp(col(Sentiment.TS)).lt(end)))
        .select(explode(col(Sentiment.BRAND_IDS)).as(OutputTables.BRAND_ID), col(Sentiment.AUTHOR_ID).as(PERSON),
            unix_timestamp(col(Sentiment.TS)).as(TS), col(Sentiment.SCORE)), acct);
    Column lastWeek = col(TS).gt(end - 7 * 86400L);
    Dataset<Row> sentiment = postsByOthers.groupBy(OutputTables.BRAND_ID).agg(
        count_if(lastWeek).as(Trust.POSTS_7D), avg(when(lastWeek, col(Sentiment.SCORE))).as(Trust.SENTIMENT_7D),
        count(lit(1)).as(Trust.POSTS_30D), avg(col(Sentiment.SCORE)).as(Trust.SENTIMENT_30D));

    Dataset<Row> advocacy = byOthers(userBrandSentiment.select(col(OutputTables.BRAND_ID),
            col(OutputTables.USER_ID).as(PERSON), col(UserBrandSentiment.LABEL)), acct)
        .groupBy(OutputTables.BRAND_ID).agg(
            count_if(col(UserBrandSentiment.LABEL).equalTo("positive")).as(Trust.ADVOCATES),
            count_if(col(UserBrandSentiment.LABEL).equalTo("negative")).as(Trust.DETRACTORS));
    Dataset<Row> accountCounts = accounts.groupBy(OutputTables.BRAND_ID).agg(count(lit(1)).as(Trust.BRAND_ACCOUNTS));
    Dataset<Row> before = previous.select(col(OutputTables.BRAND_ID), col(Trust.ADVOCATES).as("_prev_adv"),
        col(Trust.DETRACTORS).as("_prev_det"));

    Dataset<Row> joined = brands.select(col(Brands.BRAND_ID).as(OutputTables.BRAND_ID)).distinct()
        .join(accountCounts, OutputTables.BRAND_ID, "left")
        .join(responsiveness, OutputTables.BRAND_ID, "left")
        .join(complaintsAnswered, OutputTables.BRAND_ID, "left")
        .join(sentiment, OutputTables.BRAND_ID, "left")
        .join(advocacy, OutputTables.BRAND_ID, "left")
        .join(before, OutputTables.BRAND_ID, "left");

    Column adv = coalesce(col(Trust.ADVOCATES), lit(0L));
    Column det = coalesce(col(Trust.DETRACTORS), lit(0L));
    Column answeredShare = col(Trust.ANSWERED).divide(col(Trust.ADDRESSED).cast("double")); // null when none
    Column complaintsShare = col(Trust.COMPLAINTS_ANSWERED).divide(col(Trust.COMPLAINTS).cast("double"));
    Column advocateShare = when(adv.plus(det).gt(0), adv.divide(adv.plus(det).cast("double")));
    Dataset<Row> withParts = joined
        .withColumn(Trust.ANSWERED_SHARE, answeredShare)
        .withColumn(Trust.COMPLAINTS_ANSWERED_SHARE, complaintsShare)
        .withColumn(Trust.ADVOCATE_SHARE, advocateShare)
        .withColumn(Trust.RESPONSIVENESS_COMPONENT, col(Trust.ANSWERED_SHARE))
        .withColumn(Trust.COMPLAINTS_COMPONENT, col(Trust.COMPLAINTS_ANSWERED_SHARE))
        .withColumn(Trust.SPEED_COMPONENT, lit(1.0).minus(col(Trust.MEDIAN_ANSWER_HOURS).divide(s.answerWithinHours())))
        .withColumn(Trust.SENTIMENT_COMPONENT, col(Trust.SENTIMENT_30D).plus(1).divide(2))
        .withColumn(Trust.ADVOCACY_COMPONENT, col(Trust.ADVOCATE_SHARE));
    Column weighted = lit(0.0);
    Column weights = lit(0.0);
    for (int i = 0; i < Trust.COMPONENTS.size(); i++) {
      Column part = col(Trust.COMPONENTS.get(i));
      double w = s.weights().get(Settings.TRUST_PARTS.get(i));
      weighted = weighted.plus(coalesce(part.multiply(w), lit(0.0)));
      weights = weights.plus(when(part.isNotNull(), lit(w)).otherwise(lit(0.0)));
    }
    Column index = when(weights.gt(0), weighted.divide(weights));

    return withParts.select(lit(Date.valueOf(runDate)).as(OutputTables.RUN_DATE), col(OutputTables.BRAND_ID),
        coalesce(col(Trust.BRAND_ACCOUNTS), lit(0L)).as(Trust.BRAND_ACCOUNTS),
        coalesce(col(Trust.ADDRESSED), lit(0L)).as(Trust.ADDRESSED),
        coalesce(col(Trust.ANSWERED), lit(0L)).as(Trust.ANSWERED), col(Trust.ANSWERED_SHARE),
        col(Trust.MEDIAN_ANSWER_HOURS), col(Trust.P90_ANSWER_HOURS),
        coalesce(col(Trust.COMPLAINTS), lit(0L)).as(Trust.COMPLAINTS),
        coalesce(col(Trust.COMPLAINTS_ANSWERED), lit(0L)).as(Trust.COMPLAINTS_ANSWERED),
        col(Trust.COMPLAINTS_ANSWERED_SHARE), col(Trust.COMPLAINTS_MEDIAN_ANSWER_HOURS),
        col(Trust.COMPLAINTS_P90_ANSWER_HOURS),
        coalesce(col(Trust.POSTS_7D), lit(0L)).as(Trust.POSTS_7D), col(Trust.SENTIMENT_7D),
        coalesce(col(Trust.POSTS_30D), lit(0L)).as(Trust.POSTS_30D), col(Trust.SENTIMENT_30D),
        col(Trust.SENTIMENT_7D).minus(col(Trust.SENTIMENT_30D)).as(Trust.SENTIMENT_TREND),
        adv.as(Trust.ADVOCATES), det.as(Trust.DETRACTORS), col(Trust.ADVOCATE_SHARE),
        when(det.gt(0), adv.divide(det.cast("double"))).as(Trust.ADVOCATE_DETRACTOR_RATIO),
        adv.minus(col("_prev_adv")).as(Trust.ADVOCATES_CHANGE), det.minus(col("_prev_det")).as(Trust.DETRACTORS_CHANGE),
        col(Trust.RESPONSIVENESS_COMPONENT), col(Trust.COMPLAINTS_COMPONENT), col(Trust.SPEED_COMPONENT),
        col(Trust.SENTIMENT_COMPONENT), col(Trust.ADVOCACY_COMPONENT), index.as(Trust.TRUST_INDEX));
  }

  /** Rows ({@code brand_id}, {@link #PERSON}, ...) whose person is not one of that brand's accounts. */
  private static Dataset<Row> byOthers(Dataset<Row> rows, Dataset<Row> acct) {
    Dataset<Row> own = acct.select(col(OutputTables.BRAND_ID).as("_o_brand"), col("_acct").as("_o_acct"));
    return rows.join(own, col(OutputTables.BRAND_ID).equalTo(col("_o_brand")).and(col(PERSON).equalTo(col("_o_acct"))),
        "left_anti");
  }

  /**
   * Per brand: items (distinct brand, person, time in (from, to]), how many a brand account
   * answered within {@code within} seconds, and the median and p90 hours to the first answer.
   */
  private static Dataset<Row> answeredPerBrand(Dataset<Row> items, Dataset<Row> answers, long from, long to,
      long within, String itemsName, String answeredName, String medianName, String p90Name) {
    Dataset<Row> inWindow = items.filter(col(TS).gt(from).and(col(TS).leq(to)))
        .select(col(OutputTables.BRAND_ID), col(PERSON), col(TS)).distinct();
    Dataset<Row> firstAnswer = inWindow.join(answers, col(OutputTables.BRAND_ID).equalTo(col("_a_brand"))
                .and(col(PERSON).equalTo(col("_a_person"))).and(col("_a_ts").gt(col(TS)))
                .and(col("_a_ts").leq(col(TS).plus(within))), "left")
        .groupBy(OutputTables.BRAND_ID, PERSON, TS).agg(min(col("_a_ts")).as("_first"))
        .withColumn("_hours", col("_first").minus(col(TS)).divide(3600.0));
    return firstAnswer.groupBy(OutputTables.BRAND_ID).agg(count(lit(1)).as(itemsName),
        count(col("_hours")).as(answeredName), expr("percentile(_hours, 0.5)").as(medianName),
        expr("percentile(_hours, 0.9)").as(p90Name));
  }
}
