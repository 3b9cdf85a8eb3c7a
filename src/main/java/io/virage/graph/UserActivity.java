package io.virage.graph;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.virage.schema.InputContract.Users;
import io.virage.schema.OutputTables.Influence;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What each user did and received in the window, from {@link InteractionGraph#pairs}: one row per
 * user with interactions, in one aggregation (each pair row speaks for both of its users).
 * <ul>
 *   <li>{@link #ACTIVITY}: interactions by the user; {@link #TARGETS}: distinct users acted on;
 *       {@link #LOW_EFFORT}: its likes and follows; {@link #RECIPROCATED}: distinct users acted on
 *       that acted back (a self-loop counts as reciprocated);</li>
 *   <li>{@link Influence#IN_DEGREE}, {@link Influence#WEIGHTED_IN_DEGREE} (interaction weights,
 *       before any bot discount), {@link Influence#ENGAGED_USERS}: interactions received, their weight,
 *       distinct users they came from.</li>
 * </ul>
 */
public final class UserActivity {
  public static final String ACTIVITY = "activity";
  public static final String TARGETS = "targets";
  public static final String LOW_EFFORT = "low_effort";
  public static final String RECIPROCATED = "reciprocated";

  private UserActivity() {}

  public static Dataset<Row> of(Dataset<Row> pairs) {
    Column selfLoop = col(InteractionGraph.A).equalTo(col(InteractionGraph.B));
    // User a sends a -> b and receives b -> a; user b the other way round. A self-loop row is one
    // user that both sends and receives the same interactions.
    Column asA = side(col(InteractionGraph.A), col(InteractionGraph.N_AB), col(InteractionGraph.LE_AB),
        when(selfLoop, col(InteractionGraph.N_AB)).otherwise(col(InteractionGraph.N_BA)),
        when(selfLoop, col(InteractionGraph.W_AB)).otherwise(col(InteractionGraph.W_BA)));
    Column asB = when(not(selfLoop), side(col(InteractionGraph.B), col(InteractionGraph.N_BA),
        col(InteractionGraph.LE_BA), col(InteractionGraph.N_AB), col(InteractionGraph.W_AB)));
    return pairs.select(explode(array(asA, asB)).as("_s"))
        .filter(col("_s").isNotNull())
        .groupBy(col("_s.u").as(Users.USER_ID)).agg(
            sum("_s.out_n").as(ACTIVITY),
            sum(when(col("_s.out_n").gt(0), 1L).otherwise(0L)).as(TARGETS),
            sum("_s.out_le").as(LOW_EFFORT),
            sum(when(col("_s.out_n").gt(0).and(col("_s.in_n").gt(0)), 1L).otherwise(0L)).as(RECIPROCATED),
            sum("_s.in_n").as(Influence.IN_DEGREE),
            sum("_s.in_w").as(Influence.WEIGHTED_IN_DEGREE),
            sum(when(col("_s.in_n").gt(0), 1L).otherwise(0L)).as(Influence.ENGAGED_USERS));
  }

  private static Column side(Column user, Column outN, Column outLowEffort, Column inN, Column inW) {
    return struct(user.as("u"), outN.as("out_n"), outLowEffort.as("out_le"), inN.as("in_n"), inW.as("in_w"));
  }
}
