package io.virage.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.xxhash64;

import io.virage.ingest.InputReader;
import io.virage.ingest.InputValidation;
import io.virage.ingest.ValidatedInputs;
import io.virage.jobs.SparkSessions;
import io.virage.schema.InputContract.InputDataset;
import io.virage.schema.InputContract.Interactions;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * What the validate stage's parts cost on an input, against Spark's own work for the same rows:
 * where its time goes, and the floor of its design. In one JVM, REPEATS times (the first pays for
 * the JVM's warm-up):
 * <ul>
 *   <li>the whole validation of users, interactions and posts as {@code validate} runs it (the tagged
 *       rows cached, counted per reason), without the Delta writes;</li>
 *   <li>per dataset: every Parquet column read (a {@code noop} write); the rows conformed as
 *       {@link InputReader} returns them; the same plus each row's JSON, as every row carried it
 *       before; the raw rows cached ({@code MEMORY_AND_DISK}, Spark's compressed columnar cache)
 *       and counted;</li>
 *   <li>interactions only: the raw rows sorted within partitions by source and target, cached and
 *       counted (what the validated interactions cost to hold); the count per 64-bit hash of their
 *       key (the duplicates' first pass).</li>
 * </ul>
 * The session is the product's ({@link SparkSessions}, {@code local[*]}).
 * <pre>
 *   java OPENS -cp target/virage.jar:target/virage-bench.jar io.virage.bench.ValidateFloor INPUT [REPEATS]
 * </pre>
 */
public final class ValidateFloor {
  private ValidateFloor() {}

  public static void main(String[] args) throws Exception {
    String input = args[0];
    int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    SparkSession spark = SparkSessions.getOrCreate("virage validate floor", "/tmp/virage-validate-floor", Map.of());
    List<InputDataset> datasets = List.of(InputDataset.USERS, InputDataset.INTERACTIONS, InputDataset.POSTS);
    for (int rep = 1; rep <= repeats; rep++) {
      Map<InputDataset, Dataset<Row>> conformed = new EnumMap<>(InputDataset.class);
      for (InputDataset d : datasets) {
        conformed.put(d, InputReader.read(spark, input, d));
      }
      long t0 = System.nanoTime();
      InputValidation.Params params = new InputValidation.Params(LocalDate.parse("2026-11-26"),
          Instant.parse("2026-11-27T00:00:00Z"));
      try (ValidatedInputs v = ValidatedInputs.validate(conformed, params)) {
        print(rep, "validation of users, interactions, posts (" + v.totalRead() + " rows)", t0);
      }
      for (InputDataset d : datasets) {
        String path = input + "/" + d.folder();
        String name = d.folder();
        time(rep, name + ": every Parquet column read", () -> noop(spark.read().parquet(path)));
        time(rep, name + ": conformed", () -> noop(InputReader.read(spark, input, d)));
        time(rep, name + ": conformed, with every row's JSON", () -> {
          Dataset<Row> c = InputReader.read(spark, input, d);
          noop(c.withColumn(InputReader.ROW_JSON, InputReader.rowJson(c)));
        });
        time(rep, name + ": raw rows cached and counted", () -> cachedCount(spark.read().parquet(path)));
        if (d == InputDataset.INTERACTIONS) {
          time(rep, name + ": raw rows sorted by source and target, cached and counted", () -> cachedCount(
              spark.read().parquet(path).sortWithinPartitions(Interactions.SRC_USER_ID, Interactions.DST_USER_ID)));
          time(rep, name + ": count per hash of the key", () -> noop(spark.read().parquet(path)
              .groupBy(xxhash64(col(Interactions.SRC_USER_ID), col(Interactions.DST_USER_ID), col(Interactions.TYPE),
                  col(Interactions.TS), col(Interactions.POST_ID))).count()));
        }
      }
    }
    spark.stop();
  }

  private static void noop(Dataset<Row> rows) {
    rows.write().format("noop").mode("overwrite").save();
  }

  private static void cachedCount(Dataset<Row> rows) {
    Dataset<Row> cached = rows.persist(StorageLevel.MEMORY_AND_DISK());
    cached.count();
    cached.unpersist(true);
  }

  private static void time(int rep, String what, Runnable r) {
    long t0 = System.nanoTime();
    r.run();
    print(rep, what, t0);
  }

  private static void print(int rep, String what, long t0) {
    System.out.printf("run %d  %-75s %7.2f s%n", rep, what, (System.nanoTime() - t0) / 1e9);
  }
}
