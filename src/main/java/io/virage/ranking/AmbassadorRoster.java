package io.virage.ranking;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.xxhash64;

import io.virage.config.Settings;
import io.virage.schema.InputContract.Interactions;
import io.virage.schema.OutputTables;
import io.virage.schema.OutputTables.Influence;
import io.virage.schema.OutputTables.Rankings;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * {@code ambassador_roster}: per brand, the picks that together reach the most distinct engaged
 * audience ({@link MaxCoverage#greedy}), among the brand's {@code candidate-pool} best-ranked users.
 *
 * <p>Audience of a user: the distinct accounts, not likely bots, that interacted with them in the
 * history window (ids hashed to 64 bits; a collision among a pool's audience is vanishingly rare
 * and would only undercount). Each brand's pool is gathered into one row and solved in one task,
 * so the driver never holds audiences. In: ambassador_rankings rows of the run, the windowed
 * interactions, influence_scores (bot_likelihood). Out: rows in the shape of ambassador_roster.
 */
public final class AmbassadorRoster {
  private AmbassadorRoster() {}

  public static Dataset<Row> select(Dataset<Row> rankings, Dataset<Row> windowedInteractions, Dataset<Row> influence,
      double likelyBotThreshold, Settings.Roster s, LocalDate runDate) {
    Dataset<Row> pool = rankings.filter(col(Rankings.RANK).leq(s.candidatePool()))
        .select(col(OutputTables.BRAND_ID), col(OutputTables.USER_ID), col(Rankings.HANDLE), col(Rankings.RANK),
            col(Rankings.SCORE));
    Dataset<Row> audiences = audiences(pool, windowedInteractions, influence, likelyBotThreshold);
    Dataset<Row> perBrand = pool.join(audiences, OutputTables.USER_ID, "left")
        .groupBy(OutputTables.BRAND_ID)
        .agg(collect_list(struct(col(Rankings.RANK), col(OutputTables.USER_ID), col(Rankings.HANDLE),
            col(Rankings.SCORE), col(AUDIENCE))).as("_pool"));
    Date date = Date.valueOf(runDate);
    int size = s.size();
    int cap = s.maxPerCommunity();
    int sweeps = s.communityIterations();
    return perBrand.flatMap((FlatMapFunction<Row, Row>) row -> solve(row, date, size, cap, sweeps).iterator(),
        Encoders.row(OutputTables.AMBASSADOR_ROSTER.schema()));
  }

  /**
   * The audience of each user of {@code pool} (a {@code user_id} column; a small set): one row per
   * user with at least one engager, {@code user_id} and {@link #AUDIENCE}, the sorted 64-bit hashes of
   * the distinct accounts, not likely bots, that interacted with them in the window.
   */
  public static Dataset<Row> audiences(Dataset<Row> pool, Dataset<Row> windowedInteractions, Dataset<Row> influence,
      double likelyBotThreshold) {
    Dataset<Row> poolUsers = pool.select(col(OutputTables.USER_ID).as("_dst")).distinct();
    Dataset<Row> likelyBots = broadcast(influence.filter(col(Influence.BOT_LIKELIHOOD).geq(likelyBotThreshold))
        .select(col(OutputTables.USER_ID).as("_bot")));
    return windowedInteractions
        .select(col(Interactions.SRC_USER_ID), col(Interactions.DST_USER_ID))
        .join(broadcast(poolUsers), col(Interactions.DST_USER_ID).equalTo(col("_dst")), "left_semi")
        .join(likelyBots, col(Interactions.SRC_USER_ID).equalTo(col("_bot")), "left_anti")
        .select(col(Interactions.DST_USER_ID).as(OutputTables.USER_ID),
            xxhash64(col(Interactions.SRC_USER_ID)).as("_member"))
        .distinct()
        .groupBy(OutputTables.USER_ID).agg(sort_array(collect_list("_member")).as(AUDIENCE));
  }

  /** The column of {@link #audiences}: array of member hashes. */
  public static final String AUDIENCE = "_audience";

  /** A pool row's audience (field {@code field}, null when nobody engaged) as an array. */
  static long[] members(Row row, int field) {
    List<Long> members = row.isNullAt(field) ? List.of() : row.getList(field);
    return members.stream().mapToLong(Long::longValue).toArray();
  }

  private static List<Row> solve(Row brandRow, Date date, int size, int cap, int sweeps) {
    String brand = brandRow.getString(0);
    List<Row> pool = new ArrayList<>(brandRow.getList(1));
    pool.sort(Comparator.comparingInt(r -> r.getInt(0)));
    long[][] audiences = new long[pool.size()][];
    for (int i = 0; i < pool.size(); i++) {
      audiences[i] = members(pool.get(i), 4);
    }
    int[] community = MaxCoverage.communities(audiences, sweeps);
    List<MaxCoverage.Pick> picks = MaxCoverage.greedy(audiences, community, size, cap);
    long[] topK = MaxCoverage.prefixReach(audiences, size);
    long all = MaxCoverage.union(audiences);
    List<Row> out = new ArrayList<>();
    for (int p = 0; p < picks.size(); p++) {
      MaxCoverage.Pick pick = picks.get(p);
      Row user = pool.get(pick.index());
      out.add(RowFactory.create(date, brand, p + 1, user.getString(1), user.getString(2), user.getInt(0),
          user.getDouble(3), pool.get(community[pick.index()]).getString(1), (long) audiences[pick.index()].length,
          pick.marginal(), pick.cumulative(), all == 0 ? 0.0 : (double) pick.cumulative() / all,
          p < topK.length ? topK[p] : null));
    }
    return out;
  }
}
