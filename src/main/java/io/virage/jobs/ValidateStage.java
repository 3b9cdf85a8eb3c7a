package io.virage.jobs;

import io.virage.ingest.ValidatedInputs;
import io.virage.schema.InputContract.Dataset;
import io.virage.schema.OutputTables;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stage {@code validate}: reads the inputs, checks the contract, writes the run date's quarantine
 * for the validated datasets (replacing a previous run of the same date and datasets; other
 * datasets' rows of that date stay) and reports counts that reconcile: rows_in = rows read,
 * rows_out = rows loaded, details.quarantined = the rest.
 */
public final class ValidateStage {
  private ValidateStage() {}

  /** {@code datasets}, plus sentiment_labels when the input root has that folder. */
  public static List<Dataset> withLabelsIfPresent(org.apache.spark.sql.SparkSession spark, String inputRoot,
      List<Dataset> datasets) throws java.io.IOException {
    List<Dataset> out = new java.util.ArrayList<>(datasets);
    org.apache.hadoop.fs.Path labels = new org.apache.hadoop.fs.Path(inputRoot, Dataset.SENTIMENT_LABELS.folder());
    if (labels.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(labels)) {
      out.add(Dataset.SENTIMENT_LABELS);
    }
    return out;
  }

  public static JobRun.Outcome<ValidatedInputs> run(RunContext ctx, List<Dataset> datasets) throws java.io.IOException {
    Map<String, Object> inputs = io.virage.ingest.InputFingerprints.of(ctx.spark(), ctx.inputRoot(), datasets);
    ValidatedInputs in = ValidatedInputs.load(ctx.spark(), ctx.inputRoot(), datasets, ctx.validationParams());
    try {
      ctx.lake().replaceRunDate(OutputTables.QUARANTINE, in.quarantine(ctx.runDate()), ctx.runDate(),
          OutputTables.Quarantine.DATASET, datasets.stream().map(Dataset::folder).toList());
    } catch (RuntimeException e) {
      in.close();
      throw e;
    }
    Map<String, Object> details = new LinkedHashMap<>(in.report());
    details.put("quarantined", in.totalQuarantined());
    details.put(JobRun.INPUTS, inputs); // moved to job_runs.input_versions
    return new JobRun.Outcome<>(in, in.totalRead(), in.totalLoaded(), details);
  }
}
