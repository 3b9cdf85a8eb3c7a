package io.virage.demo;

import static io.virage.demo.DemoGenerator.ROLE;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.when;

import io.virage.demo.DemoGenerator.Role;
import io.virage.schema.InputContract.Posts;
import io.virage.schema.InputContract.SentimentLabels;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The demo's {@code posts} (French or English sentences about a brand or a topic, worded by the
 * author's role) and {@code sentiment_labels} (texts of the same templates with their label).
 */
final class DemoPosts extends DemoModel {
  DemoPosts(SparkSession spark, DemoGenerator.Params p) {
    super(spark, p);
  }

  /** The posts dataset of {@code people}, with its bad rows. */
  Dataset<Row> of(Dataset<Row> people) {
    Column idx = col("idx");
    Column pk = col("pk");
    Column kind = col("bad_kind");
    Column postId = concat(lit("p"), idx.cast("string"), lit("_"), col("n").cast("string"));
    return rows(people).select(
        when(kind.equalTo(0), lit(null).cast("string")).otherwise(postId).as(Posts.POST_ID),
        when(kind.equalTo(1), concat(lit("ghost"), pk.cast("string"))).otherwise(userId(idx)).as(Posts.AUTHOR_ID),
        when(kind.equalTo(2), lit("2999-01-01 00:00:00").cast("timestamp")).otherwise(col("pts")).as(Posts.TS),
        when(kind.equalTo(3), lit(null).cast("string"))
            .when(col("copy").equalTo(2), concat(col("text"), lit(" (edited)"))).otherwise(col("text")).as(Posts.TEXT),
        when(u("nolang", pk).lt(0.05), lit(null).cast("string")).otherwise(col("lang")).as(Posts.LANG));
  }

  /** The posts before their output columns: author idx, role, pk, brand (-1 none), polarity, pts, bad_kind. */
  Dataset<Row> rows(Dataset<Row> people) {
    Column idx = col("idx");
    Column role = col(ROLE);
    Column pk = col("pk");
    Column fav = col("fav");
    Column a = u("about", pk);
    // Which brand the post is about (-1 = none).
    Column brand = when(role.equalTo(Role.BRAND), fav)
        .when(role.isin(Role.ADVOCATE, Role.DETRACTOR), when(a.lt(0.7), fav).when(a.lt(0.8), pick(u("ob", pk), BRAND_COUNT)).otherwise(-1))
        .when(role.equalTo(Role.EMPLOYEE), when(a.lt(0.6), fav).otherwise(-1))
        .otherwise(when(a.lt(0.18), fav).when(a.lt(0.3), pick(u("ob", pk), BRAND_COUNT)).otherwise(-1));
    Column s = u("pol", pk);
    Column onFav = col("brand").equalTo(fav);
    // Polarity: 0 negative, 1 neutral, 2 positive.
    Column polarity = when(role.equalTo(Role.ADVOCATE).and(onFav), when(s.lt(0.03), 0).when(s.lt(0.15), 1).otherwise(2))
        .when(role.equalTo(Role.DETRACTOR).and(onFav), when(s.lt(0.8), 0).when(s.lt(0.95), 1).otherwise(2))
        .when(role.isin(Role.EMPLOYEE, Role.BRAND).and(onFav), when(s.lt(0.35), 1).otherwise(2))
        .otherwise(when(s.lt(0.25), 0).when(s.lt(0.6), 1).otherwise(2));
    Column ageDays = least(log(lit(1.0).minus(u("page", pk))).multiply(-90.0), lit(400.0));
    Column ts = timestamp_seconds(lit(endEpoch).minus(floor(ageDays.multiply(86400))));
    Column bad = u("pbad", pk).lt(0.005);
    Column badKind = floor(u("pbadkind", pk).multiply(5));
    // Each derived column is its own step, so Spark evaluates it once instead of inlining it everywhere.
    Dataset<Row> rows = people.withColumn("n_posts", postCount(role))
        .filter(col("n_posts").gt(0))
        .withColumn("n", explode(sequence(lit(0L), col("n_posts").minus(1))))
        .withColumn("pk", idx.multiply(1000).plus(col("n")))
        .withColumn("brand", brand)
        .withColumn("polarity", polarity)
        .withColumn("bad_kind", when(bad, badKind).otherwise(-1))
        .withColumn("text", sentence(col("lang"), col("polarity"), col("brand"), pk))
        .withColumn("copy", explode(sequence(lit(1), when(col("bad_kind").equalTo(4), 2).otherwise(1))))
        .withColumn("pts", ts);
    return rows;
  }

  /**
   * {@code n} labelled texts (text, label, lang) from the posts' templates, with ~0.5% bad rows
   * (null text, null label, unknown label). Also the input of the training benchmark.
   */
  Dataset<Row> labels(long n) {
    Column k = col("id");
    Column label = element_at(array(lit("negative"), lit("neutral"), lit("positive")), col("polarity").plus(1).cast("int"));
    Column bad = u("lbad", k).lt(0.005);
    Column badKind = floor(u("lbadkind", k).multiply(3));
    return spark.range(0, n, 1, partitions(n))
        .withColumn("lang", when(u("llang", k).lt(0.45), "fr").otherwise("en"))
        .withColumn("polarity", pick(u("lpol", k), 3))
        .withColumn("brand", when(u("lbrand", k).lt(0.5), pick(u("lb", k), BRAND_COUNT)).otherwise(-1))
        .withColumn("text", sentence(col("lang"), col("polarity"), col("brand"), k.plus(1_000_000_000_000L)))
        .select(
            when(bad.and(badKind.equalTo(0)), lit(null).cast("string")).otherwise(col("text")).as(SentimentLabels.TEXT),
            when(bad.and(badKind.equalTo(1)), lit(null).cast("string"))
                .when(bad.and(badKind.equalTo(2)), lit("meh")).otherwise(label).as(SentimentLabels.LABEL),
            col("lang").as(SentimentLabels.LANG));
  }
}
