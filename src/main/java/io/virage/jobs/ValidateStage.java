package io.virage.jobs;

import io.virage.ingest.ValidatedInputs;
import io.virage.schema.InputContract.Dataset;
import io.virage.schema.OutputTables;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stage {@code validate}: reads the inputs, checks the contract, writes the run date's quarantine
 * (replacing a previous run of the same date) and reports counts that reconcile: rows_in = rows
 * read, rows_out = rows loaded, details.quarantined = the rest.
 */
public final class ValidateStage {
  private ValidateStage() {}

  public static JobRun.Outcome<ValidatedInputs> run(RunContext ctx, List<Dataset> datasets) {
    ValidatedInputs in = ValidatedInputs.load(ctx.spark(), ctx.inputRoot(), datasets, ctx.validationParams());
    try {
      ctx.lake().replaceRunDate(OutputTables.QUARANTINE, in.quarantine(ctx.runDate()), ctx.runDate());
    } catch (RuntimeException e) {
      in.close();
      throw e;
    }
    Map<String, Object> details = new LinkedHashMap<>(in.report());
    details.put("quarantined", in.totalQuarantined());
    return new JobRun.Outcome<>(in, in.totalRead(), in.totalLoaded(), details);
  }
}
