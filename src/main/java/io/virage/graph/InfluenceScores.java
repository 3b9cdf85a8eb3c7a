package io.virage.graph;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.lit;

import io.virage.schema.InputContract.Users;
import io.virage.schema.OutputTables;
import io.virage.schema.OutputTables.Influence;
import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Global influence signals per user, in the shape of {@code influence_scores}.
 *
 * <p>In: loaded {@code users}, what each user received in the window ({@link UserActivity}),
 * the PageRank result (user_id, pagerank), core numbers (user_id, kcore) and account quality
 * (user_id, bot_likelihood). Out: every user, with in-degree, weighted in-degree
 * and distinct engaged users over the window (0 when none), followers_count (0 when unknown), and
 * {@code pagerank_rank} (1 = highest; ties by user_id), computed with a distributed sort.
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
            coalesce(col(Influence.BOT_LIKELIHOOD), lit(0.0)).as(Influence.BOT_LIKELIHOOD));
    return withGlobalRank(signals).withColumn(OutputTables.RUN_DATE, lit(Date.valueOf(runDate)));
  }

  /** Adds pagerank_rank by a distributed sort and zipWithIndex (no single-partition window). */
  static Dataset<Row> withGlobalRank(Dataset<Row> signals) {
    Dataset<Row> sorted = signals.orderBy(desc(Influence.PAGERANK), col(Users.USER_ID));
    StructType schema = sorted.schema().add(Influence.PAGERANK_RANK, DataTypes.LongType, false);
    int width = sorted.schema().size();
    return signals.sparkSession().createDataFrame(sorted.javaRDD().zipWithIndex().map(t -> {
      Object[] values = new Object[width + 1];
      for (int i = 0; i < width; i++) {
        values[i] = t._1().get(i);
      }
      values[width] = t._2() + 1;
      return RowFactory.create(values);
    }), schema);
  }
}
