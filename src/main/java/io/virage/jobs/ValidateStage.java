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
    return withIfPresent(spark, inputRoot, datasets, List.of(Dataset.SENTIMENT_LABELS));
  }

  /** {@code datasets}, plus each of {@code optional} (not already listed) whose folder the input root has. */
  public static List<Dataset> withIfPresent(org.apache.spark.sql.SparkSession spark, String inputRoot,
      List<Dataset> datasets, List<Dataset> optional) throws java.io.IOException {
    List<Dataset> out = new java.util.ArrayList<>(datasets);
    for (Dataset d : optional) {
      org.apache.hadoop.fs.Path folder = new org.apache.hadoop.fs.Path(inputRoot, d.folder());
      if (!out.contains(d) && folder.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(folder)) {
        out.add(d);
      }
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
