package io.virage.demo;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.replace;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import io.virage.config.InvalidSettingException;
import io.virage.schema.InputContract.Brands;
import io.virage.schema.InputContract.Conversions;
import io.virage.schema.InputContract.InputDataset;
import org.apache.spark.sql.Dataset;
import io.virage.schema.InputContract.Interactions;
import io.virage.schema.InputContract.Posts;
import io.virage.schema.InputContract.SentimentLabels;
import io.virage.schema.InputContract.Users;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Seeded generator of realistic social data at any scale. Every value is a pure function of
 * (seed, row id) through {@code xxhash64}, so the output is identical for a seed whatever the
 * partitioning, and Spark does all the work (nothing is built on the driver but the five brands).
 *
 * <p>Model. Users live in {@code C = max(8, users/500)} communities: user {@code i} belongs to
 * community {@code i mod C} and has popularity level {@code j = i / C} (lower is more popular).
 * Roles follow from {@code j mod 100}: 97-99 bots, 95-96 buyers of engagement, 90-93 employees,
 * 85-87 detractors, 80-84 genuine advocates of a favourite brand; users 0..9 are the brands' own
 * accounts. Followers are Zipf-like in {@code j}; 80% of interactions stay inside the actor's
 * community and pick their target with a power law on {@code j}; 5% are bots engaging with buyers
 * (bought engagement), 4% engage with advocates' content. Posts are French or English sentences
 * about a brand (or an everyday topic) with positive, neutral or negative wording. About 0.3-0.5%
 * of rows break the contract in each of the ways validation catches. Brand accounts answer mentions
 * and complaints as each brand's community care says ({@link DemoVocabulary#BRANDS}: aurora answers
 * nearly all, fast; boreal answers mentions and ignores complaints). The planted roles are written
 * beside the input as {@code _truth/users} (never read by the product) to measure rankings against.
 */
public final class DemoGenerator {
  /** Parameters: users, seed, the last day of history, and interactions per user. */
  public record Params(long users, long seed, LocalDate endDate, int interactionsPerUser) {
    public Params {
      if (users < 1000) {
        throw new InvalidSettingException("--users: expected at least 1000, found " + users);
      }
      if (interactionsPerUser < 1) {
        throw new InvalidSettingException("--interactions-per-user: expected at least 1, found "
            + interactionsPerUser);
      }
    }
  }

  /** Folder (under the output) of the planted ground truth. */
  public static final String TRUTH = "_truth/users";
  /** Folder of the planted drivers of conversions: conversion_id, driver (advocate, bot, organic), driver_user_id. */
  public static final String CONVERSIONS_TRUTH = "_truth/conversions";
  public static final String DRIVER = "driver";
  public static final String DRIVER_USER_ID = "driver_user_id";
  public static final String ROLE = "role";
  public static final String FAVOURITE_BRAND = "favourite_brand_id";

  private static final int BRAND_COUNT = DemoVocabulary.BRANDS.size();
  private static final long ROWS_PER_PARTITION = 1_000_000L;
  private static final double TWO_53 = 9007199254740992.0;

  private final SparkSession spark;
  private final Params p;
  private final long communities;
  private final long levels;
  private final long endEpoch;

  public DemoGenerator(SparkSession spark, Params p) {
    this.spark = spark;
    this.p = p;
    this.communities = Math.max(8, p.users() / 500);
    this.levels = p.users() / communities; // complete popularity levels: every j < levels exists in all communities
    this.endEpoch = p.endDate().plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond() - 1;
  }

  /** The five input datasets plus the ground truth, keyed by output folder. Lazy: nothing runs yet. */
  /** Generates and writes every dataset as Parquet under {@code out}, replacing what is there. */
  public void writeTo(String out) {
    generate().forEach((folder, rows) ->
        rows.write().mode("overwrite").parquet(new org.apache.hadoop.fs.Path(out, folder).toString()));
  }

  public Map<String, Dataset<Row>> generate() {
    Map<String, Dataset<Row>> out = new LinkedHashMap<>();
    Dataset<Row> people = people();
    out.put(InputDataset.USERS.folder(), users(people));
    out.put(InputDataset.INTERACTIONS.folder(), interactions(people));
    out.put(InputDataset.POSTS.folder(), posts(people));
    out.put(InputDataset.BRANDS.folder(), brands());
    out.put(InputDataset.SENTIMENT_LABELS.folder(), sentimentLabels());
    Dataset<Row> conversions = plantedConversions();
    out.put(InputDataset.CONVERSIONS.folder(), conversions(conversions));
    out.put(CONVERSIONS_TRUTH, conversions.filter(col("bad_kind").isin(-1, 5).and(col("copy").equalTo(1)))
        .select(col("cid").as(Conversions.CONVERSION_ID), col(DRIVER), userId(col("driver_idx")).as(DRIVER_USER_ID)));
    out.put(TRUTH, people.select(userId(col("idx")).as(Users.USER_ID), col(ROLE),
        element_at(brandIds(), col("fav").plus(1).cast("int")).as(FAVOURITE_BRAND)));
    return out;
  }

  // ---- users -------------------------------------------------------------------------------

  private Dataset<Row> people() {
    Column idx = col("idx");
    return spark.range(0, p.users(), 1, partitions(p.users())).withColumnRenamed("id", "idx")
        .withColumn(ROLE, roleOf(idx))
        .withColumn("fav", favouriteOf(idx))
        .withColumn("lang", langOf(idx));
  }

  private Dataset<Row> users(Dataset<Row> people) {
    Column idx = col("idx");
    Column role = col(ROLE);
    Column j = level(idx);
    Column zipf = floor(lit(5.0).multiply(lit((double) levels).divide(j.plus(1)))
        .multiply(lit(0.5).plus(u("followers", idx)))).cast("long");
    Column followers = when(role.equalTo("brand"), lit(50_000L).plus(floor(u("bf", idx).multiply(150_000)).cast("long")))
        .when(role.equalTo("bot"), floor(u("bf", idx).multiply(20)).cast("long"))
        .when(role.equalTo("buyer"), zipf.multiply(3))
        .otherwise(zipf);
    Column following = when(role.equalTo("bot"), lit(1000L).plus(floor(u("fg", idx).multiply(4000)).cast("long")))
        .otherwise(lit(20L).plus(floor(pow(u("fg", idx), 2).multiply(600)).cast("long")));
    Column ageDays = when(role.equalTo("bot"), lit(5).plus(u("age", idx).multiply(55)))
        .otherwise(lit(30).plus(u("age", idx).multiply(2500)));
    Column createdAt = date_format(timestamp_seconds(lit(endEpoch).minus(floor(ageDays.multiply(86400)))),
        "yyyy-MM-dd'T'HH:mm:ss'Z'");
    Column handle = when(role.equalTo("brand"), element_at(brandHandles(), idx.plus(1).cast("int")))
        .otherwise(concat(lit("@user"), idx.cast("string")));
    // Bad rows: unparseable or future created_at, a duplicate id, a row with no id.
    Column bad = idx.geq(2 * BRAND_COUNT).and(u("ubad", idx).lt(0.003));
    Column badKind = floor(u("ubadkind", idx).multiply(4));
    createdAt = when(bad.and(badKind.equalTo(0)), lit("not-a-date"))
        .when(bad.and(badKind.equalTo(1)), lit("2999-01-01T00:00:00Z"))
        .otherwise(createdAt);
    Column copies = when(bad.and(badKind.geq(2)), 2).otherwise(1);
    Dataset<Row> rows = people
        .withColumn("copy", explode(sequence(lit(1), copies)))
        .select(
            when(bad.and(badKind.equalTo(3)).and(col("copy").equalTo(2)), lit(null).cast("string"))
                .otherwise(userId(idx)).as(Users.USER_ID),
            handle.as(Users.HANDLE),
            when(col("copy").equalTo(2), concat(lit("User "), idx.cast("string"), lit(" (re-export)")))
                .otherwise(concat(lit("User "), idx.cast("string"))).as(Users.DISPLAY_NAME),
            col("lang").as(Users.LANG),
            followers.as(Users.FOLLOWERS_COUNT),
            following.as(Users.FOLLOWING_COUNT),
            createdAt.as(Users.CREATED_AT),
            followers.gt(20_000).as(Users.VERIFIED),
            when(role.equalTo("employee"), element_at(brandIds(), col("fav").plus(1).cast("int")))
                .as(Users.EMPLOYER_BRAND_ID),
            role.notEqual("brand").and(u("optout", idx).lt(0.02)).as(Users.OPTED_OUT),
            // Personal data a real export carries: it must never reach an output table.
            concat(lit("user"), idx.cast("string"), lit("@example.com")).as("email"),
            concat(lit("+33 6 "), pmod(xxhash64(lit(p.seed()), lit("tel"), idx), lit(100_000_000L)).cast("string"))
                .as("phone"));
    return rows;
  }

  // ---- interactions ------------------------------------------------------------------------

  private Dataset<Row> interactions(Dataset<Row> people) {
    return interactionRows().withColumn("copy", explode(sequence(lit(1), col("copies")))).select(
        col("src_out").as(Interactions.SRC_USER_ID),
        col("dst_out").as(Interactions.DST_USER_ID),
        col("type_out").as(Interactions.TYPE),
        col("ts_out").as(Interactions.TS),
        col("post_out").as(Interactions.POST_ID))
        .unionByName(brandAnswers(interactionRows(), people));
  }

  /**
   * The interactions before their output columns: id, kind (what drew the row: below 0.05 bought
   * engagement from a bot to a buyer, below 0.09 engagement with an advocate), src_idx, dst_idx, itype,
   * its, and the output values (src_out, dst_out, type_out, ts_out, post_out, copies).
   */
  private Dataset<Row> interactionRows() {
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

  // ---- conversions ---------------------------------------------------------------------------

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
  private Dataset<Row> plantedConversions() {
    Dataset<Row> rows = interactionRows();
    Column k = col("id");
    Column delay = floor(u("cdelay", k).multiply(3 * 86_400));
    Column converts = u("conv", k).lt(0.15).and(col("its").cast("long").plus(delay).leq(endEpoch));
    Dataset<Row> advocate = rows
        .filter(col("kind").geq(0.05).and(col("kind").lt(0.09)).and(converts).and(col("src_idx").geq(2L * BRAND_COUNT)))
        .select(concat(lit("ca"), k.cast("string")).as("cid"), col("src_idx").as("conv_idx"),
            favouriteOf(col("dst_idx")).as("cbrand"), col("its").cast("long").plus(delay).as("cts"),
            when(u("cref", k).lt(0.3), col("dst_idx")).as("ref_idx"), lit("advocate").as(DRIVER),
            col("dst_idx").as("driver_idx"), k.as("ck"));
    Dataset<Row> bot = rows
        .filter(col("kind").lt(0.05).and(converts))
        .select(concat(lit("cb"), k.cast("string")).as("cid"), col("dst_idx").as("conv_idx"),
            pick(u("cbrand", k), BRAND_COUNT).as("cbrand"), col("its").cast("long").plus(delay).as("cts"),
            lit(null).cast("long").as("ref_idx"), lit("bot").as(DRIVER), col("src_idx").as("driver_idx"), k.as("ck"));
    long organicCount = Math.max(10, p.users() / 100);
    Column o = col("id");
    Dataset<Row> organic = spark.range(0, organicCount, 1, partitions(organicCount))
        .withColumn("conv_idx", lit(2L * BRAND_COUNT).plus(pick(u("oc", o), p.users() - 2L * BRAND_COUNT)))
        .select(concat(lit("co"), o.cast("string")).as("cid"), col("conv_idx"), favouriteOf(col("conv_idx")).as("cbrand"),
            lit(endEpoch).minus(floor(u("ots", o).multiply(120 * 86_400))).as("cts"), lit(null).cast("long").as("ref_idx"),
            lit("organic").as(DRIVER), lit(null).cast("long").as("driver_idx"), o.plus(1L << 40).as("ck"));
    Column ck = col("ck");
    Column bad = u("cbad", ck).lt(0.005);
    return advocate.unionByName(bot).unionByName(organic)
        .withColumn("bad_kind", when(bad, floor(u("cbadkind", ck).multiply(6))).otherwise(-1))
        .withColumn("copy", explode(sequence(lit(1), when(col("bad_kind").equalTo(5), 2).otherwise(1))));
  }

  private Dataset<Row> conversions(Dataset<Row> planted) {
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

  /**
   * The brands' community care (brand_trust's subject), as {@link DemoVocabulary.Brand} plants it: a
   * brand account replies to the users who mentioned or replied to it, and the brand's first account
   * to the authors of negative posts about it, with the brand's shares and delays; answers that would
   * fall after the end date are not sent. Regular replies (post_id null), never bad rows.
   */
  private Dataset<Row> brandAnswers(Dataset<Row> base,
      Dataset<Row> people) {
    long accounts = 2L * BRAND_COUNT;
    Column addressedBrand = floor(col("dst_idx").divide(2)).cast("int");
    Dataset<Row> mentions = base
        .filter(col("dst_idx").lt(accounts).and(col("src_idx").geq(accounts)).and(col("itype").isin("mention", "reply")))
        .withColumn("_b", addressedBrand)
        .filter(u("care", col("id")).lt(perBrand(col("_b"), DemoVocabulary.Brand::answerShare)))
        .select(col("dst_idx").as("_from"), col("src_idx").as("_to"), col("its").as("_at"), col("_b"),
            u("cared", col("id")).as("_u"));
    Dataset<Row> complaints = postRows(people)
        .filter(col("brand").geq(0).and(col("polarity").equalTo(0)).and(col(ROLE).notEqual("brand"))
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

  /** One of the brands' figures, for the brand of index {@code brand}. */
  private static Column perBrand(Column brand, java.util.function.ToDoubleFunction<DemoVocabulary.Brand> figure) {
    return element_at(array(DemoVocabulary.BRANDS.stream().map(b -> lit(figure.applyAsDouble(b))).toArray(Column[]::new)),
        brand.plus(1));
  }

  // ---- posts ---------------------------------------------------------------------------------

  private Dataset<Row> posts(Dataset<Row> people) {
    Column idx = col("idx");
    Column pk = col("pk");
    Column kind = col("bad_kind");
    Column postId = concat(lit("p"), idx.cast("string"), lit("_"), col("n").cast("string"));
    return postRows(people).select(
        when(kind.equalTo(0), lit(null).cast("string")).otherwise(postId).as(Posts.POST_ID),
        when(kind.equalTo(1), concat(lit("ghost"), pk.cast("string"))).otherwise(userId(idx)).as(Posts.AUTHOR_ID),
        when(kind.equalTo(2), lit("2999-01-01 00:00:00").cast("timestamp")).otherwise(col("pts")).as(Posts.TS),
        when(kind.equalTo(3), lit(null).cast("string"))
            .when(col("copy").equalTo(2), concat(col("text"), lit(" (edited)"))).otherwise(col("text")).as(Posts.TEXT),
        when(u("nolang", pk).lt(0.05), lit(null).cast("string")).otherwise(col("lang")).as(Posts.LANG));
  }

  /** The posts before their output columns: author idx, role, pk, brand (-1 none), polarity, pts, bad_kind. */
  private Dataset<Row> postRows(Dataset<Row> people) {
    Column idx = col("idx");
    Column role = col(ROLE);
    Column pk = col("pk");
    Column fav = col("fav");
    Column a = u("about", pk);
    // Which brand the post is about (-1 = none).
    Column brand = when(role.equalTo("brand"), fav)
        .when(role.isin("advocate", "detractor"), when(a.lt(0.7), fav).when(a.lt(0.8), pick(u("ob", pk), BRAND_COUNT)).otherwise(-1))
        .when(role.equalTo("employee"), when(a.lt(0.6), fav).otherwise(-1))
        .otherwise(when(a.lt(0.18), fav).when(a.lt(0.3), pick(u("ob", pk), BRAND_COUNT)).otherwise(-1));
    Column s = u("pol", pk);
    Column onFav = col("brand").equalTo(fav);
    // Polarity: 0 negative, 1 neutral, 2 positive.
    Column polarity = when(role.equalTo("advocate").and(onFav), when(s.lt(0.03), 0).when(s.lt(0.15), 1).otherwise(2))
        .when(role.equalTo("detractor").and(onFav), when(s.lt(0.8), 0).when(s.lt(0.95), 1).otherwise(2))
        .when(role.isin("employee", "brand").and(onFav), when(s.lt(0.35), 1).otherwise(2))
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

  // ---- brands and labels ------------------------------------------------------------------

  private Dataset<Row> brands() {
    StructType schema = new StructType()
        .add(Brands.BRAND_ID, DataTypes.StringType)
        .add(Brands.NAME, DataTypes.StringType)
        .add(Brands.HANDLES, DataTypes.createArrayType(DataTypes.StringType))
        .add(Brands.KEYWORDS, DataTypes.createArrayType(DataTypes.StringType));
    List<Row> rows = new ArrayList<>();
    for (DemoVocabulary.Brand b : DemoVocabulary.BRANDS) {
      rows.add(RowFactory.create(b.id(), b.name(), b.handles().toArray(String[]::new),
          b.keywords().toArray(String[]::new)));
    }
    // Bad rows: a stale duplicate of the first brand (sorts after it, so the original is kept) and a row with no id.
    DemoVocabulary.Brand first = DemoVocabulary.BRANDS.get(0);
    rows.add(RowFactory.create(first.id(), null, new String[0], new String[0]));
    rows.add(RowFactory.create(null, "Unnamed brand", new String[0], new String[] {"unnamed"}));
    return spark.createDataFrame(rows, schema).coalesce(1);
  }

  private Dataset<Row> sentimentLabels() {
    return sentimentLabels(Math.max(2000, Math.min(p.users(), 50_000)));
  }

  /**
   * {@code n} labelled texts (text, label, lang) from the posts' templates, with ~0.5% bad rows
   * (null text, null label, unknown label). Also the input of the training benchmark.
   */
  public Dataset<Row> sentimentLabels(long n) {
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

  // ---- building blocks ---------------------------------------------------------------------

  /** A sentence in {@code lang} with {@code polarity} (0, 1, 2) about {@code brand} (-1 = a topic). */
  private Column sentence(Column lang, Column polarity, Column brand, Column key) {
    boolean[] fr = {false, true};
    Column template = null;
    for (boolean french : fr) {
      String[][] byPolarity = french
          ? new String[][] {DemoVocabulary.NEGATIVE_FR, DemoVocabulary.NEUTRAL_FR, DemoVocabulary.POSITIVE_FR}
          : new String[][] {DemoVocabulary.NEGATIVE_EN, DemoVocabulary.NEUTRAL_EN, DemoVocabulary.POSITIVE_EN};
      for (int pol = 0; pol < 3; pol++) {
        Column cond = (french ? lang.equalTo("fr") : lang.notEqual("fr").or(lang.isNull())).and(polarity.equalTo(pol));
        Column choice = choose(byPolarity[pol], u("tpl", key));
        template = template == null ? when(cond, choice) : template.when(cond, choice);
      }
    }
    Column french = lang.equalTo("fr");
    Column aspect = when(french, choose(DemoVocabulary.ASPECTS_FR, u("asp", key)))
        .otherwise(choose(DemoVocabulary.ASPECTS_EN, u("asp", key)));
    Column topic = when(french, choose(DemoVocabulary.TOPICS_FR, u("top", key)))
        .otherwise(choose(DemoVocabulary.TOPICS_EN, u("top", key)));
    List<Column> refs = new ArrayList<>();
    for (DemoVocabulary.Brand b : DemoVocabulary.BRANDS) {
      refs.add(array(b.refs().stream().map(functionsLit()).toArray(Column[]::new)));
    }
    int refCount = DemoVocabulary.BRANDS.get(0).refs().size();
    Column brandRef = element_at(element_at(array(refs.toArray(Column[]::new)), greatest(brand, lit(0)).plus(1).cast("int")),
        pick(u("ref", key), refCount).plus(1).cast("int"));
    Column subject = when(brand.geq(0), brandRef).otherwise(topic);
    Column ending = when(polarity.equalTo(0), choose(DemoVocabulary.ENDINGS_NEGATIVE, u("end", key)))
        .when(polarity.equalTo(1), choose(DemoVocabulary.ENDINGS_NEUTRAL, u("end", key)))
        .otherwise(choose(DemoVocabulary.ENDINGS_POSITIVE, u("end", key)));
    return concat(replace(replace(template, lit("{b}"), subject), lit("{x}"), aspect), ending);
  }

  private static java.util.function.Function<String, Column> functionsLit() {
    return s -> lit(s);
  }

  private Column roleOf(Column idx) {
    Column r = pmod(level(idx), lit(100L));
    return when(idx.lt(2 * BRAND_COUNT), "brand")
        .when(r.geq(97), "bot")
        .when(r.geq(95), "buyer")
        .when(r.between(90, 93), "employee")
        .when(r.between(85, 87), "detractor")
        .when(r.between(80, 84), "advocate")
        .otherwise("regular");
  }

  /** Favourite brand (index); a brand account's own brand. */
  private Column favouriteOf(Column idx) {
    return when(idx.lt(2 * BRAND_COUNT), floor(idx.divide(2)).cast("long"))
        .otherwise(pick(u("fav", idx), BRAND_COUNT));
  }

  /** French for about 45% of communities, with 10% of users speaking the other language. */
  private Column langOf(Column idx) {
    Column communityFrench = u("clang", pmod(idx, lit(communities))).lt(0.45);
    Column flip = u("ulang", idx).lt(0.1);
    Column french = when(idx.lt(2 * BRAND_COUNT), pmod(idx, lit(2L)).equalTo(1))
        .otherwise(communityFrench.notEqual(flip));
    return when(french, "fr").otherwise("en");
  }

  /** Posts user {@code idx} writes (computed from the id alone, so interactions can point at them). */
  private Column postCountOf(Column idx) {
    return postCount(roleOf(idx), idx);
  }

  private Column postCount(Column role) {
    return postCount(role, col("idx"));
  }

  /** Geometric with a mean that depends on the role. */
  private Column postCount(Column role, Column idx) {
    Column mean = when(role.equalTo("brand"), 40.0).when(role.equalTo("advocate"), 8.0)
        .when(role.equalTo("detractor"), 6.0).when(role.equalTo("employee"), 4.0)
        .when(role.equalTo("bot"), 0.3).when(role.equalTo("buyer"), 2.0).otherwise(1.5);
    return least(floor(log(lit(1.0).minus(u("posts", idx))).multiply(-1).multiply(mean)), lit(200L)).cast("long");
  }

  private Column level(Column idx) {
    return floor(idx.divide(communities)).cast("long");
  }

  private Column level2idx(Column j, Column community) {
    return j.multiply(communities).plus(community);
  }

  private static Column userId(Column idx) {
    return concat(lit("u"), idx.cast("string"));
  }

  private static Column brandIds() {
    return array(DemoVocabulary.BRANDS.stream().map(b -> lit(b.id())).toArray(Column[]::new));
  }

  /** Handles of the brand accounts: user 2b is the brand's first handle, 2b+1 its second. */
  private static Column brandHandles() {
    return array(DemoVocabulary.BRANDS.stream().flatMap(b -> b.handles().stream().limit(2)).map(h -> lit(h))
        .toArray(Column[]::new));
  }

  /** Uniform in [0, 1), a pure function of (seed, salt, key). */
  private Column u(String salt, Column key) {
    return pmod(xxhash64(lit(p.seed()), lit(salt), key), lit((long) TWO_53)).cast("double").divide(TWO_53);
  }

  /** Uniform integer in [0, n). */
  private static Column pick(Column uniform, long n) {
    return floor(uniform.multiply(n)).cast("long");
  }

  private static Column choose(String[] values, Column uniform) {
    return element_at(array(Arrays.stream(values).map(v -> lit(v)).toArray(Column[]::new)),
        pick(uniform, values.length).plus(1).cast("int"));
  }

  private static int partitions(long rows) {
    return (int) Math.max(2, Math.min(400, (rows + ROWS_PER_PARTITION - 1) / ROWS_PER_PARTITION));
  }
}
