package io.virage.demo;

import static io.virage.demo.DemoGenerator.ROLE;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import io.virage.demo.DemoGenerator.Role;
import io.virage.schema.InputContract.Interactions;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The demo's {@code interactions}: 80% inside the actor's community with a power law on popularity,
 * bought engagement from bots to buyers, engagement with advocates and detractors, and the brands'
 * answers to mentions and complaints.
 */
final class DemoInteractions extends DemoModel {
  DemoInteractions(SparkSession spark, DemoGenerator.Params p) {
    super(spark, p);
  }

  /** The interactions dataset: the drawn interactions, their bad rows and the brands' answers. */
  Dataset<Row> of(Dataset<Row> people) {
    return rows().withColumn("copy", explode(sequence(lit(1), col("copies")))).select(
        col("src_out").as(Interactions.SRC_USER_ID),
        col("dst_out").as(Interactions.DST_USER_ID),
        col("type_out").as(Interactions.TYPE),
        col("ts_out").as(Interactions.TS),
        col("post_out").as(Interactions.POST_ID))
        .unionByName(brandAnswers(rows(), people));
  }

  /**
   * The interactions before their output columns: id, kind (what drew the row: below 0.05 bought
   * engagement from a bot to a buyer, below 0.09 engagement with an advocate), src_idx, dst_idx, itype,
   * its, and the output values (src_out, dst_out, type_out, ts_out, post_out, copies).
   */
  Dataset<Row> rows() {
    long m = p.users() * p.interactionsPerUser();
    Column k = col("id");
    Column kind = u("kind", k);
    Column srcC = pick(u("srcc", k), communities);
    Column regularSrc = level2idx(pick(u("srcj", k), levels), srcC);
    Column powerJ = floor(pow(u("dstj", k), 2.5).multiply(levels)).cast("long");
    Column sameCommunity = level2idx(powerJ, srcC);
    Column crossCommunity = level2idx(powerJ, pick(u("dstc", k), communities));
    Column brandAccount = pick(u("brand", k), 2L * BRAND_COUNT);
    long hundreds = Math.max(1, levels / 100);
    Column bot = level2idx(pick(u("bt", k), hundreds).multiply(100).plus(97).plus(pick(u("bo", k), 3)),
        pick(u("bc", k), communities));
    Column buyer = level2idx(pick(u("yt", k), hundreds).multiply(100).plus(95).plus(pick(u("yo", k), 2)),
        pick(u("yc", k), communities));
    Column advocate = level2idx(pick(u("at", k), hundreds).multiply(100).plus(80).plus(pick(u("ao", k), 5)), srcC);
    Column detractor = level2idx(pick(u("dt", k), hundreds).multiply(100).plus(85).plus(pick(u("do", k), 3)), srcC);

    Column bought = kind.lt(0.05);
    Column src = when(bought, bot).otherwise(regularSrc);
    Column dst = when(bought, buyer)
        .when(kind.lt(0.09), advocate)
        .when(kind.lt(0.10), detractor)
        .when(kind.lt(0.12), brandAccount)
        .when(kind.lt(0.30), crossCommunity)
        .otherwise(sameCommunity);
    Column t = u("type", k);
    Column regularType = when(t.lt(0.25), "follow").when(t.lt(0.60), "like").when(t.lt(0.72), "share")
        .when(t.lt(0.84), "reply").when(t.lt(0.94), "mention").otherwise("recommend");
    Column advocacyType = when(t.lt(0.3), "share").when(t.lt(0.5), "reply").when(t.lt(0.75), "like")
        .when(t.lt(0.9), "recommend").otherwise("mention");
    Column boughtType = when(t.lt(0.6), "like").when(t.lt(0.85), "follow").otherwise("share");
    Column type = when(bought, boughtType).when(kind.lt(0.09), advocacyType)
        .when(kind.lt(0.10), when(t.lt(0.7), "reply").otherwise("like")).otherwise(regularType);
    // Recent-heavy history: exponential age with a 60-day mean, capped at 400 days; bots are bursty.
    Column ageDays = when(bought, u("age", k).multiply(30))
        .otherwise(least(log(lit(1.0).minus(u("age", k))).multiply(-60.0), lit(400.0)));
    Column ts = timestamp_seconds(lit(endEpoch).minus(floor(ageDays.multiply(86400))));

    Dataset<Row> base = spark.range(0, m, 1, partitions(m))
        .withColumn("src_idx", src).withColumn("dst_idx", dst).withColumn("itype", type).withColumn("its", ts);
    base = base.withColumn("dst_posts", postCountOf(col("dst_idx")));
    Column dstIdx = col("src_idx").notEqual(col("dst_idx"));
    Column postCount = col("dst_posts");
    Column postId = when(col("itype").isin("share", "like", "reply").and(postCount.gt(0)),
        concat(lit("p"), col("dst_idx").cast("string"), lit("_"),
            pmod(xxhash64(lit(p.seed()), lit("ip"), k), postCount).cast("string")));
    // Regular self-loops are resampled to the next community member rather than emitted.
    Column dstFixed = when(dstIdx, col("dst_idx")).otherwise(pmod(col("dst_idx").plus(communities), lit(p.users())));
    // Bad rows of every kind validation catches.
    Column bad = u("ibad", k).lt(0.005);
    Column badKind = floor(u("ibadkind", k).multiply(6));
    Column srcId = when(bad.and(badKind.equalTo(3)), lit(null).cast("string")).otherwise(userId(col("src_idx")));
    Column dstId = when(bad.and(badKind.equalTo(1)), userId(col("src_idx")))
        .when(bad.and(badKind.equalTo(2)), concat(lit("ghost"), k.cast("string")))
        .otherwise(userId(dstFixed));
    Column typeOut = when(bad.and(badKind.equalTo(0)), lit("poke")).otherwise(col("itype"));
    Column tsOut = when(bad.and(badKind.equalTo(4)), lit("2999-01-01 00:00:00").cast("timestamp")).otherwise(col("its"));
    Column copies = when(bad.and(badKind.equalTo(5)), 2).otherwise(1);
    return base.withColumn("kind", kind).withColumn("src_out", srcId).withColumn("dst_out", dstId)
        .withColumn("type_out", typeOut).withColumn("ts_out", tsOut).withColumn("post_out", postId)
        .withColumn("copies", copies);
  }

  /**
   * The brands' community care (brand_trust's subject), as {@link DemoVocabulary.Brand} plants it: a
   * brand account replies to the users who mentioned or replied to it, and the brand's first account
   * to the authors of negative posts about it, with the brand's shares and delays; answers that would
   * fall after the end date are not sent. Regular replies (post_id null), never bad rows.
   */
  Dataset<Row> brandAnswers(Dataset<Row> base,
      Dataset<Row> people) {
    long accounts = 2L * BRAND_COUNT;
    Column addressedBrand = floor(col("dst_idx").divide(2)).cast("int");
    Dataset<Row> mentions = base
        .filter(col("dst_idx").lt(accounts).and(col("src_idx").geq(accounts)).and(col("itype").isin("mention", "reply")))
        .withColumn("_b", addressedBrand)
        .filter(u("care", col("id")).lt(perBrand(col("_b"), DemoVocabulary.Brand::answerShare)))
        .select(col("dst_idx").as("_from"), col("src_idx").as("_to"), col("its").as("_at"), col("_b"),
            u("cared", col("id")).as("_u"));
    Dataset<Row> complaints = new DemoPosts(spark, p).rows(people)
        .filter(col("brand").geq(0).and(col("polarity").equalTo(0)).and(col(ROLE).notEqual(Role.BRAND))
            .and(col("copy").equalTo(1)))
        .withColumn("_b", col("brand").cast("int"))
        .filter(u("ccare", col("pk")).lt(perBrand(col("_b"), DemoVocabulary.Brand::complaintAnswerShare)))
        .select(col("_b").multiply(2).cast("long").as("_from"), col("idx").as("_to"), col("pts").as("_at"), col("_b"),
            u("ccared", col("pk")).as("_u"));
    Column delaySeconds = floor(col("_u").multiply(perBrand(col("_b"), DemoVocabulary.Brand::answerHours)).multiply(2 * 3600));
    Column at = timestamp_seconds(col("_at").cast("long").plus(delaySeconds));
    return mentions.unionByName(complaints)
        .withColumn("_answer", at)
        .filter(col("_answer").cast("long").leq(endEpoch))
        .select(userId(col("_from")).as(Interactions.SRC_USER_ID), userId(col("_to")).as(Interactions.DST_USER_ID),
            lit("reply").as(Interactions.TYPE), col("_answer").as(Interactions.TS),
            lit(null).cast("string").as(Interactions.POST_ID));
  }
}
