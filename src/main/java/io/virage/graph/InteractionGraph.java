package io.virage.graph;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.unix_timestamp;
import static org.apache.spark.sql.functions.when;

import io.virage.config.Settings;
import io.virage.schema.InputContract.Interactions;
import io.virage.schema.InputContract.Users;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The weighted, time-decayed interaction graph of a run date.
 *
 * <p>In: loaded {@code interactions}. Out of {@link #edges}: one row per (src, dst) with
 * {@link #SRC}, {@link #DST} (strings), {@link #WEIGHT} (double) and {@link #INTERACTIONS} (long).
 * An interaction counts if it happened before the end of the run date (UTC midnight that closes
 * it) and, when {@code window-days > 0}, at most that many days before. Its weight is
 * {@code type-weights[type] * 0.5^(age_days / half-life-days)} with the age measured from the end
 * of the run date ({@code half-life-days = 0}: no decay). Parallel interactions sum.
 */
public final class InteractionGraph {
  public static final String SRC = "src";
  public static final String DST = "dst";
  public static final String WEIGHT = "weight";
  public static final String INTERACTIONS = "interactions";
  /** Weight of one interaction, on {@link #window}'s output. */
  public static final String INTERACTION_WEIGHT = "interaction_weight";

  private InteractionGraph() {}

  /** Interactions inside the run date's window, each with its {@link #INTERACTION_WEIGHT}. */
  public static Dataset<Row> window(Dataset<Row> interactions, LocalDate runDate, Settings.Influence s) {
    long end = endOfDay(runDate);
    Column age = lit(end).minus(unix_timestamp(col(Interactions.TS))).divide(86400.0);
    Column inWindow = inWindow(col(Interactions.TS), runDate, s);
    Column typeWeight = null;
    for (Map.Entry<String, Double> e : s.typeWeights().entrySet()) {
      typeWeight = typeWeight == null ? when(col(Interactions.TYPE).equalTo(e.getKey()), e.getValue())
          : typeWeight.when(col(Interactions.TYPE).equalTo(e.getKey()), e.getValue());
    }
    typeWeight = typeWeight.otherwise(0.0);
    Column decay = s.halfLifeDays() > 0 ? pow(lit(0.5), age.divide(s.halfLifeDays())) : lit(1.0);
    return interactions.filter(inWindow).withColumn(INTERACTION_WEIGHT, typeWeight.multiply(decay));
  }

  /** True for a timestamp before the end of the run date and, when window-days > 0, inside the window. */
  public static Column inWindow(Column ts, LocalDate runDate, Settings.Influence s) {
    long end = endOfDay(runDate);
    Column in = ts.lt(lit(new Timestamp(end * 1000)));
    if (s.windowDays() > 0) {
      in = in.and(lit(end).minus(unix_timestamp(ts)).leq(s.windowDays() * 86400.0));
    }
    return in;
  }

  /**
   * Users that existed by the end of the run date (created_at before it, or unknown), so that a
   * backfill of an old date sees the graph as it was then.
   */
  public static Dataset<Row> usersAsOf(Dataset<Row> users, LocalDate runDate) {
    return users.filter(col(Users.CREATED_AT).isNull()
        .or(col(Users.CREATED_AT).lt(lit(new Timestamp(endOfDay(runDate) * 1000)))));
  }

  /** Aggregated edges of the windowed interactions; zero-weight edges are dropped. */
  public static Dataset<Row> edges(Dataset<Row> windowed) {
    return windowed.groupBy(col(Interactions.SRC_USER_ID).as(SRC), col(Interactions.DST_USER_ID).as(DST))
        .agg(sum(INTERACTION_WEIGHT).as(WEIGHT), count(lit(1)).as(INTERACTIONS))
        .filter(col(WEIGHT).gt(0));
  }

  /** End of the run date (the UTC midnight that closes it), as epoch seconds. */
  public static long endOfDay(LocalDate runDate) {
    return runDate.plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
  }
}
