package io.virage.lake;

import io.virage.schema.OutputTables;
import io.virage.schema.OutputTables.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Table upkeep: OPTIMIZE compacts each table's small files (Z-ordered by brand_id where analysts
 * filter by brand), VACUUM deletes the files no version inside the retention still references.
 * Neither changes a row; time travel to any version younger than the retention keeps working.
 */
public final class Maintenance {
  /** Delta's own floor (delta.deletedFileRetentionDuration, 7 days): less could break readers and time travel. */
  public static final double MIN_RETAIN_HOURS = 168;
  /** The large per-brand tables that queries filter by brand: Z-order clusters each brand's rows in fewer files. */
  public static final Set<String> Z_ORDERED = Set.of(OutputTables.BRAND_INFLUENCE.name(),
      OutputTables.USER_BRAND_SENTIMENT.name(), OutputTables.AMBASSADOR_CANDIDATES.name(),
      OutputTables.AMBASSADOR_RANKINGS.name());

  private Maintenance() {}

  /** One table's files and bytes before and after, and its latest version. */
  public record TableStats(String table, long filesBefore, long bytesBefore, long filesAfter, long bytesAfter,
      long version, String layout) {}

  public static List<TableStats> run(SparkSession spark, Lakehouse lake, boolean optimize, boolean vacuum,
      double retainHours) {
    if (retainHours < MIN_RETAIN_HOURS) {
      throw new IllegalArgumentException("retention " + retainHours + " h is below " + MIN_RETAIN_HOURS
          + " h (7 days): VACUUM would delete files that running readers and time travel inside that window need");
    }
    // VACUUM lists each table's files with one task per "partition discovery" slot: Spark's default,
    // 10,000 tasks per table, turns the listing of a small warehouse into minutes of task overhead.
    // Unless the user set it, size it to the cluster.
    String listing = "spark.sql.sources.parallelPartitionDiscovery.parallelism";
    if (!spark.sparkContext().getConf().contains(listing)) {
      spark.conf().set(listing, Math.max(2, Math.min(10_000, 2 * spark.sparkContext().defaultParallelism())));
    }
    List<TableStats> out = new ArrayList<>();
    for (Table t : OutputTables.ALL) {
      lake.ensure(t);
      String ref = "delta.`" + lake.path(t) + "`";
      Row before = detail(spark, ref);
      String layout = "compacted";
      if (optimize) {
        if (Z_ORDERED.contains(t.name())) {
          spark.sql("OPTIMIZE " + ref + " ZORDER BY (" + OutputTables.BRAND_ID + ")");
          layout = "z-ordered by " + OutputTables.BRAND_ID;
        } else {
          spark.sql("OPTIMIZE " + ref);
        }
      } else {
        layout = "unchanged";
      }
      if (vacuum) {
        spark.sql("VACUUM " + ref + " RETAIN " + retainHours + " HOURS");
      }
      Row after = detail(spark, ref);
      long version = spark.sql("DESCRIBE HISTORY " + ref + " LIMIT 1").first().<Long>getAs("version");
      out.add(new TableStats(t.name(), before.getLong(0), before.getLong(1), after.getLong(0), after.getLong(1),
          version, layout));
    }
    return out;
  }

  private static Row detail(SparkSession spark, String ref) {
    return spark.sql("DESCRIBE DETAIL " + ref).selectExpr("numFiles", "sizeInBytes").first();
  }
}
