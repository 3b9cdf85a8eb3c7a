package io.virage.ranking;

import io.virage.schema.OutputTables.Rankings;
import java.util.Arrays;
import java.util.Optional;

/**
 * The components of the ambassador score: each has a weight under {@code ranking.weights.<key>}, a
 * column in {@code ambassador_rankings} with its value in [0, 1], and a short name used in
 * {@code moved_components}.
 */
public enum ScoreComponent {
  BRAND_INFLUENCE("brand-influence", "brand_influence", Rankings.BRAND_INFLUENCE_COMPONENT),
  INFLUENCE("influence", "influence", Rankings.INFLUENCE_COMPONENT),
  ENGAGEMENT("engagement", "engagement", Rankings.ENGAGEMENT_COMPONENT),
  SENTIMENT("sentiment", "sentiment", Rankings.SENTIMENT_COMPONENT),
  RECOMMENDATIONS("recommendations", "recommendations", Rankings.RECOMMENDATION_COMPONENT),
  AUDIENCE_QUALITY("audience-quality", "audience_quality", Rankings.AUDIENCE_QUALITY_COMPONENT),
  ACCOUNT_QUALITY("account-quality", "account_quality", Rankings.ACCOUNT_QUALITY_COMPONENT),
  ACTIVITY("activity", "activity", Rankings.ACTIVITY_COMPONENT),
  /** Null (unknown) for a brand without conversions: its weight is then 0 (see Settings.Ranking). */
  CONVERSIONS("conversions", "conversions", Rankings.CONVERSIONS_COMPONENT);

  private final String key;
  private final String shortName;
  private final String column;

  ScoreComponent(String key, String shortName, String column) {
    this.key = key;
    this.shortName = shortName;
    this.column = column;
  }

  /** Key under {@code ranking.weights}. */
  public String key() {
    return key;
  }

  public String shortName() {
    return shortName;
  }

  /** Column of ambassador_rankings holding the component's value. */
  public String column() {
    return column;
  }

  public static Optional<ScoreComponent> byKey(String key) {
    return Arrays.stream(values()).filter(c -> c.key.equals(key)).findFirst();
  }
}
