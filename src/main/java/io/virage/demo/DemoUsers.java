package io.virage.demo;

import static io.virage.demo.DemoGenerator.ROLE;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import io.virage.demo.DemoGenerator.Role;
import io.virage.schema.InputContract.Users;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The demo's {@code users}: followers, following, age and handles by role, bad rows, personal data. */
final class DemoUsers extends DemoModel {
  DemoUsers(SparkSession spark, DemoGenerator.Params p) {
    super(spark, p);
  }

  /** The users dataset of {@code people} ({@link #people}), with its bad rows and the personal data a real export carries. */
  Dataset<Row> of(Dataset<Row> people) {
    Column idx = col("idx");
    Column role = col(ROLE);
    Column j = level(idx);
    Column zipf = floor(lit(5.0).multiply(lit((double) levels).divide(j.plus(1)))
        .multiply(lit(0.5).plus(u("followers", idx)))).cast("long");
    Column followers = when(role.equalTo(Role.BRAND), lit(50_000L).plus(floor(u("bf", idx).multiply(150_000)).cast("long")))
        .when(role.equalTo(Role.BOT), floor(u("bf", idx).multiply(20)).cast("long"))
        .when(role.equalTo(Role.BUYER), zipf.multiply(3))
        .otherwise(zipf);
    Column following = when(role.equalTo(Role.BOT), lit(1000L).plus(floor(u("fg", idx).multiply(4000)).cast("long")))
        .otherwise(lit(20L).plus(floor(pow(u("fg", idx), 2).multiply(600)).cast("long")));
    Column ageDays = when(role.equalTo(Role.BOT), lit(5).plus(u("age", idx).multiply(55)))
        .otherwise(lit(30).plus(u("age", idx).multiply(2500)));
    Column createdAt = date_format(timestamp_seconds(lit(endEpoch).minus(floor(ageDays.multiply(86400)))),
        "yyyy-MM-dd'T'HH:mm:ss'Z'");
    Column handle = when(role.equalTo(Role.BRAND), element_at(brandHandles(), idx.plus(1).cast("int")))
        .otherwise(concat(lit("@user"), idx.cast("string")));
    // Bad rows: unparseable or future created_at, a duplicate id, a row with no id.
    Column bad = idx.geq(2 * BRAND_COUNT).and(u("ubad", idx).lt(0.003));
    Column badKind = floor(u("ubadkind", idx).multiply(4));
    createdAt = when(bad.and(badKind.equalTo(0)), lit("not-a-date"))
        .when(bad.and(badKind.equalTo(1)), lit("2999-01-01T00:00:00Z"))
        .otherwise(createdAt);
    Column copies = when(bad.and(badKind.geq(2)), 2).otherwise(1);
    Dataset<Row> rows = people
        .withColumn("copy", explode(sequence(lit(1), copies)))
        .select(
            when(bad.and(badKind.equalTo(3)).and(col("copy").equalTo(2)), lit(null).cast("string"))
                .otherwise(userId(idx)).as(Users.USER_ID),
            handle.as(Users.HANDLE),
            when(col("copy").equalTo(2), concat(lit("User "), idx.cast("string"), lit(" (re-export)")))
                .otherwise(concat(lit("User "), idx.cast("string"))).as(Users.DISPLAY_NAME),
            col("lang").as(Users.LANG),
            followers.as(Users.FOLLOWERS_COUNT),
            following.as(Users.FOLLOWING_COUNT),
            createdAt.as(Users.CREATED_AT),
            followers.gt(20_000).as(Users.VERIFIED),
            when(role.equalTo(Role.EMPLOYEE), element_at(brandIds(), col("fav").plus(1).cast("int")))
                .as(Users.EMPLOYER_BRAND_ID),
            role.notEqual(Role.BRAND).and(u("optout", idx).lt(0.02)).as(Users.OPTED_OUT),
            // Personal data a real export carries: it must never reach an output table.
            concat(lit("user"), idx.cast("string"), lit("@example.com")).as("email"),
            concat(lit("+33 6 "), pmod(xxhash64(lit(p.seed()), lit("tel"), idx), lit(100_000_000L)).cast("string"))
                .as("phone"));
    return rows;
  }
}
