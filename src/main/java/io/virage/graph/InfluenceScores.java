package io.virage.graph;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

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
 * <p>In: loaded {@code users}, what each user received in the window ({@link UserActivity}),
 * the PageRank result (user_id, pagerank, pagerank_rank: 1 = highest, ties by user_id; see
 * {@link DenseIndex#attachRanked}), core numbers (user_id, kcore) and account quality
 * (user_id, bot_likelihood). Out: every user of the PageRank result, with in-degree, weighted
 * in-degree and distinct engaged users over the window (0 when none) and followers_count (0 when unknown).
 */
public final class InfluenceScores {
  private InfluenceScores() {}

  public static Dataset<Row> build(Dataset<Row> users, Dataset<Row> activity, Dataset<Row> pagerank,
      Dataset<Row> kcore, Dataset<Row> quality, LocalDate runDate) {
    Dataset<Row> received = activity.select(col(Users.USER_ID), col(Influence.IN_DEGREE),
        col(Influence.WEIGHTED_IN_DEGREE), col(Influence.ENGAGED_USERS));
    Dataset<Row> signals = users.select(col(Users.USER_ID), col(Users.FOLLOWERS_COUNT))
        .join(pagerank, Users.USER_ID)
        .join(kcore, Users.USER_ID)
        .join(received, Users.USER_ID, "left")
        .join(quality, Users.USER_ID, "left")
        .select(
            col(Users.USER_ID),
            col(WeightedPageRank.PAGERANK).as(Influence.PAGERANK),
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
