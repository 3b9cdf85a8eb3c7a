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

  public InputValidation.Params validationParams() {
    return new InputValidation.Params(runDate, now);
  }
}
