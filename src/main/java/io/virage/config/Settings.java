package io.virage.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import io.virage.ranking.ScoreComponent;
import io.virage.schema.InputContract.Interactions;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The effective configuration of a run, typed and validated in one place.
 *
 * <p>Precedence, highest first: {@code --set key=value} on the command line, the {@code --config}
 * HOCON file, then {@code virage-defaults.conf} (the documented defaults). Every value is parsed and
 * range-checked here; a bad value stops the run with the key, what was expected and what was found.
 */
public record Settings(Influence influence, Quality quality, Sentiment sentiment, Ranking ranking,
    Trust trust, Campaign campaign, Conversions conversions, Demo demo, String hash) {

  /**
   * Interaction graph, PageRank and brand PageRank. {@code propagation}: auto, broadcast or shuffle
   * (how rank vectors move between iterations); {@code driverRankMemoryMb}: what auto lets the
   * broadcast path hold on the driver, 0 = a third of the heap Spark leaves outside its unified memory
   * ({@link io.virage.graph.engine.PageRank#driverBudget(long, double)}).
   */
  public record Influence(Map<String, Double> typeWeights, double halfLifeDays, int windowDays,
      double damping, double tolerance, int maxIterations, boolean botDiscount,
      double brandAccountsShare, double brandMinPagerank, int partitions, String propagation,
      long driverRankMemoryMb) {}

  /** The values of {@code influence.propagation}. */
  public static final List<String> PROPAGATIONS = List.of("auto", "broadcast", "shuffle");

  /** Bot/spam likelihood: signal weights and thresholds. */
  public record Quality(double followRatioWeight, double youngAccountWeight, double lowReciprocityWeight,
      double burstinessWeight, double lowEffortWeight, double boughtAudienceWeight, double youngAccountDays,
      int minActivity, double likelyBotThreshold) {}

  /** Sentiment model training, promotion and aggregation. */
  public record Sentiment(long seed, double heldOutFraction, List<Double> regParams, int cvFolds,
      int maxIterations, int numFeatures, boolean charNgrams, double lexiconWeight, double promotionMargin,
      double priorPosts) {}

  /**
   * Ambassador score. {@code weights}: every component's weight, normalised to sum to 1. The likely-bot
   * threshold of eligibility is {@link Quality#likelyBotThreshold}, the one definition of a likely bot.
   */
  public record Ranking(Map<ScoreComponent, Double> weights, Map<ScoreComponent, Double> weightsWithoutConversions,
      double minBrandSentiment, double recencyHalfLifeDays, int activityWeeks, double goldShare, double silverShare,
      Roster roster, Movers movers) {
    public double weight(ScoreComponent c) {
      return weights.get(c);
    }

    /**
     * The weights of a brand whose conversions are unknown (no conversions dataset, or none for the
     * brand in the window): conversions at 0, the others normalised over themselves, so the score is
     * what it was before the component existed.
     */
    public double weightWithoutConversions(ScoreComponent c) {
      return weightsWithoutConversions.get(c);
    }

    /** {@link #weight} or {@link #weightWithoutConversions}. */
    public double weight(ScoreComponent c, boolean conversionsKnown) {
      return conversionsKnown ? weight(c) : weightWithoutConversions(c);
    }
  }

  /** ambassador_roster: picks per brand, the pool they come from, the per-community cap, label propagation sweeps. */
  public record Roster(int size, int candidatePool, int maxPerCommunity, int communityIterations) {}

  /**
   * Movers: a user ranked on both run dates moved when {@code |rank_change| >= minRankChange} and a
   * component changed by at least {@code minComponentChange} (the only components moved_components names).
   */
  public record Movers(int minRankChange, double minComponentChange) {}

  /**
   * brand_trust: items (mentions and replies to the brand's accounts, negative posts about it) of the
   * last {@code windowDays} whose answer window closed; answered when a brand account replied within
   * {@code answerWithinHours}. {@code weights}: of the index's parts, keys {@link #TRUST_PARTS}, normalised.
   */
  public record Trust(int windowDays, double answerWithinHours, Map<String, Double> weights) {}

  /** The parts of the brand trust index, in the order of brand_trust's columns. */
  public static final List<String> TRUST_PARTS = List.of("responsiveness", "complaints", "speed", "sentiment", "advocacy");

  /**
   * plan-campaign: what one ambassador costs by tier (gold, silver, bronze) and, whatever their tier,
   * an employee; the plan picks among the brand's ranks 1..candidatePool.
   */
  public record Campaign(Map<String, Double> tierCosts, double employeeCost, int candidatePool) {
    /** The cost of one ambassador of {@code tier}, or of any employee. */
    public double cost(String tier, boolean employee) {
      return employee ? employeeCost : tierCosts.get(tier);
    }
  }

  /**
   * Conversion attribution: each conversion of the last {@code windowDays} up to the run date is
   * credited to the users who touched the converter in the {@code lookbackDays} before it, by
   * {@code method} ({@link #ATTRIBUTION_METHODS}); time-decay halves a touch's weight every
   * {@code halfLifeDays}.
   */
  public record Conversions(String method, int windowDays, double lookbackDays, double halfLifeDays) {}

  /** The values of {@code conversions.method}. */
  public static final List<String> ATTRIBUTION_METHODS = List.of("time-decay", "last-touch");

  /** The tiers of ambassador_rankings, best first: the keys of campaign.tier-costs. */
  public static final List<String> TIERS = List.of("gold", "silver", "bronze");

  /** Embedded demo input. */
  public record Demo(long users, long seed) {}

  public static final String DEFAULTS_RESOURCE = "virage-defaults.conf";

  /** Defaults only. */
  public static Settings defaults() {
    return load(Optional.empty(), Map.of());
  }

  /**
   * Loads the effective settings.
   *
   * @param file optional HOCON file
   * @param overrides {@code key -> value} from the command line, highest precedence
   */
  public static Settings load(Optional<File> file, Map<String, String> overrides) {
    Config defaults = ConfigFactory.parseResources(Settings.class.getClassLoader(), DEFAULTS_RESOURCE);
    if (defaults.isEmpty()) {
      throw new IllegalStateException(DEFAULTS_RESOURCE + " is missing from the class path");
    }
    Config merged = defaults;
    if (file.isPresent()) {
      File f = file.get();
      if (!f.isFile()) {
        throw new InvalidSettingException("config file " + f + ": not found");
      }
      try {
        merged = ConfigFactory.parseFile(f).withFallback(merged);
      } catch (ConfigException e) {
        throw new InvalidSettingException("config file " + f + ": " + e.getMessage());
      }
    }
    if (!overrides.isEmpty()) {
      try {
        Config cli = ConfigFactory.empty();
        for (Map.Entry<String, String> e : overrides.entrySet()) {
          String v = e.getValue().trim();
          // A list or object value ("[0.01, 0.1]") is HOCON; anything else is taken as a plain string.
          cli = v.startsWith("[") || v.startsWith("{")
              ? ConfigFactory.parseString(e.getKey() + " = " + v).withFallback(cli)
              : ConfigFactory.parseMap(Map.of(e.getKey(), e.getValue())).withFallback(cli);
        }
        merged = cli.withFallback(merged);
      } catch (ConfigException e) {
        throw new InvalidSettingException("--set: " + e.getMessage());
      }
    }
    merged = merged.resolve();
    return from(merged);
  }

  private static Settings from(Config c) {
    Map<String, Double> weights = new LinkedHashMap<>();
    for (String type : Interactions.TYPES.stream().sorted().toList()) {
      weights.put(type, number(c, "influence.type-weights." + type, 0, Double.MAX_VALUE, true));
    }
    for (String key : c.getConfig("influence.type-weights").root().keySet()) {
      if (!Interactions.TYPES.contains(key)) {
        throw new InvalidSettingException("config influence.type-weights." + key
            + ": unknown interaction type; expected one of " + Interactions.TYPES.stream().sorted().toList());
      }
    }
    Influence influence = new Influence(Map.copyOf(weights),
        number(c, "influence.half-life-days", 0, Double.MAX_VALUE, true),
        (int) number(c, "influence.window-days", 0, 100_000, true),
        number(c, "influence.damping", 0, 1, false),
        number(c, "influence.tolerance", 0, 1, false),
        (int) number(c, "influence.max-iterations", 1, 100_000, true),
        bool(c, "influence.bot-discount"),
        number(c, "influence.brand-accounts-share", 0, 1, true),
        number(c, "influence.brand-min-pagerank", 0, 1, true),
        (int) number(c, "influence.partitions", 0, 100_000, true),
        choice(c, "influence.propagation", PROPAGATIONS),
        (long) number(c, "influence.driver-rank-memory-mb", 0, 1 << 30, true));
    Quality quality = new Quality(
        number(c, "quality.weights.follow-ratio", 0, 1000, true),
        number(c, "quality.weights.young-account", 0, 1000, true),
        number(c, "quality.weights.low-reciprocity", 0, 1000, true),
        number(c, "quality.weights.burstiness", 0, 1000, true),
        number(c, "quality.weights.low-effort", 0, 1000, true),
        number(c, "quality.weights.bought-audience", 0, 1000, true),
        number(c, "quality.young-account-days", 0, 100_000, false),
        (int) number(c, "quality.min-activity", 1, 1_000_000, true),
        number(c, "quality.likely-bot-threshold", 0, 1, false));
    Sentiment sentiment = new Sentiment(
        (long) number(c, "sentiment.seed", Long.MIN_VALUE, Long.MAX_VALUE, true),
        number(c, "sentiment.held-out-fraction", 0, 0.9, false),
        numbers(c, "sentiment.reg-params", 0, 100),
        (int) number(c, "sentiment.cv-folds", 1, 20, true),
        (int) number(c, "sentiment.max-iterations", 1, 10_000, true),
        (int) number(c, "sentiment.num-features", 16, 1 << 24, true),
        bool(c, "sentiment.char-ngrams"),
        number(c, "sentiment.lexicon-weight", 0, 1000, true),
        number(c, "sentiment.promotion-margin", -1, 1, true),
        number(c, "sentiment.prior-posts", 0, 1e6, true));
    Map<ScoreComponent, Double> raw = new java.util.EnumMap<>(ScoreComponent.class);
    for (String key : c.getConfig("ranking.weights").root().keySet()) {
      if (ScoreComponent.byKey(key).isEmpty()) {
        throw new InvalidSettingException("config ranking.weights." + key + ": unknown component; expected one of "
            + java.util.Arrays.stream(ScoreComponent.values()).map(ScoreComponent::key).toList());
      }
    }
    double sum = 0;
    for (ScoreComponent component : ScoreComponent.values()) {
      double w = number(c, "ranking.weights." + component.key(), 0, 1000, true);
      raw.put(component, w);
      sum += w;
    }
    // Summed in the same order as sum, conversions aside: the same doubles as before the component existed.
    double sumWithout = 0;
    for (ScoreComponent component : ScoreComponent.values()) {
      if (component != ScoreComponent.CONVERSIONS) {
        sumWithout += raw.get(component);
      }
    }
    if (sumWithout <= 0) {
      throw new InvalidSettingException("config ranking.weights: expected a positive weight besides conversions"
          + " (brands without conversions are ranked by the others), found all 0");
    }
    Map<ScoreComponent, Double> componentWeights = new java.util.EnumMap<>(ScoreComponent.class);
    Map<ScoreComponent, Double> withoutConversions = new java.util.EnumMap<>(ScoreComponent.class);
    for (Map.Entry<ScoreComponent, Double> e : raw.entrySet()) {
      componentWeights.put(e.getKey(), e.getValue() / sum);
      withoutConversions.put(e.getKey(), e.getKey() == ScoreComponent.CONVERSIONS ? 0.0 : e.getValue() / sumWithout);
    }
    double gold = number(c, "ranking.tiers.gold", 0, 1, true);
    double silver = number(c, "ranking.tiers.silver", 0, 1, true);
    if (silver < gold) {
      throw new InvalidSettingException("config ranking.tiers.silver: expected >= ranking.tiers.gold ("
          + gold + "), found " + silver);
    }
    Roster roster = new Roster(
        (int) number(c, "ranking.roster.size", 1, 10_000, true),
        (int) number(c, "ranking.roster.candidate-pool", 1, 100_000, true),
        (int) number(c, "ranking.roster.max-per-community", 1, 10_000, true),
        (int) number(c, "ranking.roster.community-iterations", 0, 100, true));
    Ranking ranking = new Ranking(java.util.Collections.unmodifiableMap(componentWeights),
        java.util.Collections.unmodifiableMap(withoutConversions),
        number(c, "ranking.min-brand-sentiment", -1, 1, true),
        number(c, "ranking.recency-half-life-days", 0, 100_000, false),
        (int) number(c, "ranking.activity-weeks", 1, 520, true), gold, silver, roster,
        new Movers((int) number(c, "ranking.movers.min-rank-change", 1, 1_000_000, true),
            number(c, "ranking.movers.min-component-change", 0, 1, true)));
    for (String key : c.getConfig("trust.weights").root().keySet()) {
      if (!TRUST_PARTS.contains(key)) {
        throw new InvalidSettingException("config trust.weights." + key + ": unknown part; expected one of " + TRUST_PARTS);
      }
    }
    Map<String, Double> trustWeights = new LinkedHashMap<>();
    double trustSum = 0;
    for (String part : TRUST_PARTS) {
      double w = number(c, "trust.weights." + part, 0, 1000, true);
      trustWeights.put(part, w);
      trustSum += w;
    }
    if (trustSum <= 0) {
      throw new InvalidSettingException("config trust.weights: expected at least one positive weight, found all 0");
    }
    for (String part : TRUST_PARTS) {
      trustWeights.put(part, trustWeights.get(part) / trustSum);
    }
    Trust trust = new Trust((int) number(c, "trust.window-days", 1, 100_000, true),
        number(c, "trust.answer-within-hours", 0, 100_000, false), java.util.Collections.unmodifiableMap(trustWeights));
    for (String key : c.getConfig("campaign.tier-costs").root().keySet()) {
      if (!TIERS.contains(key)) {
        throw new InvalidSettingException("config campaign.tier-costs." + key + ": unknown tier; expected one of " + TIERS);
      }
    }
    Map<String, Double> tierCosts = new LinkedHashMap<>();
    for (String tier : TIERS) {
      tierCosts.put(tier, number(c, "campaign.tier-costs." + tier, 0, Double.MAX_VALUE, true));
    }
    Campaign campaign = new Campaign(java.util.Collections.unmodifiableMap(tierCosts),
        number(c, "campaign.employee-cost", 0, Double.MAX_VALUE, true),
        (int) number(c, "campaign.candidate-pool", 1, 100_000, true));
    Conversions conversions = new Conversions(choice(c, "conversions.method", ATTRIBUTION_METHODS),
        (int) number(c, "conversions.window-days", 1, 100_000, true),
        number(c, "conversions.lookback-days", 0, 100_000, false),
        number(c, "conversions.half-life-days", 0, 100_000, false));
    Demo demo = new Demo((long) number(c, "demo.users", 100, 1e9, true),
        (long) number(c, "demo.seed", Long.MIN_VALUE, Long.MAX_VALUE, true));
    return new Settings(influence, quality, sentiment, ranking, trust, campaign, conversions, demo, hash(c));
  }

  private static boolean bool(Config c, String key) {
    try {
      return c.getBoolean(key);
    } catch (ConfigException.Missing e) {
      throw new InvalidSettingException("config " + key + ": missing");
    } catch (ConfigException.WrongType e) {
      throw new InvalidSettingException("config " + key + ": expected true or false, found '"
          + c.getValue(key).unwrapped() + "'");
    }
  }

  /** Reads a string that must be one of {@code allowed}. */
  private static String choice(Config c, String key, List<String> allowed) {
    String v;
    try {
      v = c.getString(key);
    } catch (ConfigException.Missing e) {
      throw new InvalidSettingException("config " + key + ": missing");
    } catch (ConfigException.WrongType e) {
      throw new InvalidSettingException("config " + key + ": expected one of " + allowed + ", found '"
          + c.getValue(key).unwrapped() + "'");
    }
    if (!allowed.contains(v)) {
      throw new InvalidSettingException("config " + key + ": expected one of " + allowed + ", found '" + v + "'");
    }
    return v;
  }

  /** Reads a non-empty list of numbers, each in [min, max]. */
  private static List<Double> numbers(Config c, String key, double min, double max) {
    List<Double> values;
    try {
      values = c.getDoubleList(key);
    } catch (ConfigException.Missing e) {
      throw new InvalidSettingException("config " + key + ": missing");
    } catch (ConfigException.WrongType e) {
      throw new InvalidSettingException("config " + key + ": expected a list of numbers, found '"
          + c.getValue(key).unwrapped() + "'");
    }
    if (values.isEmpty()) {
      throw new InvalidSettingException("config " + key + ": expected at least one number, found []");
    }
    for (double v : values) {
      if (!(v >= min && v <= max)) {
        throw new InvalidSettingException("config " + key + ": expected numbers in [" + fmt(min) + ", " + fmt(max)
            + "], found " + fmt(v));
      }
    }
    return List.copyOf(values);
  }

  /** Reads a number and checks it lies in [min, max] (or (min, max) when not inclusive). */
  private static double number(Config c, String key, double min, double max, boolean inclusive) {
    double v;
    try {
      v = c.getDouble(key);
    } catch (ConfigException.Missing e) {
      throw new InvalidSettingException("config " + key + ": missing");
    } catch (ConfigException.WrongType e) {
      throw new InvalidSettingException("config " + key + ": expected a number, found '"
          + c.getValue(key).unwrapped() + "'");
    }
    boolean ok = inclusive ? v >= min && v <= max : v > min && v < max;
    if (!ok || Double.isNaN(v)) {
      String range = inclusive ? "[" + fmt(min) + ", " + fmt(max) + "]" : "(" + fmt(min) + ", " + fmt(max) + ")";
      throw new InvalidSettingException("config " + key + ": expected a number in " + range + ", found " + fmt(v));
    }
    return v;
  }

  private static String fmt(double d) {
    if (d == Double.MAX_VALUE || d == Long.MAX_VALUE) {
      return "inf";
    }
    if (d == Long.MIN_VALUE) {
      return "-inf";
    }
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
  }

  /** SHA-256 of the effective configuration, rendered canonically (keys sorted by the renderer). */
  private static String hash(Config c) {
    String canonical = c.root().withOnlyKey("influence")
        .withFallback(c.root().withOnlyKey("quality"))
        .withFallback(c.root().withOnlyKey("sentiment"))
        .withFallback(c.root().withOnlyKey("ranking"))
        .withFallback(c.root().withOnlyKey("trust"))
        .withFallback(c.root().withOnlyKey("conversions"))
        .render(ConfigRenderOptions.concise());
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
