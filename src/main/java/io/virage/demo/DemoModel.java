package io.virage.demo;

import static io.virage.demo.DemoGenerator.ROLE;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.replace;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import io.virage.demo.DemoGenerator.Role;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The model every demo dataset draws from ({@link DemoGenerator} says what it plants): the users'
 * communities and popularity levels, their roles, favourite brands and languages, the sentences of
 * posts and labels, and the seeded draws, each a pure function of (seed, salt, key) through
 * {@code xxhash64}. One subclass per dataset; all built from the same parameters agree.
 */
abstract class DemoModel {
  static final int BRAND_COUNT = DemoVocabulary.BRANDS.size();
  private static final long ROWS_PER_PARTITION = 1_000_000L;
  private static final double TWO_53 = 9007199254740992.0;

  final SparkSession spark;
  final DemoGenerator.Params p;
  final long communities;
  final long levels;
  final long endEpoch;

  DemoModel(SparkSession spark, DemoGenerator.Params p) {
    this.spark = spark;
    this.p = p;
    this.communities = Math.max(8, p.users() / 500);
    this.levels = p.users() / communities; // complete popularity levels: every j < levels exists in all communities
    this.endEpoch = p.endDate().plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond() - 1;
  }

  /** One row per user: idx, role, fav (favourite brand index), lang. */
  final Dataset<Row> people() {
    Column idx = col("idx");
    return spark.range(0, p.users(), 1, partitions(p.users())).withColumnRenamed("id", "idx")
        .withColumn(ROLE, roleOf(idx))
        .withColumn("fav", favouriteOf(idx))
        .withColumn("lang", langOf(idx));
  }

  /** A sentence in {@code lang} with {@code polarity} (0, 1, 2) about {@code brand} (-1 = a topic). */
  Column sentence(Column lang, Column polarity, Column brand, Column key) {
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

  static java.util.function.Function<String, Column> functionsLit() {
    return s -> lit(s);
  }

  Column roleOf(Column idx) {
    Column r = pmod(level(idx), lit(100L));
    return when(idx.lt(2 * BRAND_COUNT), Role.BRAND)
        .when(r.geq(97), Role.BOT)
        .when(r.geq(95), Role.BUYER)
        .when(r.between(90, 93), Role.EMPLOYEE)
        .when(r.between(85, 87), Role.DETRACTOR)
        .when(r.between(80, 84), Role.ADVOCATE)
        .otherwise(Role.REGULAR);
  }

  /** Favourite brand (index); a brand account's own brand. */
  Column favouriteOf(Column idx) {
    return when(idx.lt(2 * BRAND_COUNT), floor(idx.divide(2)).cast("long"))
        .otherwise(pick(u("fav", idx), BRAND_COUNT));
  }

  /** French for about 45% of communities, with 10% of users speaking the other language. */
  Column langOf(Column idx) {
    Column communityFrench = u("clang", pmod(idx, lit(communities))).lt(0.45);
    Column flip = u("ulang", idx).lt(0.1);
    Column french = when(idx.lt(2 * BRAND_COUNT), pmod(idx, lit(2L)).equalTo(1))
        .otherwise(communityFrench.notEqual(flip));
    return when(french, "fr").otherwise("en");
  }

  /** Posts user {@code idx} writes (computed from the id alone, so interactions can point at them). */
  Column postCountOf(Column idx) {
    return postCount(roleOf(idx), idx);
  }

  Column postCount(Column role) {
    return postCount(role, col("idx"));
  }

  /** Geometric with a mean that depends on the role. */
  Column postCount(Column role, Column idx) {
    Column mean = when(role.equalTo(Role.BRAND), 40.0).when(role.equalTo(Role.ADVOCATE), 8.0)
        .when(role.equalTo(Role.DETRACTOR), 6.0).when(role.equalTo(Role.EMPLOYEE), 4.0)
        .when(role.equalTo(Role.BOT), 0.3).when(role.equalTo(Role.BUYER), 2.0).otherwise(1.5);
    return least(floor(log(lit(1.0).minus(u("posts", idx))).multiply(-1).multiply(mean)), lit(200L)).cast("long");
  }

  Column level(Column idx) {
    return floor(idx.divide(communities)).cast("long");
  }

  Column level2idx(Column j, Column community) {
    return j.multiply(communities).plus(community);
  }

  static Column userId(Column idx) {
    return concat(lit("u"), idx.cast("string"));
  }

  static Column brandIds() {
    return array(DemoVocabulary.BRANDS.stream().map(b -> lit(b.id())).toArray(Column[]::new));
  }

  /** Handles of the brand accounts: user 2b is the brand's first handle, 2b+1 its second. */
  static Column brandHandles() {
    return array(DemoVocabulary.BRANDS.stream().flatMap(b -> b.handles().stream().limit(2)).map(h -> lit(h))
        .toArray(Column[]::new));
  }

  /** One of the brands' figures, for the brand of index {@code brand}. */
  static Column perBrand(Column brand, java.util.function.ToDoubleFunction<DemoVocabulary.Brand> figure) {
    return element_at(array(DemoVocabulary.BRANDS.stream().map(b -> lit(figure.applyAsDouble(b))).toArray(Column[]::new)),
        brand.plus(1));
  }

  /** Uniform in [0, 1), a pure function of (seed, salt, key). */
  Column u(String salt, Column key) {
    return pmod(xxhash64(lit(p.seed()), lit(salt), key), lit((long) TWO_53)).cast("double").divide(TWO_53);
  }

  /** Uniform integer in [0, n). */
  static Column pick(Column uniform, long n) {
    return floor(uniform.multiply(n)).cast("long");
  }

  static Column choose(String[] values, Column uniform) {
    return element_at(array(Arrays.stream(values).map(v -> lit(v)).toArray(Column[]::new)),
        pick(uniform, values.length).plus(1).cast("int"));
  }

  static int partitions(long rows) {
    return (int) Math.max(2, Math.min(400, (rows + ROWS_PER_PARTITION - 1) / ROWS_PER_PARTITION));
  }
}
