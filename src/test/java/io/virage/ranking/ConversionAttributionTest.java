package io.virage.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.virage.SparkTestBase;
import io.virage.config.Settings;
import io.virage.schema.OutputTables;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Conversion attribution on a hand-written fixture, every credit computed by hand below. Run date
 * 2026-11-30; every counted conversion at T = 2026-11-30T12:00Z, brand b; defaults: look-back 30 days,
 * half-life 7 days, window 90 days, likely-bot threshold 0.5.
 * <ul>
 *   <li>c1, u1 converts for 100, no referrer. Touches: u1 liked u2's post at T-1d (u1 engaged: a touch),
 *       u3 mentioned u1 at T-3d (a touch), u6 (bot likelihood 0.2) replied to u1 at T-2d (a touch,
 *       weighted 0.8). Not touches: u4 liked u1's post at T-1d (no message), the brand account acct
 *       replied at T-1h (a brand account), the bot u5 (0.9) mentioned u1 at T-1d, u3 recommended to u1
 *       at T-40d (before the look-back).</li>
 *   <li>c2, u2 converts, no value, referrer u3: u3 takes 1; u2 liked u4's post at T-1d, so u4 touched
 *       with credit 0.</li>
 *   <li>c3, u3 converts for 50 through post p1 by u6: u6 is the referrer; u3 mentioned u1 at T-3d, so u1
 *       touched with credit 0 (and 0 x 50 of value).</li>
 *   <li>c4, u7 converts; nobody touched u7: unattributed.</li>
 *   <li>c5, u1 at T-100d (outside the 90-day window), after u1 shared u2's post at T-101d: not counted.</li>
 * </ul>
 */
class ConversionAttributionTest extends SparkTestBase {
  private static final LocalDate RUN = LocalDate.parse("2026-11-30");
  private static final Instant T = Instant.parse("2026-11-30T12:00:00Z");
  private static final double W_U2 = Math.pow(2, -1.0 / 7); // 1 day old
  private static final double W_U3 = Math.pow(2, -3.0 / 7); // 3 days old
  private static final double W_U6 = 0.8 * Math.pow(2, -2.0 / 7); // 2 days old, bot likelihood 0.2
  private static final double TOTAL = W_U2 + W_U3 + W_U6;

  private static Dataset<Row> conversions;
  private static Dataset<Row> interactions;
  private static Dataset<Row> posts;
  private static Dataset<Row> users;
  private static Dataset<Row> accounts;
  private static Dataset<Row> influence;

  private static Timestamp before(double days) {
    return Timestamp.from(T.minusSeconds(Math.round(days * 86_400)));
  }

  @BeforeAll
  static void fixture() {
    StructType conversionsSchema = new StructType().add("conversion_id", DataTypes.StringType)
        .add("user_id", DataTypes.StringType).add("brand_id", DataTypes.StringType).add("ts", DataTypes.TimestampType)
        .add("value", DataTypes.DoubleType).add("referrer_user_id", DataTypes.StringType).add("post_id", DataTypes.StringType);
    conversions = rows(conversionsSchema,
        new Object[] {"c1", "u1", "b", before(0), 100.0, null, null},
        new Object[] {"c2", "u2", "b", before(0), null, "u3", null},
        new Object[] {"c3", "u3", "b", before(0), 50.0, null, "p1"},
        new Object[] {"c4", "u7", "b", before(0), 20.0, null, null},
        new Object[] {"c5", "u1", "b", before(100), 10.0, null, null});
    StructType interactionsSchema = new StructType().add("src_user_id", DataTypes.StringType)
        .add("dst_user_id", DataTypes.StringType).add("type", DataTypes.StringType).add("ts", DataTypes.TimestampType)
        .add("post_id", DataTypes.StringType);
    interactions = rows(interactionsSchema,
        new Object[] {"u1", "u2", "like", before(1), null},
        new Object[] {"u3", "u1", "mention", before(3), null},
        new Object[] {"u6", "u1", "reply", before(2), null},
        new Object[] {"u4", "u1", "like", before(1), null},
        new Object[] {"acct", "u1", "reply", before(1.0 / 24), null},
        new Object[] {"u5", "u1", "mention", before(1), null},
        new Object[] {"u3", "u1", "recommend", before(40), null},
        new Object[] {"u2", "u4", "like", before(1), null},
        new Object[] {"u1", "u2", "share", before(101), null});
    posts = rows(new StructType().add("post_id", DataTypes.StringType).add("author_id", DataTypes.StringType),
        new Object[] {"p1", "u6"}, new Object[] {"p2", "u1"});
    StructType usersSchema = new StructType().add("user_id", DataTypes.StringType).add("handle", DataTypes.StringType);
    users = rows(usersSchema, new Object[] {"u1", "@u1"}, new Object[] {"u2", "@u2"}, new Object[] {"u3", "@u3"},
        new Object[] {"u4", "@u4"}, new Object[] {"u5", "@u5"}, new Object[] {"u6", "@u6"}, new Object[] {"u7", "@u7"},
        new Object[] {"acct", "@b"});
    accounts = rows(new StructType().add("brand_id", DataTypes.StringType).add("user_id", DataTypes.StringType),
        new Object[] {"b", "acct"});
    influence = rows(new StructType().add("user_id", DataTypes.StringType).add("bot_likelihood", DataTypes.DoubleType),
        new Object[] {"u5", 0.9}, new Object[] {"u6", 0.2}, new Object[] {"u1", 0.0});
  }

  private static Map<String, Row> attribute(String method) {
    Settings.Conversions s = new Settings.Conversions(method, 90, 30, 7);
    Dataset<Row> out = ConversionAttribution.of(conversions, interactions, posts, users, accounts, influence, 0.5, s, RUN);
    assertEquals(List.of(OutputTables.AMBASSADOR_CONVERSIONS.schema().fieldNames()), List.of(out.columns()));
    Map<String, Row> byUser = new HashMap<>();
    out.collectAsList().forEach(r -> byUser.put(r.getAs("user_id"), r));
    return byUser;
  }

  private static void expect(Map<String, Row> byUser, String user, double credit, Double value, long conversions,
      long referrals, long touches) {
    Row r = Optional.ofNullable(byUser.get(user)).orElseThrow(() -> new AssertionError(user + " has no row: " + byUser));
    assertEquals(credit, r.<Double>getAs("attributed_conversions"), 1e-12, user + " credit");
    if (value == null) {
      assertNull(r.getAs("attributed_value"), user + " value");
    } else {
      assertEquals(value, r.<Double>getAs("attributed_value"), 1e-9, user + " value");
    }
    assertEquals(conversions, r.<Long>getAs("conversions"), user + " conversions");
    assertEquals(referrals, r.<Long>getAs("referrals"), user + " referrals");
    assertEquals(touches, r.<Long>getAs("touches"), user + " touches");
    assertEquals("b", r.getAs("brand_id"));
    assertEquals(java.sql.Date.valueOf(RUN), r.getAs("run_date"));
  }

  @Test
  void timeDecayedCreditsSumToOnePerConversionAndReferrersTakeTheWholeCredit() {
    Map<String, Row> byUser = attribute("time-decay");
    assertEquals(java.util.Set.of("u1", "u2", "u3", "u4", "u6"), byUser.keySet(), "no credit to acct, the bot u5 or u7");
    expect(byUser, "u2", W_U2 / TOTAL, 100 * W_U2 / TOTAL, 1, 0, 1);
    expect(byUser, "u3", W_U3 / TOTAL + 1, 100 * W_U3 / TOTAL, 2, 1, 1); // c2's value is unknown
    expect(byUser, "u6", W_U6 / TOTAL + 1, 100 * W_U6 / TOTAL + 50, 2, 1, 1);
    expect(byUser, "u4", 0, null, 0, 0, 1);
    expect(byUser, "u1", 0, 0.0, 0, 0, 1);
    assertEquals("time-decay", byUser.get("u2").getAs("method"));
    assertEquals("@u6", byUser.get("u6").getAs("handle"));
    double total = byUser.values().stream().mapToDouble(r -> r.<Double>getAs("attributed_conversions")).sum();
    assertEquals(3.0, total, 1e-12, "c1, c2 and c3 are attributed, c4 is not, c5 is not counted");
  }

  @Test
  void lastTouchCreditsTheLatestEligibleTouch() {
    Map<String, Row> byUser = attribute("last-touch");
    // c1's latest touches: acct at T-1h (a brand account) and u5 at T-1d (a likely bot) do not count; u2's at T-1d does.
    expect(byUser, "u2", 1, 100.0, 1, 0, 1);
    expect(byUser, "u3", 1, 0.0, 1, 1, 1); // 0 x 100 from c1, c2's value unknown
    expect(byUser, "u6", 1, 50.0, 1, 1, 1);
    expect(byUser, "u4", 0, null, 0, 0, 1);
    assertEquals("last-touch", byUser.get("u2").getAs("method"));
  }
}
