package io.virage.privacy;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.get_json_object;
import static org.apache.spark.sql.functions.lit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.virage.lake.Lakehouse;
import io.virage.schema.InputContract;
import io.virage.schema.OutputTables;
import io.virage.schema.OutputTables.Erasures;
import io.virage.schema.OutputTables.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * forget-user: deletes every row about a person from every output table (Delta DELETE, one commit
 * per table that held some), renames roster communities named after them, and records the erasure
 * under a SHA-256 key so that later inputs naming them are quarantined as erased_user. The deleted
 * rows stay in the table's older files, reachable by time travel, until VACUUM (maintenance) removes
 * those files once they are older than the retention: then the erasure is physical.
 */
public final class Erasure {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** What a roster community named after an erased member is renamed to. */
  public static final String ERASED_COMMUNITY = "erased";

  private Erasure() {}

  /** SHA-256 (hex) of a user id: the key under which erasures remember a person without their id. */
  public static String userKey(String userId) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(userId.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Erases {@code userId} from every output table; returns the rows deleted per table. */
  public static Map<String, Long> forget(SparkSession spark, Lakehouse lake, String userId, String request) {
    Map<String, Long> deleted = new LinkedHashMap<>();
    for (Table t : OutputTables.ALL) {
      Column about = about(t, userId);
      if (about != null) {
        deleted.put(t.name(), lake.delete(t, about));
      }
    }
    Column named = col(OutputTables.Roster.COMMUNITY).equalTo(lit(userId));
    if (!lake.read(OutputTables.AMBASSADOR_ROSTER).filter(named).isEmpty()) {
      lake.update(OutputTables.AMBASSADOR_ROSTER, named, Map.of(OutputTables.Roster.COMMUNITY, lit(ERASED_COMMUNITY)));
    }
    String counts;
    try {
      counts = JSON.writeValueAsString(deleted);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    lake.merge(OutputTables.ERASURES, spark.createDataFrame(List.of(RowFactory.create(userKey(userId),
        Timestamp.from(Instant.now()), request, counts)), OutputTables.ERASURES.schema()), List.of(Erasures.USER_KEY));
    return deleted;
  }

  /** The rows of {@code table} about the user, or null when the table holds no user ids. */
  static Column about(Table table, String userId) {
    if (table.equals(OutputTables.QUARANTINE)) {
      Column c = null;
      for (String field : List.of(InputContract.Users.USER_ID, InputContract.Interactions.SRC_USER_ID,
          InputContract.Interactions.DST_USER_ID, InputContract.Posts.AUTHOR_ID,
          InputContract.Conversions.REFERRER_USER_ID)) {
        Column named = get_json_object(col(OutputTables.Quarantine.ROW_JSON), "$." + field).equalTo(lit(userId));
        c = c == null ? named : c.or(named);
      }
      return c;
    }
    if (table.columnNames().contains(OutputTables.USER_ID)) {
      return col(OutputTables.USER_ID).equalTo(lit(userId));
    }
    if (table.columnNames().contains(OutputTables.Sentiment.AUTHOR_ID)) {
      return col(OutputTables.Sentiment.AUTHOR_ID).equalTo(lit(userId));
    }
    return null;
  }
}
