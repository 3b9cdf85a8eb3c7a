package io.virage.demo;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.when;

import io.virage.demo.DemoGenerator.Role;
import io.virage.schema.InputContract.Conversions;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The demo's {@code conversions} and who drove each (advocates, bots, nobody). */
final class DemoConversions extends DemoModel {
  DemoConversions(SparkSession spark, DemoGenerator.Params p) {
    super(spark, p);
  }

  /**
   * Conversions as the demo plants them (before their output columns), with their driver:
   * <ul>
   *   <li>advocate: 15% of the users who engaged with an advocate buy the advocate's favourite brand
   *       within 3 days (30% through the advocate's referral link);</li>
   *   <li>bot: 15% of the buyers of engagement convert (to any brand) within 3 days of a bot's fake
   *       engagement: only bots touched them for that reason, so bots must get little credit;</li>
   *   <li>organic: 1 user in 100 converts to their favourite brand some time in the last 120 days, driven by nobody.</li>
   * </ul>
   * About 0.5% are bad rows of each kind validation catches for conversions.
   */
  Dataset<Row> planted() {
    Dataset<Row> rows = new DemoInteractions(spark, p).rows();
    Column k = col("id");
    Column delay = floor(u("cdelay", k).multiply(3 * 86_400));
    Column converts = u("conv", k).lt(0.15).and(col("its").cast("long").plus(delay).leq(endEpoch));
    Dataset<Row> advocate = rows
        .filter(col("kind").geq(0.05).and(col("kind").lt(0.09)).and(converts).and(col("src_idx").geq(2L * BRAND_COUNT)))
        .select(concat(lit("ca"), k.cast("string")).as("cid"), col("src_idx").as("conv_idx"),
            favouriteOf(col("dst_idx")).as("cbrand"), col("its").cast("long").plus(delay).as("cts"),
            when(u("cref", k).lt(0.3), col("dst_idx")).as("ref_idx"), lit(Role.ADVOCATE).as(DemoGenerator.DRIVER),
            col("dst_idx").as("driver_idx"), k.as("ck"));
    Dataset<Row> bot = rows
        .filter(col("kind").lt(0.05).and(converts))
        .select(concat(lit("cb"), k.cast("string")).as("cid"), col("dst_idx").as("conv_idx"),
            pick(u("cbrand", k), BRAND_COUNT).as("cbrand"), col("its").cast("long").plus(delay).as("cts"),
            lit(null).cast("long").as("ref_idx"), lit(Role.BOT).as(DemoGenerator.DRIVER), col("src_idx").as("driver_idx"), k.as("ck"));
    long organicCount = Math.max(10, p.users() / 100);
    Column o = col("id");
    Dataset<Row> organic = spark.range(0, organicCount, 1, partitions(organicCount))
        .withColumn("conv_idx", lit(2L * BRAND_COUNT).plus(pick(u("oc", o), p.users() - 2L * BRAND_COUNT)))
        .select(concat(lit("co"), o.cast("string")).as("cid"), col("conv_idx"), favouriteOf(col("conv_idx")).as("cbrand"),
            lit(endEpoch).minus(floor(u("ots", o).multiply(120 * 86_400))).as("cts"), lit(null).cast("long").as("ref_idx"),
            lit(DemoGenerator.ORGANIC).as(DemoGenerator.DRIVER), lit(null).cast("long").as("driver_idx"), o.plus(1L << 40).as("ck"));
    Column ck = col("ck");
    Column bad = u("cbad", ck).lt(0.005);
    return advocate.unionByName(bot).unionByName(organic)
        .withColumn("bad_kind", when(bad, floor(u("cbadkind", ck).multiply(6))).otherwise(-1))
        .withColumn("copy", explode(sequence(lit(1), when(col("bad_kind").equalTo(5), 2).otherwise(1))));
  }

  /** The conversions dataset of the planted conversions, with its bad rows. */
  Dataset<Row> of(Dataset<Row> planted) {
    Column ck = col("ck");
    Column kind = col("bad_kind");
    Column value = when(u("cnoval", ck).lt(0.1), lit(null).cast("double"))
        .otherwise(floor(lit(2000.0).plus(u("cval", ck).multiply(18_000))).divide(100.0));
    return planted.select(
        when(kind.equalTo(0), lit(null).cast("string")).otherwise(col("cid")).as(Conversions.CONVERSION_ID),
        when(kind.equalTo(1), concat(lit("ghost"), col("cid"))).otherwise(userId(col("conv_idx"))).as(Conversions.USER_ID),
        when(kind.equalTo(2), lit("nobrand")).otherwise(element_at(brandIds(), col("cbrand").plus(1).cast("int")))
            .as(Conversions.BRAND_ID),
        when(kind.equalTo(3), lit("2999-01-01 00:00:00").cast("timestamp")).otherwise(timestamp_seconds(col("cts")))
            .as(Conversions.TS),
        when(kind.equalTo(4), lit(-10.0)).when(col("copy").equalTo(2), value.plus(1)).otherwise(value).as(Conversions.VALUE),
        when(col("ref_idx").isNotNull(), userId(col("ref_idx"))).as(Conversions.REFERRER_USER_ID),
        lit(null).cast("string").as(Conversions.POST_ID));
  }

  /** The planted drivers of the good conversions: conversion_id, driver, driver_user_id. */
  static Dataset<Row> truth(Dataset<Row> planted) {
    return planted.filter(col("bad_kind").isin(-1, 5).and(col("copy").equalTo(1)))
        .select(col("cid").as(Conversions.CONVERSION_ID), col(DemoGenerator.DRIVER),
            userId(col("driver_idx")).as(DemoGenerator.DRIVER_USER_ID));
  }
}
