package io.virage.schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Every output table: name, grain, partitioning, and each column with its type and meaning.
 * The comments written into Delta and the table reference in README.md come from here.
 */
public final class OutputTables {
  private OutputTables() {}

  // Column names shared by several tables.
  public static final String RUN_DATE = "run_date";
  public static final String USER_ID = "user_id";
  public static final String BRAND_ID = "brand_id";
  public static final String POST_ID = "post_id";

  /** One output table. Tables partitioned by run_date are replaced one run date at a time. */
  public record Table(String name, String comment, StructType schema, List<String> partitionBy) {
    public boolean perRunDate() {
      return partitionBy.contains(RUN_DATE);
    }

    public List<String> columnNames() {
      return Arrays.asList(schema.fieldNames());
    }
  }

  public static final Table QUARANTINE = table("quarantine",
      "Input rows that broke the contract, with the reason; one row per rejected input row and run date.",
      List.of(RUN_DATE),
      col(RUN_DATE, DataTypes.DateType, "Run date that read the row."),
      col(Quarantine.DATASET, DataTypes.StringType, "Input dataset: users, interactions, posts, brands, sentiment_labels."),
      col(Quarantine.REASON, DataTypes.StringType,
          "Why the row was rejected: null_key, duplicate_id, duplicate_row, unknown_type, self_loop, "
              + "unknown_user, unparseable_timestamp, missing_timestamp, future_timestamp, unknown_label."),
      col(Quarantine.COLUMN, DataTypes.StringType, "The contract column the reason is about."),
      col(Quarantine.SOURCE_FILE, DataTypes.StringType, "Parquet file the row came from."),
      col(Quarantine.ROW_JSON, DataTypes.StringType,
          "The row as JSON, contract columns only (personal columns such as email are never kept)."));

  public static final Table JOB_RUNS = table("job_runs",
      "Audit log: one row per stage of every run (append-only; reruns add rows with a new run_id).",
      List.of(),
      col(JobRuns.RUN_ID, DataTypes.StringType, "Unique id of the run (one CLI invocation)."),
      col(RUN_DATE, DataTypes.DateType, "Run date the run processed."),
      col(JobRuns.COMMAND, DataTypes.StringType, "CLI command that ran: nightly, validate, ..."),
      col(JobRuns.STAGE, DataTypes.StringType, "Stage: validate, influence, sentiment, ranking."),
      col(JobRuns.STATUS, DataTypes.StringType, "succeeded or failed."),
      col(JobRuns.STARTED_AT, DataTypes.TimestampType, "Stage start (UTC)."),
      col(JobRuns.ENDED_AT, DataTypes.TimestampType, "Stage end (UTC)."),
      col(JobRuns.SECONDS, DataTypes.DoubleType, "Wall-clock seconds of the stage."),
      col(JobRuns.ROWS_IN, DataTypes.LongType, "Rows the stage read."),
      col(JobRuns.ROWS_OUT, DataTypes.LongType, "Rows the stage wrote."),
      col(JobRuns.DETAILS, DataTypes.StringType,
          "Stage figures as JSON (for validate: read/loaded/quarantined per dataset and reason)."),
      col(JobRuns.ERROR, DataTypes.StringType, "One-line error when the stage failed, else null."),
      col(JobRuns.CONFIG_HASH, DataTypes.StringType, "SHA-256 of the effective configuration."),
      col(JobRuns.CODE_VERSION, DataTypes.StringType, "Virage version that ran."),
      col(JobRuns.SPARK_APP_ID, DataTypes.StringType, "Spark application id."));

  public static final Table INFLUENCE_SCORES = table("influence_scores",
      "Global influence per user and run date, over the interaction graph up to the run date.",
      List.of(RUN_DATE),
      col(RUN_DATE, DataTypes.DateType, "Run date; the graph holds interactions up to this date."),
      col(USER_ID, DataTypes.StringType, "User."),
      col(Influence.PAGERANK, DataTypes.DoubleType,
          "Weighted PageRank over the interaction graph (ranks sum to 1 over all users)."),
      col(Influence.PAGERANK_RANK, DataTypes.LongType, "1 = highest pagerank (ties by user_id)."),
      col(Influence.IN_DEGREE, DataTypes.LongType, "Interactions received (all types)."),
      col(Influence.WEIGHTED_IN_DEGREE, DataTypes.DoubleType,
          "Sum of the weights of the interactions received (type weight x time decay)."),
      col(Influence.ENGAGED_USERS, DataTypes.LongType, "Distinct users who interacted with the user."),
      col(Influence.FOLLOWERS_COUNT, DataTypes.LongType, "Followers reported in users (0 if unknown)."),
      col(Influence.KCORE, DataTypes.LongType,
          "Core number in the undirected simple interaction graph (largest k of a k-core holding the user)."),
      col(Influence.BOT_LIKELIHOOD, DataTypes.DoubleType,
          "Bot/spam likelihood in [0, 1] (quality.* settings); edges of likely bots are discounted before PageRank."));

  public static final Table BRAND_INFLUENCE = table("brand_influence",
      "Brand (personalized) PageRank: one row per run date, brand and user whose brand pagerank is at least"
          + " influence.brand-min-pagerank.",
      List.of(RUN_DATE),
      col(RUN_DATE, DataTypes.DateType, "Run date; the graph holds interactions up to this date."),
      col(BRAND_ID, DataTypes.StringType, "Brand."),
      col(USER_ID, DataTypes.StringType, "User."),
      col(Influence.PAGERANK, DataTypes.DoubleType,
          "PageRank personalized to the brand's seeds (teleport and dangling mass go to the seeds); sums to 1"
              + " per brand over all users."),
      col(BrandInfluence.BRAND_RANK, DataTypes.LongType, "1 = highest brand pagerank of the brand (ties by user_id)."),
      col(BrandInfluence.SEED_WEIGHT, DataTypes.DoubleType,
          "The user's share of the brand's teleport distribution (0 if not a seed): brand accounts and users"
              + " who posted about the brand."));

  public static final Table POST_SENTIMENT = table("post_sentiment",
      "Sentiment of every post, one row per post, by the champion model that last scored it. Scoring is"
          + " incremental: a run scores only posts this model version has not scored; a new champion rescores.",
      List.of(),
      col(POST_ID, DataTypes.StringType, "Post."),
      col(Sentiment.AUTHOR_ID, DataTypes.StringType, "Author's user_id."),
      col(Sentiment.TS, DataTypes.TimestampType, "Publication time."),
      col(Sentiment.LANG, DataTypes.StringType, "Language used: the post's lang when en or fr, else detected."),
      col(Sentiment.BRAND_IDS, DataTypes.createArrayType(DataTypes.StringType),
          "Brands the post is about (a keyword or handle of the brand appears in the text); empty if none."),
      col(Sentiment.LABEL, DataTypes.StringType, "Predicted class: negative, neutral or positive (2-class models: no neutral)."),
      col(Sentiment.PROBABILITY, DataTypes.DoubleType, "Model probability of the predicted class."),
      col(Sentiment.SCORE, DataTypes.DoubleType, "P(positive) - P(negative), in [-1, 1]."),
      col(Sentiment.P_NEGATIVE, DataTypes.DoubleType, "Model probability of negative."),
      col(Sentiment.P_NEUTRAL, DataTypes.DoubleType, "Model probability of neutral (null for a 2-class model)."),
      col(Sentiment.P_POSITIVE, DataTypes.DoubleType, "Model probability of positive."),
      col(Sentiment.LEXICON_COMPOUND, DataTypes.DoubleType,
          "Rule-based lexicon score (VADER-style compound) of the text, in [-1, 1]; a model input, kept for audit."),
      col(Sentiment.MODEL_VERSION, DataTypes.IntegerType, "Version (sentiment_models.version) of the model that scored the post."),
      col(Sentiment.SCORED_RUN_DATE, DataTypes.DateType, "Run date of the run that scored the post."));

  public static final Table USER_BRAND_SENTIMENT = table("user_brand_sentiment",
      "Sentiment of each user toward each brand they posted about, up to the run date; one row per run date,"
          + " brand and user. Few posts give a score near neutral (shrinkage), not an extreme.",
      List.of(RUN_DATE),
      col(RUN_DATE, DataTypes.DateType, "Run date."),
      col(BRAND_ID, DataTypes.StringType, "Brand."),
      col(USER_ID, DataTypes.StringType, "User who posted about the brand."),
      col(UserBrandSentiment.POSTS, DataTypes.LongType, "Posts by the user about the brand, up to the run date."),
      col(UserBrandSentiment.POSITIVE_POSTS, DataTypes.LongType, "Of which labelled positive."),
      col(UserBrandSentiment.NEGATIVE_POSTS, DataTypes.LongType, "Of which labelled negative."),
      col(UserBrandSentiment.MEAN_SCORE, DataTypes.DoubleType, "Plain mean of the posts' scores, in [-1, 1]."),
      col(UserBrandSentiment.SENTIMENT, DataTypes.DoubleType,
          "sum(score) / (posts + sentiment.prior-posts), in [-1, 1]: the mean pulled toward 0 when evidence is thin."),
      col(UserBrandSentiment.CONFIDENCE, DataTypes.DoubleType,
          "posts / (posts + sentiment.prior-posts), in [0, 1): grows with the number of posts."),
      col(UserBrandSentiment.LABEL, DataTypes.StringType,
          "positive if sentiment >= 0.05, negative if <= -0.05, else neutral."),
      col(UserBrandSentiment.LAST_POST_TS, DataTypes.TimestampType, "Time of the user's latest post about the brand."));

  public static final Table SENTIMENT_MODELS = table("sentiment_models",
      "Registry of trained sentiment models: one row per version; exactly one champion once a model exists.",
      List.of(),
      col(SentimentModels.VERSION, DataTypes.IntegerType, "Model version, 1, 2, ... in training order."),
      col(SentimentModels.CREATED_AT, DataTypes.TimestampType, "When training finished (UTC)."),
      col(SentimentModels.PARAMS, DataTypes.StringType,
          "JSON: features, chosen reg_param and the cross-validated accuracy of each one tried, seed, classes."),
      col(SentimentModels.TRAINING_SOURCE, DataTypes.StringType, "Path of the labelled set."),
      col(SentimentModels.TRAINING_FINGERPRINT, DataTypes.StringType,
          "Order-independent hash of the labelled rows used (text, label, lang): same data, same fingerprint."),
      col(SentimentModels.TRAINING_ROWS, DataTypes.LongType, "Rows the model was fitted on."),
      col(SentimentModels.HELD_OUT_ROWS, DataTypes.LongType, "Rows kept aside (stratified) for the metrics."),
      col(SentimentModels.REJECTED_ROWS, DataTypes.LongType, "Labelled rows not used (blank text, unknown label)."),
      col(SentimentModels.CLASSES, DataTypes.createArrayType(DataTypes.StringType), "Classes the model predicts."),
      col(SentimentModels.ACCURACY, DataTypes.DoubleType, "Held-out accuracy."),
      col(SentimentModels.MACRO_F1, DataTypes.DoubleType, "Held-out macro-F1 (the promotion metric)."),
      col(SentimentModels.METRICS, DataTypes.StringType,
          "JSON: held-out accuracy, macro_f1, per-class precision/recall/f1/support, confusion matrix, per language."),
      col(SentimentModels.CHAMPION_MACRO_F1, DataTypes.DoubleType,
          "The champion's macro-F1 on the same held-out rows at training time (null if there was none)."),
      col(SentimentModels.IS_CHAMPION, DataTypes.BooleanType, "True for the model that scores posts."),
      col(SentimentModels.DECISION, DataTypes.StringType, "Why the model is or is not champion (last change)."),
      col(SentimentModels.PATH, DataTypes.StringType, "Where the MLlib pipeline is saved."));

  public static final Table AMBASSADOR_RANKINGS = table("ambassador_rankings",
      "Ranked ambassadors: one row per run date, brand and eligible user, with the score's parts.",
      List.of(RUN_DATE),
      col(RUN_DATE, DataTypes.DateType, "Run date."),
      col(BRAND_ID, DataTypes.StringType, "Brand."),
      col(USER_ID, DataTypes.StringType, "Ambassador."),
      col(Rankings.HANDLE, DataTypes.StringType, "Public handle of the user."),
      col(Rankings.RANK, DataTypes.IntegerType, "1 = best ambassador of the brand; ties by user_id."),
      col(Rankings.SCORE, DataTypes.DoubleType,
          "Weighted sum of the components (weights in ranking.weights), in [0, 1]."),
      col(Rankings.TIER, DataTypes.StringType, "gold, silver or bronze by rank percentile (ranking.tiers)."),
      col(Rankings.IS_EMPLOYEE, DataTypes.BooleanType, "True if the user works for the brand."),
      col(Rankings.INFLUENCE_COMPONENT, DataTypes.DoubleType,
          "Percentile of global pagerank among the brand's candidates, in [0, 1]."),
      col(Rankings.ENGAGEMENT_COMPONENT, DataTypes.DoubleType,
          "Percentile of engagement received on posts about the brand, in [0, 1]."),
      col(Rankings.SENTIMENT_COMPONENT, DataTypes.DoubleType,
          "Brand sentiment mapped to [0, 1] (0.5 = neutral)."),
      col(Rankings.POSTS_ABOUT_BRAND, DataTypes.LongType, "Posts by the user about the brand."),
      col(Rankings.ENGAGEMENT_RECEIVED, DataTypes.LongType,
          "Shares, replies and likes received on those posts."),
      col(Rankings.BRAND_SENTIMENT, DataTypes.DoubleType,
          "The user's sentiment toward the brand (user_brand_sentiment.sentiment: shrunk toward 0 when posts are few), in [-1, 1]."));

  /** Every output table, in the order stages write them. */
  public static final List<Table> ALL = List.of(
      QUARANTINE, INFLUENCE_SCORES, BRAND_INFLUENCE, SENTIMENT_MODELS, POST_SENTIMENT, USER_BRAND_SENTIMENT,
      AMBASSADOR_RANKINGS, JOB_RUNS);

  public static Optional<Table> byName(String name) {
    return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  /** Column names of {@code quarantine}. */
  public static final class Quarantine {
    public static final String DATASET = "dataset";
    public static final String REASON = "reason";
    public static final String COLUMN = "column_name";
    public static final String SOURCE_FILE = "source_file";
    public static final String ROW_JSON = "row_json";

    private Quarantine() {}
  }

  /** Column names of {@code job_runs}. */
  public static final class JobRuns {
    public static final String RUN_ID = "run_id";
    public static final String COMMAND = "command";
    public static final String STAGE = "stage";
    public static final String STATUS = "status";
    public static final String STARTED_AT = "started_at";
    public static final String ENDED_AT = "ended_at";
    public static final String SECONDS = "seconds";
    public static final String ROWS_IN = "rows_in";
    public static final String ROWS_OUT = "rows_out";
    public static final String DETAILS = "details";
    public static final String ERROR = "error";
    public static final String CONFIG_HASH = "config_hash";
    public static final String CODE_VERSION = "code_version";
    public static final String SPARK_APP_ID = "spark_app_id";

    private JobRuns() {}
  }

  /** Column names of {@code influence_scores}. */
  public static final class Influence {
    public static final String PAGERANK = "pagerank";
    public static final String PAGERANK_RANK = "pagerank_rank";
    public static final String IN_DEGREE = "in_degree";
    public static final String WEIGHTED_IN_DEGREE = "weighted_in_degree";
    public static final String ENGAGED_USERS = "engaged_users";
    public static final String FOLLOWERS_COUNT = "followers_count";
    public static final String KCORE = "kcore";
    public static final String BOT_LIKELIHOOD = "bot_likelihood";

    private Influence() {}
  }

  /** Column names of {@code brand_influence}. */
  public static final class BrandInfluence {
    public static final String BRAND_RANK = "brand_rank";
    public static final String SEED_WEIGHT = "seed_weight";

    private BrandInfluence() {}
  }

  /** Column names of {@code post_sentiment}. */
  public static final class Sentiment {
    public static final String AUTHOR_ID = "author_id";
    public static final String TS = "ts";
    public static final String LANG = "lang";
    public static final String BRAND_IDS = "brand_ids";
    public static final String LABEL = "label";
    public static final String PROBABILITY = "probability";
    public static final String SCORE = "score";
    public static final String MODEL_VERSION = "model_version";
    public static final String P_NEGATIVE = "p_negative";
    public static final String P_NEUTRAL = "p_neutral";
    public static final String P_POSITIVE = "p_positive";
    public static final String LEXICON_COMPOUND = "lexicon_compound";
    public static final String SCORED_RUN_DATE = "scored_run_date";

    private Sentiment() {}
  }

  /** Column names of {@code user_brand_sentiment}. */
  public static final class UserBrandSentiment {
    public static final String POSTS = "posts";
    public static final String POSITIVE_POSTS = "positive_posts";
    public static final String NEGATIVE_POSTS = "negative_posts";
    public static final String MEAN_SCORE = "mean_score";
    public static final String SENTIMENT = "sentiment";
    public static final String CONFIDENCE = "confidence";
    public static final String LABEL = "label";
    public static final String LAST_POST_TS = "last_post_ts";

    private UserBrandSentiment() {}
  }

  /** Column names of {@code sentiment_models}. */
  public static final class SentimentModels {
    public static final String VERSION = "version";
    public static final String CREATED_AT = "created_at";
    public static final String PARAMS = "params";
    public static final String TRAINING_SOURCE = "training_source";
    public static final String TRAINING_FINGERPRINT = "training_fingerprint";
    public static final String TRAINING_ROWS = "training_rows";
    public static final String HELD_OUT_ROWS = "held_out_rows";
    public static final String REJECTED_ROWS = "rejected_rows";
    public static final String CLASSES = "classes";
    public static final String ACCURACY = "accuracy";
    public static final String MACRO_F1 = "macro_f1";
    public static final String METRICS = "metrics";
    public static final String CHAMPION_MACRO_F1 = "champion_macro_f1";
    public static final String IS_CHAMPION = "is_champion";
    public static final String DECISION = "decision";
    public static final String PATH = "path";

    private SentimentModels() {}
  }

  /** Column names of {@code ambassador_rankings}. */
  public static final class Rankings {
    public static final String HANDLE = "handle";
    public static final String RANK = "rank";
    public static final String SCORE = "score";
    public static final String TIER = "tier";
    public static final String IS_EMPLOYEE = "is_employee";
    public static final String INFLUENCE_COMPONENT = "influence_component";
    public static final String ENGAGEMENT_COMPONENT = "engagement_component";
    public static final String SENTIMENT_COMPONENT = "sentiment_component";
    public static final String POSTS_ABOUT_BRAND = "posts_about_brand";
    public static final String ENGAGEMENT_RECEIVED = "engagement_received";
    public static final String BRAND_SENTIMENT = "brand_sentiment";

    private Rankings() {}
  }

  private static StructField col(String name, DataType type, String comment) {
    Metadata md = new MetadataBuilder().putString("comment", comment).build();
    return new StructField(name, type, true, md);
  }

  private static Table table(String name, String comment, List<String> partitionBy,
      StructField... fields) {
    return new Table(name, comment, new StructType(fields), new ArrayList<>(partitionBy));
  }
}
