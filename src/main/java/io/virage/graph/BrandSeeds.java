package io.virage.graph;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import io.virage.schema.InputContract.Brands;
import io.virage.schema.InputContract.Users;
import io.virage.schema.OutputTables;
import io.virage.schema.OutputTables.Sentiment;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Seeds of each brand's personalized PageRank (its teleport distribution), summing to 1 per brand:
 * <ul>
 *   <li>the brand's own accounts (users whose handle is one of the brand's handles, ignoring case)
 *       share {@code accountsShare} equally;</li>
 *   <li>the users who posted about the brand share the rest, in proportion to their posts about it;</li>
 *   <li>when one group is empty the other takes everything; a brand with neither has no seeds
 *       (and no brand influence rows).</li>
 * </ul>
 * In: users, brands, posts tagged with {@link Sentiment#BRAND_IDS} (see BrandMentions). Out: rows
 * (brand_id, user_id, {@link #WEIGHT}).
 */
public final class BrandSeeds {
  public static final String WEIGHT = io.virage.schema.OutputTables.BrandInfluence.SEED_WEIGHT;

  private BrandSeeds() {}

  /**
   * The brands' own accounts: rows (brand_id, user_id) for every user whose handle is one of the
   * brand's handles, ignoring case. The one definition used for seeds and for ranking eligibility.
   */
  public static Dataset<Row> accounts(Dataset<Row> users, Dataset<Row> brands) {
    return users.select(col(Users.USER_ID), lower(col(Users.HANDLE)).as("_h"))
        .join(broadcast(brands.select(col(Brands.BRAND_ID).as(OutputTables.BRAND_ID),
                transform(coalesce(col(Brands.HANDLES), org.apache.spark.sql.functions.array().cast("array<string>")),
                    h -> lower(h)).as("_handles"))),
            array_contains(col("_handles"), col("_h")))
        .select(col(OutputTables.BRAND_ID), col(Users.USER_ID));
  }

  public static Dataset<Row> of(Dataset<Row> users, Dataset<Row> brands, Dataset<Row> taggedPosts,
      double accountsShare) {
    Dataset<Row> accounts = accounts(users, brands)
        .select(col(OutputTables.BRAND_ID), col(Users.USER_ID), lit(1.0).as("_w"), lit(true).as("_account"));
    Dataset<Row> posters = taggedPosts.select(col(Sentiment.AUTHOR_ID).as(Users.USER_ID),
            explode(col(Sentiment.BRAND_IDS)).as(OutputTables.BRAND_ID))
        .groupBy(OutputTables.BRAND_ID, Users.USER_ID).agg(count(lit(1)).cast("double").as("_w"))
        .withColumn("_account", lit(false));
    // An account that also posts about its brand counts once, as an account.
    Dataset<Row> all = accounts.unionByName(posters.join(accounts.select(OutputTables.BRAND_ID, Users.USER_ID),
        new String[] {OutputTables.BRAND_ID, Users.USER_ID}, "left_anti"));
    var byBrand = Window.partitionBy(OutputTables.BRAND_ID);
    var byGroup = Window.partitionBy(col(OutputTables.BRAND_ID), col("_account"));
    Column hasAccounts = sum(when(col("_account"), 1).otherwise(0)).over(byBrand).gt(0);
    Column hasPosters = sum(when(col("_account"), 0).otherwise(1)).over(byBrand).gt(0);
    Column groupShare = when(col("_account"), when(hasPosters, accountsShare).otherwise(1.0))
        .otherwise(when(hasAccounts, 1 - accountsShare).otherwise(1.0));
    return all.withColumn(WEIGHT, groupShare.multiply(col("_w")).divide(sum("_w").over(byGroup)))
        .filter(col(WEIGHT).gt(0))
        .select(col(OutputTables.BRAND_ID), col(Users.USER_ID), col(WEIGHT));
  }
}
