package io.virage.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.xxhash64;

import io.virage.config.Settings;
import io.virage.graph.InteractionGraph;
import io.virage.ingest.InputValidation;
import io.virage.ingest.ValidatedInputs;
import io.virage.jobs.SparkSessions;
import io.virage.schema.InputContract.InputDataset;
import io.virage.schema.InputContract.Interactions;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Whether the nightly should cache a copy of the windowed interactions for their readers, or let
 * them read the validated interactions' cache (which is there anyway) through the window's filter.
 * In one JVM, after validating the users and interactions of an input root as the nightly does:
 * per round, either "cached" (build a cached copy of the windowed rows, then the reads over it) or
 * "direct" (the same reads over the window's filter of the validated cache). The reads take the
 * columns the stages' readers take: three passes of the ranking's signals (source, target, type,
 * post), the roster's audiences (target, hashed source), brand trust's two (mentions and replies,
 * replies), and the influence stage's one (source, target, type, time, weight). Each read counts
 * rows, so both modes do the same work past the scan. Alternate the modes so that neither pays
 * alone for compiling or for a noisy minute.
 *
 * <p>{@code java OPENS -cp target/virage.jar:target/virage-bench.jar io.virage.bench.WindowedReads
 * INPUT RUN_DATE cached,direct,cached,direct}
 */
public final class WindowedReads {
  private WindowedReads() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: WindowedReads INPUT RUN_DATE MODES (cached or direct, comma-separated)");
      System.exit(2);
    }
    LocalDate runDate = LocalDate.parse(args[1]);
    SparkSession spark = SparkSessions.getOrCreate("windowed-reads",
        Files.createTempDirectory("virage-windowed").toString(), Map.of());
    spark.sparkContext().setLogLevel("WARN");
    InputValidation.Params params = new InputValidation.Params(runDate,
        runDate.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    try (ValidatedInputs in = ValidatedInputs.load(spark, args[0], List.of(InputDataset.USERS,
        InputDataset.INTERACTIONS), params)) {
      Dataset<Row> windowed = InteractionGraph.window(in.loaded(InputDataset.INTERACTIONS), runDate,
          Settings.defaults().influence());
      for (String mode : args[2].split(",")) {
        long t0 = System.nanoTime();
        if (mode.equals("cached")) {
          Dataset<Row> copy = windowed.persist(StorageLevel.MEMORY_AND_DISK());
          long rows = copy.count();
          long t1 = System.nanoTime();
          long checksum = reads(copy);
          long t2 = System.nanoTime();
          copy.unpersist(true);
          System.out.printf("cached: build %.1f s (%d rows), reads %.1f s, total %.1f s, checksum %d%n",
              (t1 - t0) / 1e9, rows, (t2 - t1) / 1e9, (t2 - t0) / 1e9, checksum);
        } else {
          long checksum = reads(windowed);
          System.out.printf("direct: reads %.1f s, checksum %d%n", (System.nanoTime() - t0) / 1e9, checksum);
        }
      }
    }
    spark.stop();
  }

  /** The readers' passes; the sum of their row counts. */
  private static long reads(Dataset<Row> w) {
    Dataset<Row> four = w.select(col(Interactions.SRC_USER_ID), col(Interactions.DST_USER_ID), col(Interactions.TYPE),
        col(Interactions.POST_ID));
    return four.filter(col(Interactions.TYPE).equalTo("recommend")).groupBy(Interactions.DST_USER_ID).count().count()
        + four.groupBy(Interactions.DST_USER_ID, Interactions.TYPE).agg(countDistinct(col(Interactions.POST_ID))).count()
        + four.select(Interactions.DST_USER_ID, Interactions.SRC_USER_ID).distinct().count()
        + w.select(col(Interactions.DST_USER_ID), xxhash64(col(Interactions.SRC_USER_ID))).distinct().count()
        + w.filter(col(Interactions.TYPE).isin("mention", "reply")).groupBy(Interactions.DST_USER_ID).count().count()
        + w.filter(col(Interactions.TYPE).equalTo("reply")).groupBy(Interactions.SRC_USER_ID).count().count()
        + w.groupBy(Interactions.SRC_USER_ID).agg(sum(InteractionGraph.INTERACTION_WEIGHT),
            max(to_date(col(Interactions.TS)))).count();
  }
}
