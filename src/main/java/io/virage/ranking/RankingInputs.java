package io.virage.ranking;

import io.virage.graph.BrandSeeds;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What the ranking reads, for one run date. Columns used:
 * <ul>
 *   <li>{@code users}: user_id, handle, opted_out, employer_brand_id (loaded input);</li>
 *   <li>{@code brands}: brand_id, handles (loaded input);</li>
 *   <li>{@code windowedInteractions}: src_user_id, dst_user_id, type, post_id (the run's history window);</li>
 *   <li>{@code influence}: influence_scores of the run date (user_id, pagerank, followers_count, bot_likelihood,
 *       engaged_users);</li>
 *   <li>{@code brandInfluence}: brand_influence of the run date (brand_id, user_id, pagerank);</li>
 *   <li>{@code postSentiment}: post_sentiment rows up to the run date (post_id, author_id, ts, brand_ids);</li>
 *   <li>{@code userBrandSentiment}: user_brand_sentiment of the run date (brand_id, user_id, sentiment, confidence);</li>
 *   <li>{@code previousRankings}: ambassador_rankings of the previous run date (empty when there is none);</li>
 *   <li>{@code conversionCredits}: ambassador_conversions of the run date (brand_id, user_id,
 *       attributed_conversions), and {@code conversionBrands}: the brands with conversions counted for the
 *       run date (brand_id); both null when there is no conversions dataset (conversions unknown);</li>
 *   <li>{@code brandAccounts}: the brands' own accounts (brand_id, user_id), {@link BrandSeeds#accounts} of the
 *       users and brands; a stage that reads them several times passes them computed once.</li>
 * </ul>
 */
public record RankingInputs(Dataset<Row> users, Dataset<Row> brands, Dataset<Row> windowedInteractions,
    Dataset<Row> influence, Dataset<Row> brandInfluence, Dataset<Row> postSentiment,
    Dataset<Row> userBrandSentiment, Dataset<Row> previousRankings, Dataset<Row> conversionCredits,
    Dataset<Row> conversionBrands, Dataset<Row> brandAccounts) {

  /** The brands' accounts derived from {@code users} and {@code brands}. */
  public RankingInputs(Dataset<Row> users, Dataset<Row> brands, Dataset<Row> windowedInteractions,
      Dataset<Row> influence, Dataset<Row> brandInfluence, Dataset<Row> postSentiment,
      Dataset<Row> userBrandSentiment, Dataset<Row> previousRankings, Dataset<Row> conversionCredits,
      Dataset<Row> conversionBrands) {
    this(users, brands, windowedInteractions, influence, brandInfluence, postSentiment, userBrandSentiment,
        previousRankings, conversionCredits, conversionBrands, BrandSeeds.accounts(users, brands));
  }

  /** Without a conversions dataset: every brand's conversions are unknown. */
  public RankingInputs(Dataset<Row> users, Dataset<Row> brands, Dataset<Row> windowedInteractions,
      Dataset<Row> influence, Dataset<Row> brandInfluence, Dataset<Row> postSentiment,
      Dataset<Row> userBrandSentiment, Dataset<Row> previousRankings) {
    this(users, brands, windowedInteractions, influence, brandInfluence, postSentiment, userBrandSentiment,
        previousRankings, null, null);
  }
}
