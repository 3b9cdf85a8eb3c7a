package io.virage.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.virage.lake.Lakehouse;
import io.virage.schema.OutputTables;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One CLI invocation that processes a run date: runs named stages, logs one line per stage (rows
 * in and out, seconds) and appends one {@code job_runs} row per stage, failed stages included.
 */
public final class JobRun {
  private static final Logger LOG = LoggerFactory.getLogger(JobRun.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Key of a stage's details holding the fingerprints of the Parquet inputs it read
   * ({@link io.virage.ingest.InputFingerprints}): recorded in input_versions, not in details.
   */
  public static final String INPUTS = "inputs";

  /** What a stage returns: its value for the next stage, and the figures for the audit row. */
  public record Outcome<T>(T value, long rowsIn, long rowsOut, Map<String, ?> details) {}

  /** A stage body. */
  @FunctionalInterface
  public interface Stage<T> {
    Outcome<T> run() throws Exception;
  }

  private final SparkSession spark;
  private final Lakehouse lake;
  private final String runId;
  private final String command;
  private final LocalDate runDate;
  private final String configHash;

  public JobRun(SparkSession spark, Lakehouse lake, String command, LocalDate runDate, String configHash) {
    this.spark = spark;
    this.lake = lake;
    this.runId = UUID.randomUUID().toString();
    this.command = command;
    this.runDate = runDate;
    this.configHash = configHash;
  }

  public String runId() {
    return runId;
  }

  public String command() {
    return command;
  }

  public String configHash() {
    return configHash;
  }

  /** Spark job group of the jobs a stage runs: this prefix and the stage's name ({@link #stage}). */
  public static final String JOB_GROUP_PREFIX = "virage:";

  /** The Spark local property (and job property) that holds a job's group. */
  public static final String JOB_GROUP_PROPERTY = "spark.jobGroup.id";

  /**
   * Runs a stage, records it, and returns its value; a failure is recorded, then rethrown. The
   * stage's Spark jobs, its audit row's included, run in the job group {@link #JOB_GROUP_PREFIX}
   * + name, described by the command, stage, run date and run id (the Spark UI and event logs group
   * them by it); the caller's job group, if any, is set back afterwards.
   */
  public <T> T stage(String name, Stage<T> body) throws Exception {
    org.apache.spark.SparkContext sc = spark.sparkContext();
    String[] keys = {JOB_GROUP_PROPERTY, "spark.job.description", "spark.job.interruptOnCancel"};
    String[] before = new String[keys.length];
    for (int i = 0; i < keys.length; i++) {
      before[i] = sc.getLocalProperty(keys[i]);
    }
    sc.setJobGroup(JOB_GROUP_PREFIX + name,
        "virage " + command + ": stage " + name + ", run date " + runDate + " (run " + runId + ")", false);
    try {
      return recorded(name, body);
    } finally {
      for (int i = 0; i < keys.length; i++) {
        sc.setLocalProperty(keys[i], before[i]);
      }
    }
  }

  private <T> T recorded(String name, Stage<T> body) throws Exception {
    Instant start = Instant.now();
    LOG.info("stage {} started (run {} {}, run date {})", name, command, runId, runDate);
    Map<String, Long> tableVersions = lake.versions();
    Outcome<T> outcome;
    try {
      Failpoints.atStage(name, runDate);
      outcome = body.run();
    } catch (Exception | Error e) {
      Instant end = Instant.now();
      LOG.error("stage {} failed after {}s: {}", name, seconds(start, end), oneLine(e));
      try {
        record(name, "failed", start, end, 0, 0, Map.of(), tableVersions, oneLine(e));
      } catch (Exception recordFailure) {
        // The warehouse itself may be the problem (read-only, full), or the Spark session may be
        // gone under the failing stage (the JVM out of memory): report the stage's error, not this
        // one. Spark's own exceptions are checked ones thrown from Scala: catching only runtime
        // exceptions let them replace the stage's error.
        LOG.error("could not record the failure in job_runs: {}", oneLine(recordFailure));
        e.addSuppressed(recordFailure);
      }
      throw e;
    }
    Instant end = Instant.now();
    Map<String, Object> shown = new java.util.LinkedHashMap<>(outcome.details());
    shown.remove(INPUTS);
    LOG.info("stage {} succeeded: rows_in={} rows_out={} seconds={} {}", name, outcome.rowsIn(),
        outcome.rowsOut(), seconds(start, end), json(shown));
    record(name, "succeeded", start, end, outcome.rowsIn(), outcome.rowsOut(), outcome.details(), tableVersions, null);
    return outcome.value();
  }

  private void record(String stage, String status, Instant start, Instant end, long rowsIn,
      long rowsOut, Map<String, ?> details, Map<String, Long> tableVersions, String error) {
    Map<String, Object> rest = new java.util.LinkedHashMap<>(details);
    Map<String, Object> inputVersions = new java.util.LinkedHashMap<>();
    inputVersions.put("tables", tableVersions);
    if (rest.containsKey(INPUTS)) {
      inputVersions.put(INPUTS, rest.remove(INPUTS));
    }
    Row row = RowFactory.create(runId, Date.valueOf(runDate), command, stage, status,
        Timestamp.from(start), Timestamp.from(end), seconds(start, end), rowsIn, rowsOut,
        json(rest), error, configHash, Version.code(), spark.sparkContext().applicationId(),
        json(inputVersions), Version.gitCommit());
    lake.append(OutputTables.JOB_RUNS,
        spark.createDataFrame(List.of(row), OutputTables.JOB_RUNS.schema()));
  }

  static String json(Map<String, ?> details) {
    try {
      return JSON.writeValueAsString(details);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static double seconds(Instant start, Instant end) {
    return Duration.between(start, end).toMillis() / 1000.0;
  }

  /** The first non-blank line of an error's message, or its type when the message is empty. */
  public static String oneLine(Throwable e) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      return e.getClass().getSimpleName();
    }
    return m.lines().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
  }
}
