package io.virage.sentiment;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.array_union;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.exists;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.virage.schema.InputContract.Brands;
import io.virage.schema.InputContract.Posts;
import io.virage.schema.OutputTables.Sentiment;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Which brands a post is about: a post is about a brand when one of the brand's keywords or
 * handles occurs in its text, compared in lower case as a plain substring. No regular expression
 * is built from a keyword, so quotes, accents, '#', '.', '*' or emoji in a keyword match literally
 * and cannot break the job. Blank terms are ignored.
 *
 * <p>In: loaded {@code posts} and {@code brands} (small: up to {@link #INLINE_MAX_BRANDS} brands
 * the tags are one column expression, beyond that a broadcast join). Out: the posts with
 * {@link Sentiment#BRAND_IDS}, a sorted array of brand ids (empty when none).
 */
public final class BrandMentions {
  private static final String TERMS = "_terms";
  private static final String TEXT_LOWER = "_text_lower";

  private BrandMentions() {}

  private static Column emptyStrings() {
    return array().cast(DataTypes.createArrayType(DataTypes.StringType));
  }

  /** Up to this many brands the tags are one column expression over the posts (no join, no shuffle). */
  static final int INLINE_MAX_BRANDS = 200;

  public static Dataset<Row> tag(Dataset<Row> posts, Dataset<Row> brands) {
    Column terms = array_union(
        coalesce(col(Brands.KEYWORDS), emptyStrings()),
        coalesce(col(Brands.HANDLES), emptyStrings()));
    Dataset<Row> brandTerms = brands.select(col(Brands.BRAND_ID).as("_brand"),
        filter(transform(array_compact(terms), t -> lower(trim(t))), t -> length(t).gt(0)).as(TERMS));
    // Bounded: at most INLINE_MAX_BRANDS + 1 rows (a brand table, not a fact table).
    List<Row> few = brandTerms.limit(INLINE_MAX_BRANDS + 1).collectAsList();
    if (few.size() <= INLINE_MAX_BRANDS) {
      // One when() per brand: the brand id when one of its terms occurs in the lower-cased text.
      // The lower-cased text is its own column: inside when/or Spark would lower the text again for
      // every term (conditional branches are not shared).
      Column text = col(TEXT_LOWER);
      List<Column> tags = new ArrayList<>();
      for (Row b : few) {
        Column mentioned = lit(false);
        for (String term : b.<String>getList(1)) {
          mentioned = mentioned.or(text.contains(term));
        }
        tags.add(when(mentioned, lit(b.getString(0))));
      }
      Column ids = tags.isEmpty() ? emptyStrings()
          : array_sort(array_distinct(filter(array(tags.toArray(Column[]::new)), t -> t.isNotNull())));
      return posts.withColumn(TEXT_LOWER, lower(col(Posts.TEXT))).withColumn(Sentiment.BRAND_IDS, ids).drop(TEXT_LOWER);
    }
    Dataset<Row> mentions = posts.select(col(Posts.POST_ID).as("_post"), lower(col(Posts.TEXT)).as(TEXT_LOWER))
        .join(broadcast(brandTerms), exists(col(TERMS), t -> col(TEXT_LOWER).contains(t)))
        .groupBy("_post").agg(array_sort(array_distinct(collect_set("_brand"))).as(Sentiment.BRAND_IDS));
    return posts.join(mentions, col(Posts.POST_ID).equalTo(col("_post")), "left").drop("_post")
        .withColumn(Sentiment.BRAND_IDS, coalesce(col(Sentiment.BRAND_IDS),
            emptyStrings()));
  }
}
