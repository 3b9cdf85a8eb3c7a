package io.virage.demo;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;

import io.virage.config.InvalidSettingException;
import io.virage.schema.InputContract.InputDataset;
import io.virage.schema.InputContract.Users;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

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
 *
 * <p>One class per dataset ({@link DemoUsers}, {@link DemoInteractions}, {@link DemoPosts} with the
 * labels, {@link DemoBrands}, {@link DemoConversions}), all drawing from {@link DemoModel}.
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
  /** Column of {@link #CONVERSIONS_TRUTH}: {@link Role#ADVOCATE}, {@link Role#BOT} or {@link #ORGANIC}. */
  public static final String DRIVER = "driver";
  /** The driver of a conversion nobody drove. */
  public static final String ORGANIC = "organic";
  public static final String DRIVER_USER_ID = "driver_user_id";
  /** Column of the planted role in {@link #TRUTH}: one of the {@link Role} values. */
  public static final String ROLE = "role";
  public static final String FAVOURITE_BRAND = "favourite_brand_id";

  /** The planted roles ({@link #ROLE}), by popularity level as the class doc says. */
  public static final class Role {
    public static final String BRAND = "brand";
    public static final String BOT = "bot";
    public static final String BUYER = "buyer";
    public static final String EMPLOYEE = "employee";
    public static final String DETRACTOR = "detractor";
    public static final String ADVOCATE = "advocate";
    public static final String REGULAR = "regular";

    private Role() {}
  }

  private final SparkSession spark;
  private final Params p;

  public DemoGenerator(SparkSession spark, Params p) {
    this.spark = spark;
    this.p = p;
  }

  /** Generates and writes every dataset as Parquet under {@code out}, replacing what is there. */
  public void writeTo(String out) {
    generate().forEach((folder, rows) ->
        rows.write().mode("overwrite").parquet(new org.apache.hadoop.fs.Path(out, folder).toString()));
  }

  /** The input datasets plus the ground truth, keyed by output folder. Lazy: nothing runs yet. */
  public Map<String, Dataset<Row>> generate() {
    Map<String, Dataset<Row>> out = new LinkedHashMap<>();
    DemoUsers users = new DemoUsers(spark, p);
    Dataset<Row> people = users.people();
    out.put(InputDataset.USERS.folder(), users.of(people));
    out.put(InputDataset.INTERACTIONS.folder(), new DemoInteractions(spark, p).of(people));
    out.put(InputDataset.POSTS.folder(), new DemoPosts(spark, p).of(people));
    out.put(InputDataset.BRANDS.folder(), new DemoBrands(spark, p).of());
    out.put(InputDataset.SENTIMENT_LABELS.folder(), sentimentLabels(Math.max(2000, Math.min(p.users(), 50_000))));
    DemoConversions conversions = new DemoConversions(spark, p);
    Dataset<Row> planted = conversions.planted();
    out.put(InputDataset.CONVERSIONS.folder(), conversions.of(planted));
    out.put(CONVERSIONS_TRUTH, DemoConversions.truth(planted));
    out.put(TRUTH, people.select(DemoModel.userId(col("idx")).as(Users.USER_ID), col(ROLE),
        element_at(DemoModel.brandIds(), col("fav").plus(1).cast("int")).as(FAVOURITE_BRAND)));
    return out;
  }

  /**
   * {@code n} labelled texts (text, label, lang) from the posts' templates, with ~0.5% bad rows
   * (null text, null label, unknown label). Also the input of the training benchmark.
   */
  public Dataset<Row> sentimentLabels(long n) {
    return new DemoPosts(spark, p).labels(n);
  }
}
