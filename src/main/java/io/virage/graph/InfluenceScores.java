package io.virage.graph;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.virage.graph.engine.DenseIndex;
import io.virage.schema.InputContract.Users;
import io.virage.schema.OutputTables;
import io.virage.schema.OutputTables.Influence;
import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Global influence signals per user, in the shape of {@code influence_scores}.
 *
 * <p>In: loaded {@code users}; the graph's signals, one row per user of the graph: user_id,
 * pagerank, pagerank_rank (1 = highest, ties by user_id; see {@link DenseIndex#attachRanked}) and
 * kcore; and the per-user signals of {@link #perUser} (a user may be missing). Out: every user of
 * the graph's signals, with in-degree, weighted in-degree and distinct engaged users over the
 * window (0 when none), followers_count (0 when unknown) and bot likelihood (0 when unknown).
 */
public final class InfluenceScores {
  private InfluenceScores() {}

  /**
   * What each user received in the window ({@link UserActivity}) beside its account quality
   * ({@link AccountQuality#score}), one row per user in either: user_id, in_degree,
   * weighted_in_degree, engaged_users, bot_likelihood (null where a side has no row). Both may be
   * keyed by dense ids: joined before the ids are turned back into strings, one join less on strings.
   */
  public static Dataset<Row> perUser(Dataset<Row> activity, Dataset<Row> quality) {
    return activity.select(col(Users.USER_ID), col(Influence.IN_DEGREE), col(Influence.WEIGHTED_IN_DEGREE),
            col(Influence.ENGAGED_USERS))
        .join(quality.select(col(Users.USER_ID), col(Influence.BOT_LIKELIHOOD)), Users.USER_ID, "full");
  }

  public static Dataset<Row> build(Dataset<Row> users, Dataset<Row> graphSignals, Dataset<Row> perUser,
      LocalDate runDate) {
    Dataset<Row> signals = users.select(col(Users.USER_ID), col(Users.FOLLOWERS_COUNT))
        .join(graphSignals, Users.USER_ID)
        .join(perUser, Users.USER_ID, "left")
        .select(
            col(Users.USER_ID),
            col(Influence.PAGERANK),
            coalesce(col(Influence.IN_DEGREE), lit(0L)).as(Influence.IN_DEGREE),
            coalesce(col(Influence.WEIGHTED_IN_DEGREE), lit(0.0)).as(Influence.WEIGHTED_IN_DEGREE),
            coalesce(col(Influence.ENGAGED_USERS), lit(0L)).as(Influence.ENGAGED_USERS),
            coalesce(col(Users.FOLLOWERS_COUNT), lit(0L)).as(Influence.FOLLOWERS_COUNT),
            col(Influence.KCORE),
            coalesce(col(Influence.BOT_LIKELIHOOD), lit(0.0)).as(Influence.BOT_LIKELIHOOD),
            col(Influence.PAGERANK_RANK));
    return signals.withColumn(OutputTables.RUN_DATE, lit(Date.valueOf(runDate)));
  }
}
