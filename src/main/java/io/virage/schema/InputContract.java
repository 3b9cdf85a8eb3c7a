package io.virage.schema;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The input contract: every dataset Virage reads, its columns, their types, which are required,
 * and what they mean. docs/input-contract.md is this file in prose; keep them together.
 *
 * <p>Columns not listed here (for example {@code email} or {@code phone}) are allowed in the input
 * and dropped on read, so they can never reach an output table or a log.
 */
public final class InputContract {
  private InputContract() {}

  /** One contract column. */
  public record Spec(String name, ColumnKind kind, boolean required, String meaning) {}

  /** One input dataset: a Parquet folder named {@link #folder()} under the input root. */
  public enum InputDataset {
    USERS("users", List.of(
        new Spec(Users.USER_ID, ColumnKind.STRING, true, "Unique id of the account."),
        new Spec(Users.HANDLE, ColumnKind.STRING, false, "Public handle, e.g. @jane."),
        new Spec(Users.DISPLAY_NAME, ColumnKind.STRING, false, "Display name."),
        new Spec(Users.LANG, ColumnKind.STRING, false, "Preferred language (ISO 639-1: fr, en, ...)."),
        new Spec(Users.FOLLOWERS_COUNT, ColumnKind.LONG, false, "Followers reported by the platform."),
        new Spec(Users.FOLLOWING_COUNT, ColumnKind.LONG, false, "Accounts followed, as reported."),
        new Spec(Users.CREATED_AT, ColumnKind.TIMESTAMP, false, "Account creation time."),
        new Spec(Users.VERIFIED, ColumnKind.BOOLEAN, false, "Platform verification badge."),
        new Spec(Users.EMPLOYER_BRAND_ID, ColumnKind.STRING, false,
            "brand_id of the brand the user works for; null if none."),
        new Spec(Users.OPTED_OUT, ColumnKind.BOOLEAN, false,
            "True if the user refused ambassador programmes; never ranked.")),
        List.of(Users.USER_ID)),
    INTERACTIONS("interactions", List.of(
        new Spec(Interactions.SRC_USER_ID, ColumnKind.STRING, true, "User who acted."),
        new Spec(Interactions.DST_USER_ID, ColumnKind.STRING, true,
            "User acted upon; influence flows from src to dst."),
        new Spec(Interactions.TYPE, ColumnKind.STRING, true,
            "One of follow, share, mention, reply, like, recommend."),
        new Spec(Interactions.TS, ColumnKind.TIMESTAMP, true, "When the interaction happened."),
        new Spec(Interactions.POST_ID, ColumnKind.STRING, false,
            "Post interacted with (share, reply, like); null otherwise.")),
        List.of()),
    POSTS("posts", List.of(
        new Spec(Posts.POST_ID, ColumnKind.STRING, true, "Unique id of the post."),
        new Spec(Posts.AUTHOR_ID, ColumnKind.STRING, true, "user_id of the author."),
        new Spec(Posts.TS, ColumnKind.TIMESTAMP, true, "Publication time."),
        new Spec(Posts.TEXT, ColumnKind.STRING, true, "Post text."),
        new Spec(Posts.LANG, ColumnKind.STRING, false, "Language of the text (fr, en, ...); may be null.")),
        List.of(Posts.POST_ID)),
    BRANDS("brands", List.of(
        new Spec(Brands.BRAND_ID, ColumnKind.STRING, true, "Unique id of the brand."),
        new Spec(Brands.NAME, ColumnKind.STRING, false, "Brand name."),
        new Spec(Brands.HANDLES, ColumnKind.STRING_LIST, false,
            "Handles of the brand's own accounts, e.g. @aurora (matched to users.handle ignoring"
                + " case): never ranked as the brand's ambassadors; a post naming one is about the brand."),
        new Spec(Brands.KEYWORDS, ColumnKind.STRING_LIST, false,
            "Terms (names, hashtags, @handles) that mark a post as being about the brand.")),
        List.of(Brands.BRAND_ID)),
    SENTIMENT_LABELS("sentiment_labels", List.of(
        new Spec(SentimentLabels.TEXT, ColumnKind.STRING, true, "A labelled text."),
        new Spec(SentimentLabels.LABEL, ColumnKind.STRING, true,
            "negative, neutral or positive (or a two-class set: negative, positive)."),
        new Spec(SentimentLabels.LANG, ColumnKind.STRING, false, "Language of the text.")),
        List.of()),
    CONVERSIONS("conversions", List.of(
        new Spec(Conversions.CONVERSION_ID, ColumnKind.STRING, true, "Unique id of the conversion (purchase, sign-up...)."),
        new Spec(Conversions.USER_ID, ColumnKind.STRING, true, "user_id of the user who converted."),
        new Spec(Conversions.BRAND_ID, ColumnKind.STRING, true, "brand_id of the brand converted to."),
        new Spec(Conversions.TS, ColumnKind.TIMESTAMP, true, "When the conversion happened."),
        new Spec(Conversions.VALUE, ColumnKind.DOUBLE, false,
            "Amount of the conversion (a currency amount, at least 0); null when unknown."),
        new Spec(Conversions.REFERRER_USER_ID, ColumnKind.STRING, false,
            "user_id of the user whose referral link or code the converter used, when the platform knows it:"
                + " that user takes the whole credit."),
        new Spec(Conversions.POST_ID, ColumnKind.STRING, false,
            "Post whose link the converter followed, when known: without referrer_user_id, its author is the referrer.")),
        List.of(Conversions.CONVERSION_ID));

    private final String folder;
    private final List<Spec> columns;
    private final List<String> idColumns;

    InputDataset(String folder, List<Spec> columns, List<String> idColumns) {
      this.folder = folder;
      this.columns = columns;
      this.idColumns = idColumns;
    }

    /** Folder under the input root, and the name used in errors and in the quarantine. */
    public String folder() {
      return folder;
    }

    public List<Spec> columns() {
      return columns;
    }

    /** Columns that must be unique (duplicates are quarantined). */
    public List<String> idColumns() {
      return idColumns;
    }

    public List<String> columnNames() {
      return columns.stream().map(Spec::name).toList();
    }

    public List<String> requiredColumns() {
      return columns.stream().filter(Spec::required).map(Spec::name).toList();
    }

    /** Datasets read when their folder exists: sentiment_labels (training), conversions (attribution). */
    public static List<InputDataset> optionalInputs() {
      return List.of(SENTIMENT_LABELS, CONVERSIONS);
    }

    /** Datasets the nightly run needs; sentiment_labels only feeds training. */
    public static List<InputDataset> graphInputs() {
      return List.of(USERS, INTERACTIONS, POSTS, BRANDS);
    }

    public static InputDataset byFolder(String folder) {
      return Arrays.stream(values()).filter(d -> d.folder.equals(folder)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("unknown dataset '" + folder
              + "'; known: " + Arrays.stream(values()).map(InputDataset::folder)
                  .collect(Collectors.joining(", "))));
    }
  }

  /** Column names of {@code users}. */
  public static final class Users {
    public static final String USER_ID = "user_id";
    public static final String HANDLE = "handle";
    public static final String DISPLAY_NAME = "display_name";
    public static final String LANG = "lang";
    public static final String FOLLOWERS_COUNT = "followers_count";
    public static final String FOLLOWING_COUNT = "following_count";
    public static final String CREATED_AT = "created_at";
    public static final String VERIFIED = "verified";
    public static final String EMPLOYER_BRAND_ID = "employer_brand_id";
    public static final String OPTED_OUT = "opted_out";

    private Users() {}
  }

  /** Column names of {@code interactions}. */
  public static final class Interactions {
    public static final String SRC_USER_ID = "src_user_id";
    public static final String DST_USER_ID = "dst_user_id";
    public static final String TYPE = "type";
    public static final String TS = "ts";
    public static final String POST_ID = "post_id";

    /** The interaction types of the contract; any other value is quarantined. */
    public static final Set<String> TYPES =
        Set.of("follow", "share", "mention", "reply", "like", "recommend");

    private Interactions() {}
  }

  /** Column names of {@code posts}. */
  public static final class Posts {
    public static final String POST_ID = "post_id";
    public static final String AUTHOR_ID = "author_id";
    public static final String TS = "ts";
    public static final String TEXT = "text";
    public static final String LANG = "lang";

    private Posts() {}
  }

  /** Column names of {@code brands}. */
  public static final class Brands {
    public static final String BRAND_ID = "brand_id";
    public static final String NAME = "name";
    public static final String HANDLES = "handles";
    public static final String KEYWORDS = "keywords";

    private Brands() {}
  }

  /** Column names of {@code sentiment_labels}. */
  public static final class SentimentLabels {
    public static final String TEXT = "text";
    public static final String LABEL = "label";
    public static final String LANG = "lang";

    /** Accepted labels; a two-class set uses negative and positive only. */
    public static final List<String> LABELS = List.of("negative", "neutral", "positive");

    private SentimentLabels() {}
  }

  /** Column names of {@code conversions}. */
  public static final class Conversions {
    public static final String CONVERSION_ID = "conversion_id";
    public static final String USER_ID = "user_id";
    public static final String BRAND_ID = "brand_id";
    public static final String TS = "ts";
    public static final String VALUE = "value";
    public static final String REFERRER_USER_ID = "referrer_user_id";
    public static final String POST_ID = "post_id";

    private Conversions() {}
  }
}
