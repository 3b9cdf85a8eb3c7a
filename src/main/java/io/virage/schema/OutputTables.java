package io.virage.schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Every output table: name, grain, partitioning, and each column with its type and meaning.
 * The comments written into Delta and the table reference in docs/tables.md come from here.
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

    /**
     * {@code rows} as this table holds them: its columns, in its order, cast to its types (a stray
     * column is left out). What a write stores, and what a stage hands on to the next in memory.
     */
    public Dataset<Row> conform(Dataset<Row> rows) {
      Column[] cols = new Column[schema.fields().length];
      int i = 0;
      for (StructField f : schema.fields()) {
        cols[i++] = org.apache.spark.sql.functions.col(f.name()).cast(f.dataType()).as(f.name());
      }
      return rows.select(cols);
    }
  }

  public static final Table QUARANTINE = table("quarantine",
      "Input rows that broke the contract, with the reason; one row per rejected input row and run date.",
      List.of(RUN_DATE),
      col(RUN_DATE, DataTypes.DateType, "Run date that read the row."),
      col(Quarantine.DATASET, DataTypes.StringType, "Input dataset: users, interactions, posts, brands, sentiment_labels."),
      col(Quarantine.REASON, DataTypes.StringType,
          "Why the row was rejected: null_key, duplicate_id, duplicate_row, unknown_type, self_loop, "
              + "unknown_user, unparseable_timestamp, missing_timestamp, future_timestamp, missing_value, unknown_label,"
              + " erased_user (a user erased by forget-user)."),
      col(Quarantine.COLUMN, DataTypes.StringType, "The contract column the reason is about."),
      col(Quarantine.SOURCE_FILE, DataTypes.StringType, "Parquet file the row came from."),
      col(Quarantine.ROW_JSON, DataTypes.StringType,
          "The row as JSON, contract columns only (personal columns such as email are never kept); null for"
              + " erased_user rows, whose content is not kept."));

  public static final Table JOB_RUNS = table("job_runs",
      "Audit log: one row per stage of every run (append-only; reruns add rows with a new run_id).",
      List.of(),
      col(JobRuns.RUN_ID, DataTypes.StringType, "Unique id of the run (one CLI invocation)."),
      col(RUN_DATE, DataTypes.DateType, "Run date the run processed."),
      col(JobRuns.COMMAND, DataTypes.StringType, "CLI command that ran: nightly, validate, ..."),
      col(JobRuns.STAGE, DataTypes.StringType, "Stage: validate, influence, sentiment, ranking (the four of nightly); train-sentiment (the command, or"
          + " a run that trained the first model of an empty registry); other commands' own stage (maintenance...)."),
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
      col(JobRuns.SPARK_APP_ID, DataTypes.StringType, "Spark application id."),
      col(JobRuns.INPUT_VERSIONS, DataTypes.StringType,
          "JSON: what the stage read. tables: the Delta version of every output table when the stage started;"
              + " inputs (stages that read Parquet inputs): per dataset, files, bytes, latest modification time and"
              + " a fingerprint of the file list (path, length, modification time)."),
      col(JobRuns.GIT_COMMIT, DataTypes.StringType,
          "Git commit the running build came from (unknown when built outside a git checkout)."));

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
      col(Sentiment.LANG, DataTypes.StringType, "Language: the post's declared lang (lowercased, region dropped), else detected (en, fr, es, de, it,"
          + " pt, nl, or unsupported for text mostly in another script). Only en and fr are scored: other"
          + " languages have null label, probabilities, score and lexicon_compound."),
      col(Sentiment.BRAND_IDS, DataTypes.createArrayType(DataTypes.StringType),
          "Brands the post is about (a keyword or handle of the brand appears in the text); empty if none."),
      col(Sentiment.LABEL, DataTypes.StringType, "Predicted class: negative, neutral or positive (2-class models: no neutral); null when lang is"
          + " not en or fr."),
      col(Sentiment.PROBABILITY, DataTypes.DoubleType, "Model probability of the predicted class."),
      col(Sentiment.SCORE, DataTypes.DoubleType, "P(positive) - P(negative), in [-1, 1]."),
      col(Sentiment.P_NEGATIVE, DataTypes.DoubleType, "Model probability of negative."),
      col(Sentiment.P_NEUTRAL, DataTypes.DoubleType, "Model probability of neutral (null for a 2-class model)."),
      col(Sentiment.P_POSITIVE, DataTypes.DoubleType, "Model probability of positive."),
      col(Sentiment.LEXICON_COMPOUND, DataTypes.DoubleType,
          "Rule-based lexicon score (VADER-style compound) of the text, in [-1, 1]; a model input, kept for audit."),
      col(Sentiment.MODEL_VERSION, DataTypes.IntegerType, "Version (sentiment_models.version) of the model that scored the post."),
      col(Sentiment.SCORED_RUN_DATE, DataTypes.DateType, "Run date of the run that scored the post."),
      col(Sentiment.TEXT, DataTypes.StringType,
          "The post's public text, as the input gave it (what was scored; the report quotes it); null for"
              + " posts scored before the column existed. Erased with its author by forget-user."));

  public static final Table USER_BRAND_SENTIMENT = table("user_brand_sentiment",
      "Sentiment of each user toward each brand they posted about, up to the run date; one row per run date,"
          + " brand and user. Few posts give a score near neutral (shrinkage), not an extreme.",
      List.of(RUN_DATE),
      col(RUN_DATE, DataTypes.DateType, "Run date."),
      col(BRAND_ID, DataTypes.StringType, "Brand."),
      col(USER_ID, DataTypes.StringType, "User who posted about the brand."),
      col(UserBrandSentiment.POSTS, DataTypes.LongType, "Scored posts by the user about the brand, up to the run date (posts in a language the model"
          + " does not analyse are left out)."),
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
      col(SentimentModels.REJECTED_ROWS, DataTypes.LongType, "Labelled rows not used: missing_value (null or blank text or label), unknown_label; as validate counts them."),
      col(SentimentModels.CLASSES, DataTypes.createArrayType(DataTypes.StringType), "Classes the model predicts."),
      col(SentimentModels.ACCURACY, DataTypes.DoubleType, "Held-out accuracy."),
      col(SentimentModels.MACRO_F1, DataTypes.DoubleType, "Held-out macro-F1 (the promotion metric)."),
      col(SentimentModels.METRICS, DataTypes.StringType,
          "JSON: held-out accuracy, macro_f1, per-class precision/recall/f1/support, confusion matrix, per language."),
      col(SentimentModels.CHAMPION_MACRO_F1, DataTypes.DoubleType,
          "The champion's macro-F1 on the same held-out rows at training time (null if there was none)."),
      col(SentimentModels.IS_CHAMPION, DataTypes.BooleanType, "True for the model that scores posts."),
      col(SentimentModels.DECISION, DataTypes.StringType, "Why the model is or is not champion (last change)."),
      col(SentimentModels.PATH, DataTypes.StringType, "Where the MLlib pipeline is saved."),
      col(JobRuns.RUN_ID, DataTypes.StringType,
          "job_runs.run_id of the run that trained the model (train-sentiment, or nightly's first model)."),
      col(JobRuns.CONFIG_HASH, DataTypes.StringType, "SHA-256 of the configuration the model was trained with."),
      col(JobRuns.GIT_COMMIT, DataTypes.StringType,
          "Git commit of the build that trained the model (unknown when built outside a git checkout)."));

  public static final Table MODEL_EVENTS = table("model_events",
      "What happened to each sentiment model version, in order: trained, evaluated, promoted, demoted; one row per"
          + " event (append-only: a later event never rewrites an earlier one).",
      List.of(),
      col(ModelEvents.EVENT_AT, DataTypes.TimestampType, "When the event happened (UTC)."),
      col(SentimentModels.VERSION, DataTypes.IntegerType, "sentiment_models.version the event is about."),
      col(ModelEvents.EVENT, DataTypes.StringType,
          "trained (registered), evaluated (evaluate-sentiment --record), promoted (became champion), demoted"
              + " (another version became champion)."),
      col(JobRuns.RUN_ID, DataTypes.StringType, "job_runs.run_id of the command that caused it."),
      col(JobRuns.COMMAND, DataTypes.StringType, "The command: train-sentiment, promote-sentiment, evaluate-sentiment, nightly."),
      col(ModelEvents.ACTOR, DataTypes.StringType,
          "Who: the operating-system user that ran the command (or VIRAGE_ACTOR when set, e.g. by a scheduler)."),
      col(ModelEvents.REASON, DataTypes.StringType,
          "Why, in words: the promotion decision with its figures, --reason of promote-sentiment, ..."),
      col(ModelEvents.DETAILS, DataTypes.StringType,
          "JSON figures of the event (trained: held-out metrics and the champion's on the same rows; evaluated:"
              + " the labelled set and its metrics; promoted/demoted: the previous and new champion)."));

  public static final Table MODEL_EVALUATIONS = table("model_evaluations",
      "Stored evaluations (evaluate-sentiment --record): one row per evaluation of a model version on a labelled set.",
      List.of(),
      col(ModelEvaluations.EVALUATED_AT, DataTypes.TimestampType, "When the evaluation ran (UTC)."),
      col(JobRuns.RUN_ID, DataTypes.StringType, "job_runs.run_id of the evaluate-sentiment run."),
      col(SentimentModels.VERSION, DataTypes.IntegerType, "sentiment_models.version evaluated."),
      col(ModelEvaluations.LABELS_SOURCE, DataTypes.StringType, "Path of the labelled set (--labels)."),
      col(ModelEvaluations.LABELS_FINGERPRINT, DataTypes.StringType,
          "Order-independent hash of the labelled rows used, as sentiment_models.training_fingerprint."),
      col(ModelEvaluations.N, DataTypes.LongType, "Labelled rows scored."),
      col(ModelEvaluations.LABELLED_READ, DataTypes.LongType, "Labelled rows read (n + rejected)."),
      col(ModelEvaluations.LABELLED_REJECTED, DataTypes.StringType,
          "JSON: labelled rows not used, by reason (missing_value, unknown_label)."),
      col(SentimentModels.ACCURACY, DataTypes.DoubleType, "Accuracy on the set."),
      col(SentimentModels.MACRO_F1, DataTypes.DoubleType, "Macro-F1 on the set."),
      col(SentimentModels.METRICS, DataTypes.StringType,
          "JSON: accuracy, macro_f1, per-class precision/recall/f1/support, confusion matrix, per language."));

  public static final Table AMBASSADOR_CANDIDATES = table("ambassador_candidates",
      "Every candidate ambassador (a user who posted about the brand up to the run date): one row per run date,"
          + " brand and user, eligible or not, with the reason when not. Answers \"why isn't X ranked?\".",
      List.of(RUN_DATE),
      col(RUN_DATE, DataTypes.DateType, "Run date."),
      col(BRAND_ID, DataTypes.StringType, "Brand."),
      col(USER_ID, DataTypes.StringType, "Candidate."),
      col(Candidates.ELIGIBLE, DataTypes.BooleanType, "True if the user is ranked in ambassador_rankings."),
      col(Candidates.REASON, DataTypes.StringType,
          "Why not eligible (null when eligible), the first that applies: own_account (one of the brand's handles),"
              + " opted_out, likely_bot (bot_likelihood >= quality.likely-bot-threshold), negative_sentiment"
              + " (brand_sentiment < ranking.min-brand-sentiment)."),
      col(Rankings.IS_EMPLOYEE, DataTypes.BooleanType, "True if the user works for the brand (employer_brand_id)."),
      col(Rankings.POSTS_ABOUT_BRAND, DataTypes.LongType, "Posts by the user about the brand up to the run date."),
      col(Rankings.BRAND_SENTIMENT, DataTypes.DoubleType,
          "The user's sentiment toward the brand (user_brand_sentiment.sentiment), in [-1, 1]."),
      col(Influence.BOT_LIKELIHOOD, DataTypes.DoubleType, "Bot/spam likelihood of the account (influence_scores)."));

  public static final Table AMBASSADOR_RANKINGS = table("ambassador_rankings",
      "Ranked ambassadors: one row per run date, brand and eligible candidate, with every component of the"
          + " score, the raw signals behind them, the explanation and the movement since the previous run date.",
      List.of(RUN_DATE),
      col(RUN_DATE, DataTypes.DateType, "Run date."),
      col(BRAND_ID, DataTypes.StringType, "Brand."),
      col(USER_ID, DataTypes.StringType, "Ambassador."),
      col(Rankings.HANDLE, DataTypes.StringType, "Public handle of the user."),
      col(Rankings.RANK, DataTypes.IntegerType, "1 = best ambassador of the brand; ties by user_id."),
      col(Rankings.SCORE, DataTypes.DoubleType,
          "Weighted sum of the nine components (weights in ranking.weights, normalised to sum to 1; for a brand"
              + " without conversions, conversions weighs 0 and the others are normalised over themselves), in [0, 1]."),
      col(Rankings.TIER, DataTypes.StringType, "gold, silver or bronze by rank percentile (ranking.tiers)."),
      col(Rankings.IS_EMPLOYEE, DataTypes.BooleanType, "True if the user works for the brand (employer_brand_id)."),
      col(Rankings.EMPLOYEE_RANK, DataTypes.IntegerType,
          "Rank among the brand's ranked employees (the internal advocacy leaderboard); null for non-employees."),
      col(Rankings.PREVIOUS_RANK, DataTypes.IntegerType,
          "Rank on the previous run date in this table (the latest earlier one); null if not ranked then."),
      col(Rankings.RANK_CHANGE, DataTypes.IntegerType,
          "previous_rank - rank: positive = moved up; null for new entries."),
      col(Rankings.IS_NEW, DataTypes.BooleanType, "True if the user was not ranked for the brand on the previous run date."),
      col(Rankings.MOVED_COMPONENTS, DataTypes.StringType,
          "The two components that changed the most since the previous run date, with their change"
              + " (e.g. \"brand_influence +0.21, sentiment -0.05\"), among those that changed by at least"
              + " ranking.movers.min-component-change; null when none did, and for new entries."),
      col(Rankings.BRAND_INFLUENCE_COMPONENT, DataTypes.DoubleType,
          "Percentile (0-1, percent_rank) of brand pagerank among the brand's ranked users."),
      col(Rankings.INFLUENCE_COMPONENT, DataTypes.DoubleType,
          "Percentile of global pagerank among the brand's ranked users."),
      col(Rankings.ENGAGEMENT_COMPONENT, DataTypes.DoubleType,
          "Log-scaled advocacy_engagement: ln(1 + x) / ln(1 + the largest x among the brand's ranked users)."),
      col(Rankings.SENTIMENT_COMPONENT, DataTypes.DoubleType,
          "max(brand_sentiment, 0): 0 = neutral, 1 = every post fully positive with plenty of them."),
      col(Rankings.RECOMMENDATION_COMPONENT, DataTypes.DoubleType,
          "Log-scaled recommendations_received: ln(1 + x) / ln(1 + the largest x among the brand's ranked users)."),
      col(Rankings.AUDIENCE_QUALITY_COMPONENT, DataTypes.DoubleType, "audience_quality."),
      col(Rankings.ACCOUNT_QUALITY_COMPONENT, DataTypes.DoubleType, "1 - bot_likelihood."),
      col(Rankings.ACTIVITY_COMPONENT, DataTypes.DoubleType,
          "Recency and consistency: 0.5 * 2^(-days_since_last_post / ranking.recency-half-life-days)"
              + " + 0.5 * active_weeks / ranking.activity-weeks."),
      col(Rankings.CONVERSIONS_COMPONENT, DataTypes.DoubleType,
          "Log-scaled attributed_conversions: ln(1 + x) / ln(1 + the largest x among the brand's ranked users);"
              + " null when the brand's conversions are unknown (no conversions dataset, or none in the window)."),
      col(BrandInfluence.BRAND_PAGERANK, DataTypes.DoubleType,
          "The user's pagerank personalized to the brand (brand_influence; 0 below influence.brand-min-pagerank)."),
      col(Influence.PAGERANK, DataTypes.DoubleType, "Global weighted pagerank (influence_scores)."),
      col(Influence.FOLLOWERS_COUNT, DataTypes.LongType, "Followers (users.followers_count; 0 when unknown)."),
      col(Rankings.POSTS_ABOUT_BRAND, DataTypes.LongType, "Posts by the user about the brand up to the run date."),
      col(Rankings.ENGAGEMENT_RECEIVED, DataTypes.LongType,
          "Shares, replies and likes received in the history window on those posts, from accounts that are not"
              + " likely bots."),
      col(Rankings.ADVOCACY_ENGAGEMENT, DataTypes.LongType,
          "The part of engagement_received on posts that the sentiment model labels positive: engagement that"
              + " speaks well of the brand."),
      col(Rankings.ENGAGEMENT_RATE, DataTypes.DoubleType,
          "engagement_received / posts_about_brand / (followers_count + 1): engagement per post per follower."),
      col(Rankings.AMPLIFICATION, DataTypes.DoubleType, "Shares received per post about the brand."),
      col(Rankings.CONVERSATION, DataTypes.DoubleType, "Replies received per post about the brand."),
      col(Rankings.BRAND_SENTIMENT, DataTypes.DoubleType,
          "The user's sentiment toward the brand (user_brand_sentiment.sentiment: shrunk toward 0 when posts are"
              + " few), in [-1, 1]."),
      col(Rankings.SENTIMENT_CONFIDENCE, DataTypes.DoubleType,
          "Confidence of that sentiment (user_brand_sentiment.confidence: posts / (posts + sentiment.prior-posts))."),
      col(Rankings.RECOMMENDATIONS_RECEIVED, DataTypes.LongType,
          "recommend interactions received in the history window from accounts that are not likely bots."),
      col(Rankings.AUDIENCE_QUALITY, DataTypes.DoubleType,
          "Share of the distinct accounts that engaged with the user in the window that are not likely bots"
              + " (1 when none engaged)."),
      col(Influence.BOT_LIKELIHOOD, DataTypes.DoubleType, "Bot/spam likelihood of the account (influence_scores)."),
      col(Rankings.DAYS_SINCE_LAST_POST, DataTypes.IntegerType, "Days from the last post about the brand to the run date."),
      col(Rankings.ACTIVE_WEEKS, DataTypes.IntegerType,
          "Weeks, among the ranking.activity-weeks before the run date, with at least one post about the brand."),
      col(Rankings.ATTRIBUTED_CONVERSIONS, DataTypes.DoubleType,
          "Conversions to the brand credited to the user (ambassador_conversions.attributed_conversions; 0 when"
              + " none); null when the brand's conversions are unknown."),
      col(Rankings.EXPLANATION, DataTypes.StringType,
          "In words: the three components that contributed the most to the score and the weakest of the others, e.g."
              + " \"lifted by brand reach 97th pct; sentiment +0.72 (31 posts); audience quality 0.94 | held back by"
              + " global influence 12th pct\"."),
      col(Rankings.IS_MOVER, DataTypes.BooleanType,
          "True when the rank moved by at least ranking.movers.min-rank-change positions since the previous run date"
              + " and a component changed by at least ranking.movers.min-component-change (a real move, not noise);"
              + " false otherwise; null for new entries."));

  public static final Table AMBASSADOR_CONVERSIONS = table("ambassador_conversions",
      "Conversions attributed to ambassadors: per run date, brand and user credited, the share of the brand's"
          + " conversions of the conversions.window-days up to the run date that the user drove (conversions.method,"
          + " conversions.lookback-days). No rows for a run date without a conversions dataset: unknown, not 0.",
      List.of(RUN_DATE),
      col(RUN_DATE, DataTypes.DateType, "Run date."),
      col(BRAND_ID, DataTypes.StringType, "Brand converted to."),
      col(USER_ID, DataTypes.StringType, "User credited (a referrer, or a user who touched converters)."),
      col(Rankings.HANDLE, DataTypes.StringType, "Public handle of the user."),
      col(ConversionCredit.METHOD, DataTypes.StringType,
          "conversions.method of the run: time-decay or last-touch (a known referrer takes the whole credit either way)."),
      col(ConversionCredit.ATTRIBUTED_CONVERSIONS, DataTypes.DoubleType,
          "Sum of the user's credits: each conversion's credits sum to 1 over its users (when anyone touched it)."),
      col(ConversionCredit.ATTRIBUTED_VALUE, DataTypes.DoubleType,
          "Sum of credit x conversions.value over the conversions with a value; null when none had one."),
      col(ConversionCredit.CONVERSIONS, DataTypes.LongType, "Conversions on which the user got a credit above 0."),
      col(ConversionCredit.REFERRALS, DataTypes.LongType,
          "Of which the user was the known referrer (referrer_user_id, or the author of post_id)."),
      col(ConversionCredit.TOUCHES, DataTypes.LongType,
          "Interactions between the user and converters, either way, in the look-back before their conversions"
              + " (credited or not: last-touch credits only the latest)."));

  public static final Table AMBASSADOR_ROSTER = table("ambassador_roster",
      "Reach-maximizing ambassadors: per run date and brand, ranking.roster.size picks chosen greedily (CELF)"
          + " for the most distinct engaged audience, at most ranking.roster.max-per-community per community.",
      List.of(RUN_DATE),
      col(RUN_DATE, DataTypes.DateType, "Run date."),
      col(BRAND_ID, DataTypes.StringType, "Brand."),
      col(Roster.PICK, DataTypes.IntegerType, "Order of selection: 1 = first pick (largest audience)."),
      col(USER_ID, DataTypes.StringType, "Ambassador picked."),
      col(Rankings.HANDLE, DataTypes.StringType, "Public handle of the user."),
      col(Rankings.RANK, DataTypes.IntegerType, "The user's rank in ambassador_rankings."),
      col(Rankings.SCORE, DataTypes.DoubleType, "The user's score in ambassador_rankings."),
      col(Roster.COMMUNITY, DataTypes.StringType,
          "Audience community (label propagation over the pool's audience graph), named by one of its members."),
      col(Roster.AUDIENCE_SIZE, DataTypes.LongType,
          "Distinct accounts (not likely bots) that engaged with the user in the history window."),
      col(Roster.MARGINAL_REACH, DataTypes.LongType, "Audience members this pick adds to the earlier picks'."),
      col(Roster.CUMULATIVE_REACH, DataTypes.LongType, "Distinct audience of picks 1..pick."),
      col(Roster.COVERAGE, DataTypes.DoubleType,
          "cumulative_reach / distinct audience of the whole candidate pool (ranking.roster.candidate-pool)."),
      col(Roster.TOP_K_REACH, DataTypes.LongType,
          "For comparison: distinct audience of the brand's ranks 1..pick (the naive top-k)."));

  public static final Table BRAND_TRUST = table("brand_trust",
      "Is the brand itself worth recommending? One row per run date and brand: how its accounts answer mentions,"
          + " replies and complaints (trust.window-days, trust.answer-within-hours), its sentiment trend, advocates"
          + " against detractors, and a trust index in [0, 1] with its parts (trust.weights).",
      List.of(RUN_DATE),
      col(RUN_DATE, DataTypes.DateType, "Run date."),
      col(BRAND_ID, DataTypes.StringType, "Brand."),
      col(Trust.BRAND_ACCOUNTS, DataTypes.LongType, "The brand's own accounts found among the users (brands.handles)."),
      col(Trust.ADDRESSED, DataTypes.LongType,
          "Mentions and replies by others addressed to a brand account in the window (distinct author and time)."),
      col(Trust.ANSWERED, DataTypes.LongType,
          "Of which a brand account replied to the author within trust.answer-within-hours after it."),
      col(Trust.ANSWERED_SHARE, DataTypes.DoubleType, "answered / addressed; null when nothing was addressed."),
      col(Trust.MEDIAN_ANSWER_HOURS, DataTypes.DoubleType,
          "Median hours from item to first answer, over answered items (exact percentile, linear interpolation)."),
      col(Trust.P90_ANSWER_HOURS, DataTypes.DoubleType, "90th percentile of the same."),
      col(Trust.COMPLAINTS, DataTypes.LongType,
          "Negative posts about the brand (post_sentiment label negative) by others in the window."),
      col(Trust.COMPLAINTS_ANSWERED, DataTypes.LongType,
          "Of which a brand account replied to the author within trust.answer-within-hours after the post."),
      col(Trust.COMPLAINTS_ANSWERED_SHARE, DataTypes.DoubleType, "complaints_answered / complaints; null when none."),
      col(Trust.COMPLAINTS_MEDIAN_ANSWER_HOURS, DataTypes.DoubleType, "Median hours to answer a complaint."),
      col(Trust.COMPLAINTS_P90_ANSWER_HOURS, DataTypes.DoubleType, "90th percentile of the same."),
      col(Trust.POSTS_7D, DataTypes.LongType, "Posts about the brand by others in the 7 days up to the run date."),
      col(Trust.SENTIMENT_7D, DataTypes.DoubleType, "Their mean sentiment score (post_sentiment.score, in [-1, 1])."),
      col(Trust.POSTS_30D, DataTypes.LongType, "Posts about the brand by others in the 30 days up to the run date."),
      col(Trust.SENTIMENT_30D, DataTypes.DoubleType, "Their mean sentiment score."),
      col(Trust.SENTIMENT_TREND, DataTypes.DoubleType,
          "sentiment_7d - sentiment_30d: positive when the last week is better than the month."),
      col(Trust.ADVOCATES, DataTypes.LongType, "Users positive about the brand (user_brand_sentiment label), its accounts aside."),
      col(Trust.DETRACTORS, DataTypes.LongType, "Users negative about the brand, its accounts aside."),
      col(Trust.ADVOCATE_SHARE, DataTypes.DoubleType, "advocates / (advocates + detractors); null when both are 0."),
      col(Trust.ADVOCATE_DETRACTOR_RATIO, DataTypes.DoubleType, "advocates / detractors; null when there is no detractor."),
      col(Trust.ADVOCATES_CHANGE, DataTypes.LongType,
          "advocates minus the previous run date's (the latest earlier one in this table); null if none."),
      col(Trust.DETRACTORS_CHANGE, DataTypes.LongType, "detractors minus the previous run date's; null if none."),
      col(Trust.RESPONSIVENESS_COMPONENT, DataTypes.DoubleType, "Part of the index: answered_share."),
      col(Trust.COMPLAINTS_COMPONENT, DataTypes.DoubleType, "Part of the index: complaints_answered_share."),
      col(Trust.SPEED_COMPONENT, DataTypes.DoubleType,
          "Part of the index: 1 - median_answer_hours / trust.answer-within-hours (null when nothing was answered)."),
      col(Trust.SENTIMENT_COMPONENT, DataTypes.DoubleType, "Part of the index: (sentiment_30d + 1) / 2."),
      col(Trust.ADVOCACY_COMPONENT, DataTypes.DoubleType, "Part of the index: advocate_share."),
      col(Trust.TRUST_INDEX, DataTypes.DoubleType,
          "Weighted mean of the non-null parts (trust.weights, renormalised over them), in [0, 1]; null if all are."));

  public static final Table CAMPAIGN_PLANS = table("campaign_plans",
      "Campaign plans (plan-campaign): per run date and plan, the ambassadors picked for a brand under a budget,"
          + " greedily by distinct audience added per unit of cost (campaign.tier-costs, campaign.employee-cost),"
          + " or the single best pick when it reaches more. A rerun of the same plan replaces its rows.",
      List.of(RUN_DATE),
      col(RUN_DATE, DataTypes.DateType, "Run date of the ambassador_rankings the plan was made from."),
      col(Campaign.PLAN_ID, DataTypes.StringType,
          "Plan: SHA-256 (hex, 16 chars) of run date, brand, budget, costs and candidate pool; same inputs, same id."),
      col(BRAND_ID, DataTypes.StringType, "Brand."),
      col(Campaign.BUDGET, DataTypes.DoubleType, "The budget given (--budget)."),
      col(Campaign.METHOD, DataTypes.StringType,
          "greedy (by audience added per cost) or best_single (one pick that alone reaches more than the greedy)."),
      col(Roster.PICK, DataTypes.IntegerType, "Order of selection: 1 = first pick."),
      col(USER_ID, DataTypes.StringType, "Ambassador picked."),
      col(Rankings.HANDLE, DataTypes.StringType, "Public handle of the user."),
      col(Rankings.RANK, DataTypes.IntegerType, "The user's rank in ambassador_rankings."),
      col(Rankings.TIER, DataTypes.StringType, "The user's tier in ambassador_rankings."),
      col(Rankings.IS_EMPLOYEE, DataTypes.BooleanType, "True if the user works for the brand (employee cost)."),
      col(Campaign.COST, DataTypes.DoubleType, "What this pick costs: campaign.tier-costs of the tier, or campaign.employee-cost."),
      col(Campaign.CUMULATIVE_COST, DataTypes.DoubleType, "Cost of picks 1..pick (at most the budget)."),
      col(Roster.AUDIENCE_SIZE, DataTypes.LongType,
          "Distinct accounts (not likely bots) that engaged with the user in the history window."),
      col(Roster.MARGINAL_REACH, DataTypes.LongType, "Audience members this pick adds to the earlier picks'."),
      col(Roster.CUMULATIVE_REACH, DataTypes.LongType, "Distinct audience of picks 1..pick."),
      col(Roster.COVERAGE, DataTypes.DoubleType,
          "cumulative_reach / distinct audience of the whole candidate pool (campaign.candidate-pool)."),
      col(Campaign.PLANNED_AT, DataTypes.TimestampType, "When plan-campaign wrote the plan (UTC)."));

  public static final Table BRANDS = table("brands",
      "The brands as the latest validated input names them (current state, replaced whole by each run that"
          + " validates brands): one row per brand, for names in reports and joins.",
      List.of(),
      col(BRAND_ID, DataTypes.StringType, "Brand."),
      col(InputContract.Brands.NAME, DataTypes.StringType, "Brand name (brands.name of the input)."),
      col(InputContract.Brands.HANDLES, DataTypes.createArrayType(DataTypes.StringType), "The brand's own accounts."),
      col(InputContract.Brands.KEYWORDS, DataTypes.createArrayType(DataTypes.StringType),
          "Terms that mark a post as being about the brand."),
      col(CurrentState.AS_OF_RUN_DATE, DataTypes.DateType, "Run date of the run that wrote this state."));

  public static final Table USERS_PUBLIC = table("users_public",
      "Public names of the users (current state, replaced whole by each run that validates users): one row per"
          + " loaded user who has not opted out; the public handle and display name only, no other personal data."
          + " forget-user removes the person.",
      List.of(),
      col(USER_ID, DataTypes.StringType, "User."),
      col(Rankings.HANDLE, DataTypes.StringType, "Public handle (users.handle)."),
      col(InputContract.Users.DISPLAY_NAME, DataTypes.StringType, "Public display name (users.display_name)."),
      col(CurrentState.AS_OF_RUN_DATE, DataTypes.DateType, "Run date of the run that wrote this state."));

  public static final Table ERASURES = table("erasures",
      "People erased by forget-user: one row per erased user, keyed by a hash of the user id (the id itself is"
          + " not kept). Their rows in later inputs are quarantined as erased_user, without their content.",
      List.of(),
      col(Erasures.USER_KEY, DataTypes.StringType, "SHA-256 (hex) of the erased user_id."),
      col(Erasures.ERASED_AT, DataTypes.TimestampType, "When forget-user ran (UTC); the latest if run again."),
      col(Erasures.REQUEST, DataTypes.StringType, "Free text given with --request (e.g. the ticket of the request)."),
      col(Erasures.ROWS_DELETED, DataTypes.StringType,
          "JSON: rows deleted per table by the latest forget-user for this user."));

  /** Every output table, in the order stages write them. */
  public static final List<Table> ALL = List.of(
      QUARANTINE, INFLUENCE_SCORES, BRAND_INFLUENCE, SENTIMENT_MODELS, MODEL_EVENTS, MODEL_EVALUATIONS, POST_SENTIMENT,
      USER_BRAND_SENTIMENT,
      AMBASSADOR_CONVERSIONS, AMBASSADOR_CANDIDATES, AMBASSADOR_RANKINGS, AMBASSADOR_ROSTER, BRAND_TRUST, CAMPAIGN_PLANS,
      BRANDS, USERS_PUBLIC, JOB_RUNS, ERASURES);

  /**
   * The tables that commands run on demand write, not nightly (campaign_plans, by plan-campaign;
   * model_evaluations, by evaluate-sentiment --record):
   * a warehouse has them once such a command ran or {@code sql} named them (created empty).
   */
  public static final List<Table> ON_DEMAND = List.of(CAMPAIGN_PLANS, MODEL_EVALUATIONS);

  /** The tables whose name appears as a word in {@code sql} (an over-approximation: a name in a string counts). */
  public static List<Table> namedIn(String sql) {
    return ALL.stream().filter(t -> mentions(sql, t.name())).toList();
  }

  /** Whether {@code name} appears in {@code sql} as a whole identifier, in any case. */
  public static boolean mentions(String sql, String name) {
    return java.util.regex.Pattern.compile("(?<![A-Za-z0-9_])" + java.util.regex.Pattern.quote(name) + "(?![A-Za-z0-9_])",
        java.util.regex.Pattern.CASE_INSENSITIVE).matcher(sql).find();
  }

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
    public static final String INPUT_VERSIONS = "input_versions";
    public static final String GIT_COMMIT = "git_commit";

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
    /** brand_influence.pagerank, as carried into ambassador_rankings. */
    public static final String BRAND_PAGERANK = "brand_pagerank";

    private BrandInfluence() {}
  }

  /** Column names of {@code post_sentiment}. */
  public static final class Sentiment {
    public static final String AUTHOR_ID = "author_id";
    public static final String TS = "ts";
    public static final String LANG = "lang";
    public static final String TEXT = "text";
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

  /** Column names of the current-state tables {@code brands} and {@code users_public}. */
  public static final class CurrentState {
    public static final String AS_OF_RUN_DATE = "as_of_run_date";

    private CurrentState() {}
  }

  /** Column names of {@code model_events}. */
  public static final class ModelEvents {
    public static final String EVENT_AT = "event_at";
    public static final String EVENT = "event";
    public static final String ACTOR = "actor";
    public static final String REASON = "reason";
    public static final String DETAILS = "details";
    /** The values of {@link #EVENT}. */
    public static final String TRAINED = "trained";
    public static final String EVALUATED = "evaluated";
    public static final String PROMOTED = "promoted";
    public static final String DEMOTED = "demoted";

    private ModelEvents() {}
  }

  /** Column names of {@code model_evaluations}. */
  public static final class ModelEvaluations {
    public static final String EVALUATED_AT = "evaluated_at";
    public static final String LABELS_SOURCE = "labels_source";
    public static final String LABELS_FINGERPRINT = "labels_fingerprint";
    public static final String N = "n";
    public static final String LABELLED_READ = "labelled_read";
    public static final String LABELLED_REJECTED = "labelled_rejected";

    private ModelEvaluations() {}
  }

  /** Column names of {@code ambassador_rankings}. */
  public static final class Rankings {
    public static final String HANDLE = "handle";
    public static final String RANK = "rank";
    public static final String SCORE = "score";
    public static final String TIER = "tier";
    public static final String IS_EMPLOYEE = "is_employee";
    public static final String EMPLOYEE_RANK = "employee_rank";
    public static final String PREVIOUS_RANK = "previous_rank";
    public static final String RANK_CHANGE = "rank_change";
    public static final String IS_NEW = "is_new";
    public static final String MOVED_COMPONENTS = "moved_components";
    public static final String IS_MOVER = "is_mover";
    public static final String BRAND_INFLUENCE_COMPONENT = "brand_influence_component";
    public static final String INFLUENCE_COMPONENT = "influence_component";
    public static final String ENGAGEMENT_COMPONENT = "engagement_component";
    public static final String SENTIMENT_COMPONENT = "sentiment_component";
    public static final String RECOMMENDATION_COMPONENT = "recommendation_component";
    public static final String AUDIENCE_QUALITY_COMPONENT = "audience_quality_component";
    public static final String ACCOUNT_QUALITY_COMPONENT = "account_quality_component";
    public static final String ACTIVITY_COMPONENT = "activity_component";
    public static final String CONVERSIONS_COMPONENT = "conversions_component";
    public static final String POSTS_ABOUT_BRAND = "posts_about_brand";
    public static final String ENGAGEMENT_RECEIVED = "engagement_received";
    public static final String ADVOCACY_ENGAGEMENT = "advocacy_engagement";
    public static final String ENGAGEMENT_RATE = "engagement_rate";
    public static final String AMPLIFICATION = "amplification";
    public static final String CONVERSATION = "conversation";
    public static final String BRAND_SENTIMENT = "brand_sentiment";
    public static final String SENTIMENT_CONFIDENCE = "sentiment_confidence";
    public static final String RECOMMENDATIONS_RECEIVED = "recommendations_received";
    public static final String AUDIENCE_QUALITY = "audience_quality";
    public static final String DAYS_SINCE_LAST_POST = "days_since_last_post";
    public static final String ACTIVE_WEEKS = "active_weeks";
    public static final String ATTRIBUTED_CONVERSIONS = "attributed_conversions";
    public static final String EXPLANATION = "explanation";

    private Rankings() {}
  }

  /** Column names of {@code ambassador_candidates}. */
  public static final class Candidates {
    public static final String ELIGIBLE = "eligible";
    public static final String REASON = "reason";

    private Candidates() {}
  }

  /** Column names of {@code erasures}. */
  public static final class Erasures {
    public static final String USER_KEY = "user_key";
    public static final String ERASED_AT = "erased_at";
    public static final String REQUEST = "request";
    public static final String ROWS_DELETED = "rows_deleted";

    private Erasures() {}
  }

  /** Column names of {@code ambassador_roster}. */
  public static final class Roster {
    public static final String PICK = "pick";
    public static final String COMMUNITY = "community";
    public static final String AUDIENCE_SIZE = "audience_size";
    public static final String MARGINAL_REACH = "marginal_reach";
    public static final String CUMULATIVE_REACH = "cumulative_reach";
    public static final String COVERAGE = "coverage";
    public static final String TOP_K_REACH = "top_k_reach";

    private Roster() {}
  }

  /** Column names of {@code brand_trust}. */
  public static final class Trust {
    public static final String BRAND_ACCOUNTS = "brand_accounts";
    public static final String ADDRESSED = "addressed";
    public static final String ANSWERED = "answered";
    public static final String ANSWERED_SHARE = "answered_share";
    public static final String MEDIAN_ANSWER_HOURS = "median_answer_hours";
    public static final String P90_ANSWER_HOURS = "p90_answer_hours";
    public static final String COMPLAINTS = "complaints";
    public static final String COMPLAINTS_ANSWERED = "complaints_answered";
    public static final String COMPLAINTS_ANSWERED_SHARE = "complaints_answered_share";
    public static final String COMPLAINTS_MEDIAN_ANSWER_HOURS = "complaints_median_answer_hours";
    public static final String COMPLAINTS_P90_ANSWER_HOURS = "complaints_p90_answer_hours";
    public static final String POSTS_7D = "posts_7d";
    public static final String SENTIMENT_7D = "sentiment_7d";
    public static final String POSTS_30D = "posts_30d";
    public static final String SENTIMENT_30D = "sentiment_30d";
    public static final String SENTIMENT_TREND = "sentiment_trend";
    public static final String ADVOCATES = "advocates";
    public static final String DETRACTORS = "detractors";
    public static final String ADVOCATE_SHARE = "advocate_share";
    public static final String ADVOCATE_DETRACTOR_RATIO = "advocate_detractor_ratio";
    public static final String ADVOCATES_CHANGE = "advocates_change";
    public static final String DETRACTORS_CHANGE = "detractors_change";
    public static final String RESPONSIVENESS_COMPONENT = "responsiveness_component";
    public static final String COMPLAINTS_COMPONENT = "complaints_component";
    public static final String SPEED_COMPONENT = "speed_component";
    public static final String SENTIMENT_COMPONENT = "sentiment_component";
    public static final String ADVOCACY_COMPONENT = "advocacy_component";
    public static final String TRUST_INDEX = "trust_index";

    /** The index's part columns, in the order of {@link io.virage.config.Settings#TRUST_PARTS}. */
    public static final java.util.List<String> COMPONENTS = java.util.List.of(RESPONSIVENESS_COMPONENT,
        COMPLAINTS_COMPONENT, SPEED_COMPONENT, SENTIMENT_COMPONENT, ADVOCACY_COMPONENT);

    private Trust() {}
  }

  /** Column names of {@code ambassador_conversions} (its others are shared). */
  public static final class ConversionCredit {
    public static final String METHOD = "method";
    public static final String ATTRIBUTED_CONVERSIONS = Rankings.ATTRIBUTED_CONVERSIONS;
    public static final String ATTRIBUTED_VALUE = "attributed_value";
    public static final String CONVERSIONS = "conversions";
    public static final String REFERRALS = "referrals";
    public static final String TOUCHES = "touches";

    private ConversionCredit() {}
  }

  /** Column names of {@code campaign_plans} (its other columns are the roster's and the rankings'). */
  public static final class Campaign {
    public static final String PLAN_ID = "plan_id";
    public static final String BUDGET = "budget";
    public static final String METHOD = "method";
    public static final String COST = "cost";
    public static final String CUMULATIVE_COST = "cumulative_cost";
    public static final String PLANNED_AT = "planned_at";

    private Campaign() {}
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
