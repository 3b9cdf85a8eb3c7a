package io.virage.ranking;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.unix_timestamp;
import static org.apache.spark.sql.functions.when;

import io.virage.config.Settings;
import io.virage.graph.InteractionGraph;
import io.virage.schema.InputContract.Conversions;
import io.virage.schema.InputContract.Interactions;
import io.virage.schema.InputContract.Posts;
import io.virage.schema.InputContract.Users;
import io.virage.schema.OutputTables;
import io.virage.schema.OutputTables.ConversionCredit;
import io.virage.schema.OutputTables.Influence;
import io.virage.schema.OutputTables.Rankings;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * {@code ambassador_conversions}: which users' reach turned into the brand's conversions.
 * <pre>
 *   counted    = conversions with end - window-days &lt; ts &lt;= end of the run date
 *   referrer   = referrer_user_id, else the author of post_id (when loaded and not the converter)
 *   touch      = an exposure of the converter to another user's voice, with
 *                conversion.ts - lookback-days &lt;= interaction.ts &lt;= conversion.ts: the converter engaged
 *                with the user (any interaction from the converter to them), or the user addressed the
 *                converter (a mention, reply or recommend to them; a like, follow or share of the
 *                converter's posts carries no message, so bought engagement is no touch). Likely bots
 *                (bot_likelihood &gt;= threshold) and brand accounts are not credited (their touches are dropped)
 *   credit     = 1 to the referrer when there is one (the touchers get 0); else by method:
 *                time-decay: touch weight w = 2^(-(conversion.ts - ts) / half-life-days) x (1 - bot_likelihood
 *                  of the toucher), a user's credit = the sum of their touches' w / the sum over all
 *                  touches (credits sum to 1);
 *                last-touch: 1 to the latest touch (ties: the smaller user_id), 0 to the others
 *   per (brand, user): attributed_conversions = sum credit, attributed_value = sum credit x value,
 *                conversions = credits above 0, referrals, touches
 * </pre>
 * A conversion nobody eligible touched, with no referrer, stays unattributed. Pure Dataset-in/out:
 * in, the loaded conversions, interactions, posts (post_id, author_id), users (user_id, handle), the
 * brand accounts (user_id) and influence_scores (user_id, bot_likelihood); out, ambassador_conversions rows.
 */
public final class ConversionAttribution {
  private ConversionAttribution() {}

  /** The conversions counted for the run date (see the class comment). */
  public static Dataset<Row> counted(Dataset<Row> conversions, Settings.Conversions s, LocalDate runDate) {
    long end = InteractionGraph.endOfDay(runDate);
    long start = end - (long) s.windowDays() * 86_400L;
    return conversions.filter(col(Conversions.TS).leq(lit(new Timestamp(end * 1000)))
        .and(col(Conversions.TS).gt(lit(new Timestamp(start * 1000)))));
  }

  /** Interaction types by which a user addresses the converter (the other direction counts whatever its type). */
  public static final java.util.List<String> ADDRESSING = java.util.List.of("mention", "reply", "recommend");

  public static Dataset<Row> of(Dataset<Row> conversions, Dataset<Row> interactions, Dataset<Row> posts,
      Dataset<Row> users, Dataset<Row> brandAccounts, Dataset<Row> influence, double likelyBotThreshold,
      Settings.Conversions s, LocalDate runDate) {
    Dataset<Row> conv = counted(conversions, s, runDate).select(
        col(Conversions.CONVERSION_ID).as("_conv"), col(Conversions.USER_ID).as("_converter"),
        col(Conversions.BRAND_ID).as(OutputTables.BRAND_ID), col(Conversions.TS).as("_cts"),
        col(Conversions.VALUE).as("_value"), col(Conversions.REFERRER_USER_ID), col(Conversions.POST_ID).as("_post"));
    // Authors of the few posts conversions name: a semi join against the conversions' post ids first,
    // so the posts are not shuffled to meet them.
    Dataset<Row> named = conv.filter(col("_post").isNotNull()).select(col("_post").as("_named")).distinct();
    Dataset<Row> authors = posts.select(col(Posts.POST_ID).as("_named"), col(Posts.AUTHOR_ID).as("_author"))
        .join(broadcast(named), "_named");
    conv = conv.join(authors, col("_post").equalTo(col("_named")), "left")
        .withColumn("_referrer", coalesce(col(Conversions.REFERRER_USER_ID),
            when(col("_author").notEqual(col("_converter")), col("_author"))))
        .select("_conv", "_converter", OutputTables.BRAND_ID, "_cts", "_value", "_referrer");

    // Touches: each interaction with the converter at one end, the other end is the toucher. One pass
    // over the interactions: each is looked up by its source (the converter engaged) and, when it
    // addresses its target, by its target too (the converter was addressed).
    Column bySource = struct(col(Interactions.SRC_USER_ID).as("_end"), col(Interactions.DST_USER_ID).as("_other"));
    Column byTarget = struct(col(Interactions.DST_USER_ID).as("_end"), col(Interactions.SRC_USER_ID).as("_other"));
    Dataset<Row> ends = interactions.select(col(Interactions.TS).as("_its"),
            explode(when(col(Interactions.TYPE).isin(ADDRESSING.toArray()), array(bySource, byTarget))
                .otherwise(array(bySource))).as("_e"))
        .select(col("_its"), col("_e._end").as("_end"), col("_e._other").as("_other"));
    Dataset<Row> touched = broadcast(conv.select("_conv", "_converter", OutputTables.BRAND_ID, "_cts"));
    Column inLookback = col("_its").leq(col("_cts"))
        .and(unix_timestamp(col("_its")).geq(unix_timestamp(col("_cts")).minus((long) (s.lookbackDays() * 86_400))));
    Dataset<Row> touches = ends.join(touched, col("_end").equalTo(col("_converter")).and(inLookback))
        .select(col("_conv"), col(OutputTables.BRAND_ID), col("_cts"), col("_its"), col("_other").as(OutputTables.USER_ID))
        .join(broadcast(brandAccounts.select(col(OutputTables.USER_ID)).distinct()), OutputTables.USER_ID, "left_anti")
        .join(influence.select(col(OutputTables.USER_ID), col(Influence.BOT_LIKELIHOOD)), OutputTables.USER_ID, "left")
        .withColumn("_genuine", lit(1.0).minus(coalesce(col(Influence.BOT_LIKELIHOOD), lit(0.0))))
        .filter(coalesce(col(Influence.BOT_LIKELIHOOD), lit(0.0)).lt(likelyBotThreshold));

    Column weight;
    if ("last-touch".equals(s.method())) {
      weight = when(row_number().over(Window.partitionBy("_conv")
          .orderBy(col("_its").desc(), col(OutputTables.USER_ID))).equalTo(1), lit(1.0)).otherwise(lit(0.0));
    } else {
      Column ageDays = unix_timestamp(col("_cts")).minus(unix_timestamp(col("_its"))).divide(86_400.0);
      weight = pow(lit(2.0), ageDays.divide(-s.halfLifeDays())).multiply(col("_genuine"));
    }
    Dataset<Row> weighted = touches.withColumn("_w", weight)
        .withColumn("_total", sum("_w").over(Window.partitionBy("_conv")));
    Dataset<Row> perToucher = weighted.groupBy("_conv", OutputTables.USER_ID)
        .agg(count(lit(1)).as("_touches"), sum(col("_w").divide(col("_total"))).as("_method_credit"));

    Dataset<Row> facts = conv.select("_conv", OutputTables.BRAND_ID, "_value", "_referrer");
    Dataset<Row> byTouch = perToucher.join(facts, "_conv")
        .filter(col("_referrer").isNull().or(col("_referrer").notEqual(col(OutputTables.USER_ID))))
        .select(col("_conv"), col(OutputTables.BRAND_ID), col(OutputTables.USER_ID), col("_value"), col("_touches"),
            when(col("_referrer").isNull(), col("_method_credit")).otherwise(lit(0.0)).as("_credit"),
            lit(0L).as("_referral"));
    Dataset<Row> byReferral = facts.filter(col("_referrer").isNotNull())
        .join(perToucher.withColumnRenamed(OutputTables.USER_ID, "_referrer"), new String[] {"_conv", "_referrer"}, "left")
        .select(col("_conv"), col(OutputTables.BRAND_ID), col("_referrer").as(OutputTables.USER_ID), col("_value"),
            coalesce(col("_touches"), lit(0L)).as("_touches"), lit(1.0).as("_credit"), lit(1L).as("_referral"));

    return byTouch.unionByName(byReferral)
        .groupBy(OutputTables.BRAND_ID, OutputTables.USER_ID)
        .agg(sum("_credit").as(ConversionCredit.ATTRIBUTED_CONVERSIONS),
            sum(col("_credit").multiply(col("_value"))).as(ConversionCredit.ATTRIBUTED_VALUE),
            count_if(col("_credit").gt(0)).as(ConversionCredit.CONVERSIONS),
            sum("_referral").as(ConversionCredit.REFERRALS),
            sum("_touches").as(ConversionCredit.TOUCHES))
        .join(users.select(col(Users.USER_ID), col(Users.HANDLE)), OutputTables.USER_ID, "left")
        .select(lit(Date.valueOf(runDate)).as(OutputTables.RUN_DATE), col(OutputTables.BRAND_ID), col(OutputTables.USER_ID),
            col(Rankings.HANDLE), lit(s.method()).as(ConversionCredit.METHOD), col(ConversionCredit.ATTRIBUTED_CONVERSIONS),
            col(ConversionCredit.ATTRIBUTED_VALUE), col(ConversionCredit.CONVERSIONS), col(ConversionCredit.REFERRALS),
            col(ConversionCredit.TOUCHES));
  }
}
