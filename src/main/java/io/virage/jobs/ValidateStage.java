package io.virage.jobs;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.virage.ingest.ValidatedInputs;
import io.virage.schema.InputContract.Brands;
import io.virage.schema.InputContract.InputDataset;
import io.virage.schema.InputContract.Users;
import io.virage.schema.OutputTables;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;

/**
 * Stage {@code validate}: reads the inputs, checks the contract, writes the run date's quarantine
 * for the validated datasets (replacing a previous run of the same date and datasets; other
 * datasets' rows of that date stay) and reports counts that reconcile: rows_in = rows read,
 * rows_out = rows loaded, details.quarantined = the rest. When it validated brands or users, it also
 * replaces the current-state tables {@code brands} and {@code users_public} ({@link #currentState}).
 */
public final class ValidateStage {
  private ValidateStage() {}

  /** {@code datasets}, plus sentiment_labels when the input root has that folder. */
  public static List<InputDataset> withLabelsIfPresent(org.apache.spark.sql.SparkSession spark, String inputRoot,
      List<InputDataset> datasets) throws java.io.IOException {
    return withIfPresent(spark, inputRoot, datasets, List.of(InputDataset.SENTIMENT_LABELS));
  }

  /** {@code datasets}, plus each of {@code optional} (not already listed) whose folder the input root has. */
  public static List<InputDataset> withIfPresent(org.apache.spark.sql.SparkSession spark, String inputRoot,
      List<InputDataset> datasets, List<InputDataset> optional) throws java.io.IOException {
    List<InputDataset> out = new java.util.ArrayList<>(datasets);
    for (InputDataset d : optional) {
      org.apache.hadoop.fs.Path folder = new org.apache.hadoop.fs.Path(inputRoot, d.folder());
      if (!out.contains(d) && folder.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(folder)) {
        out.add(d);
      }
    }
    return out;
  }

  /** {@code brands} rows: the loaded brands as they are, with the run date. Pure. */
  public static Dataset<org.apache.spark.sql.Row> brands(
      Dataset<org.apache.spark.sql.Row> loadedBrands, java.time.LocalDate runDate) {
    return loadedBrands.select(col(Brands.BRAND_ID), col(Brands.NAME), col(Brands.HANDLES), col(Brands.KEYWORDS),
        lit(java.sql.Date.valueOf(runDate)).as(OutputTables.CurrentState.AS_OF_RUN_DATE));
  }

  /**
   * {@code users_public} rows: user id, handle and display name of the loaded users who have not opted
   * out; no other column of users reaches it. Pure.
   */
  public static Dataset<org.apache.spark.sql.Row> usersPublic(
      Dataset<org.apache.spark.sql.Row> loadedUsers, java.time.LocalDate runDate) {
    return loadedUsers.filter(coalesce(col(Users.OPTED_OUT), lit(false)).unary_$bang())
        .select(col(Users.USER_ID), col(Users.HANDLE), col(Users.DISPLAY_NAME),
            lit(java.sql.Date.valueOf(runDate)).as(OutputTables.CurrentState.AS_OF_RUN_DATE));
  }

  public static JobRun.Outcome<ValidatedInputs> run(RunContext ctx, List<InputDataset> datasets) throws java.io.IOException {
    Map<String, Object> inputs = io.virage.ingest.InputFingerprints.of(ctx.spark(), ctx.inputRoot(), datasets);
    ValidatedInputs in = ValidatedInputs.load(ctx.spark(), ctx.inputRoot(), datasets, ctx.validationParams());
    try {
      ctx.lake().replaceRunDate(OutputTables.QUARANTINE, in.quarantine(ctx.runDate()), ctx.runDate(),
          OutputTables.Quarantine.DATASET, datasets.stream().map(InputDataset::folder).toList());
      if (datasets.contains(InputDataset.BRANDS)) {
        ctx.lake().replaceAll(OutputTables.BRANDS, brands(in.loaded(InputDataset.BRANDS), ctx.runDate()));
      }
      if (datasets.contains(InputDataset.USERS)) {
        ctx.lake().replaceAll(OutputTables.USERS_PUBLIC, usersPublic(in.loaded(InputDataset.USERS), ctx.runDate()));
      }
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
