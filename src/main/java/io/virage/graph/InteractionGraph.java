package io.virage.graph;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.unix_timestamp;
import static org.apache.spark.sql.functions.when;

import io.virage.config.Settings;
import io.virage.graph.engine.GraphBlocks;
import io.virage.graph.engine.PageRank;
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
  /** The edge list's columns: the engine's input ({@link PageRank}). */
  public static final String SRC = PageRank.SRC;
  public static final String DST = PageRank.DST;
  public static final String WEIGHT = PageRank.WEIGHT;
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
    return edgesOfPairs(pairs(windowed));
  }

  /**
   * The directed edges of {@link #pairs}' output: a -> b and b -> a where there were interactions
   * that way, with their summed weight and count; zero-weight edges are dropped.
   */
  public static Dataset<Row> edgesOfPairs(Dataset<Row> pairs) {
    return pairs.filter(col(N_AB).gt(0)).select(col(A).as(SRC), col(B).as(DST), col(W_AB).as(WEIGHT), col(N_AB).as(INTERACTIONS))
        .union(pairs.filter(col(N_BA).gt(0)).select(col(B).as(SRC), col(A).as(DST), col(W_BA).as(WEIGHT), col(N_BA).as(INTERACTIONS)))
        .filter(col(WEIGHT).gt(0));
  }

  /** Weight each way after the bot discount (see AccountQuality#discountPairs). */
  public static final String DW_AB = GraphBlocks.DW_AB;
  public static final String DW_BA = GraphBlocks.DW_BA;

  /** Lower user id of a pair, on {@link #pairs}' output. */
  public static final String A = "a";
  /** Higher (or equal, for a self-loop) user id of a pair. */
  public static final String B = "b";
  /** Interactions a -> b (a self-loop counts here), their summed weight and how many were likes or follows. */
  public static final String N_AB = "n_ab";
  public static final String W_AB = GraphBlocks.W_AB;
  public static final String LE_AB = "le_ab";
  /** Interactions b -> a, their summed weight and how many were likes or follows. */
  public static final String N_BA = "n_ba";
  public static final String W_BA = GraphBlocks.W_BA;
  public static final String LE_BA = "le_ba";
  /** Interaction types that take no effort: the low-effort signal of account quality counts them. */
  public static final java.util.List<String> LOW_EFFORT_TYPES = java.util.List.of("like", "follow");

  /**
   * One row per unordered pair of users with interactions between them in the window, both
   * directions side by side: {@link #A} &lt;= {@link #B}, counts, summed weights (zero-weight
   * types included) and low-effort counts each way. One shuffle of the interactions gives
   * the directed edges, reciprocity and the per-user totals ({@link UserActivity}).
   */
  public static Dataset<Row> pairs(Dataset<Row> windowed) {
    Column src = col(Interactions.SRC_USER_ID);
    Column dst = col(Interactions.DST_USER_ID);
    Column forward = src.leq(dst);
    Column lowEffort = col(Interactions.TYPE).isin(LOW_EFFORT_TYPES.toArray());
    Column w = col(INTERACTION_WEIGHT);
    return windowed.groupBy(least(src, dst).as(A), greatest(src, dst).as(B)).agg(
        sum(when(forward, 1L).otherwise(0L)).as(N_AB),
        sum(when(forward, w).otherwise(0.0)).as(W_AB),
        sum(when(forward.and(lowEffort), 1L).otherwise(0L)).as(LE_AB),
        sum(when(forward, 0L).otherwise(1L)).as(N_BA),
        sum(when(forward, 0.0).otherwise(w)).as(W_BA),
        sum(when(forward.or(not(lowEffort)), 0L).otherwise(1L)).as(LE_BA));
  }

  /** End of the run date (the UTC midnight that closes it), as epoch seconds. */
  public static long endOfDay(LocalDate runDate) {
    return runDate.plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
  }
}
