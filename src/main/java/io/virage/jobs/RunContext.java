package io.virage.jobs;

import io.virage.config.Settings;
import io.virage.ingest.InputValidation;
import io.virage.lake.Lakehouse;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.spark.sql.SparkSession;

/**
 * Everything a job needs to know about one run: session, settings, where inputs and outputs live,
 * the run date, and the run's clock (timestamps after it are quarantined as future).
 */
public record RunContext(SparkSession spark, Settings settings, String inputRoot, Lakehouse lake,
    LocalDate runDate, Instant now) {

  /** The run's date and clock, and the keys of the users forget-user erased (a short list: one per request). */
  public InputValidation.Params validationParams() {
    java.util.List<String> erased = lake.read(io.virage.schema.OutputTables.ERASURES)
        .select(io.virage.schema.OutputTables.Erasures.USER_KEY).as(org.apache.spark.sql.Encoders.STRING())
        .collectAsList(); // bounded: one row per erasure request
    return new InputValidation.Params(runDate, now, erased);
  }

  /**
   * Sizes the session's shuffles to this run's input (every input dataset's bytes) until the handle
   * is closed: see {@link SparkSessions#sizedForInput}. Every command over the same input decides
   * alike, so a stage run alone (influence, score-sentiment...) gives the nightly stage's rows.
   */
  public AutoCloseable sizedForInput() throws java.io.IOException {
    if (!SparkSessions.sizesToInput(spark)) {
      return () -> {}; // a cluster, or settings the user chose: no listing of the input for nothing
    }
    java.util.List<io.virage.schema.InputContract.InputDataset> all = java.util.Arrays.asList(
        io.virage.schema.InputContract.InputDataset.values());
    return SparkSessions.sizedForInput(spark, io.virage.ingest.InputFingerprints.totalBytes(
        io.virage.ingest.InputFingerprints.of(spark, inputRoot, all)));
  }
}
