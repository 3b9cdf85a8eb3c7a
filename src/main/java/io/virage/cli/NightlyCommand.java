package io.virage.cli;

import io.virage.config.Settings;
import io.virage.demo.DemoGenerator;
import io.virage.jobs.Pipeline;
import io.virage.jobs.RunContext;
import io.virage.jobs.ValidateStage;
import io.virage.schema.InputContract.InputDataset;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nightly}: every stage in order for one run date. */
@Command(name = "nightly", mixinStandardHelpOptions = true,
    description = {"Run validate, influence, sentiment and ranking for one run date.",
        "Rerunning a date replaces that date's rows only; every stage is recorded in job_runs."})
public final class NightlyCommand extends VirageCommand implements WarehouseWriter {
  private static final Logger LOG = LoggerFactory.getLogger(NightlyCommand.class);
  /** Where --demo generates its input, under the warehouse. */
  public static final String DEMO_INPUT = "_demo_input";

  @Mixin
  RunOptions run;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  static final class Source {
    @Option(names = "--input", paramLabel = "PATH", description = "Input root (local or Hadoop URI).")
    String input;

    @Option(names = "--demo",
        description = "Use demo input under WAREHOUSE/" + DEMO_INPUT + ", generated (demo.users, demo.seed) if absent.")
    boolean demo;
  }

  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    Settings settings = common.settings();
    SparkSession spark = common.spark("nightly");
    String input = source.demo ? demoInput(spark, settings, common.warehouse, run.runDate()) : source.input;
    RunContext ctx = run.context(spark, settings, input, common.warehouse);
    Pipeline.Done done = new Pipeline(ctx, "nightly").run(datasets(ctx), Pipeline.NIGHTLY);
    out().printf("nightly %s succeeded in %.1f s (run %s); tables under %s%n", ctx.runDate(),
        (System.nanoTime() - start) / 1e9, done.runId(), ctx.lake().root());
    return 0;
  }

  /** What nightly (and each date of backfill) validates: the graph inputs, the labels, conversions if present. */
  static List<InputDataset> datasets(RunContext ctx) throws java.io.IOException {
    List<InputDataset> datasets = new ArrayList<>(InputDataset.graphInputs());
    datasets.add(InputDataset.SENTIMENT_LABELS);
    return ValidateStage.withIfPresent(ctx.spark(), ctx.inputRoot(), datasets, List.of(InputDataset.CONVERSIONS));
  }

  /** The demo input under the warehouse, generated with history up to {@code endDate} if absent. */
  static String demoInput(SparkSession spark, Settings settings, String warehouse, java.time.LocalDate endDate)
      throws java.io.IOException {
    Path root = new Path(warehouse, DEMO_INPUT);
    FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
    boolean complete = true;
    for (InputDataset d : InputDataset.values()) {
      complete &= fs.exists(new Path(new Path(root, d.folder()), "_SUCCESS"));
    }
    if (!complete) {
      LOG.info("generating demo input ({} users, seed {}) under {}", settings.demo().users(),
          settings.demo().seed(), root);
      new DemoGenerator(spark, new DemoGenerator.Params(settings.demo().users(), settings.demo().seed(),
          endDate, 10)).writeTo(root.toString());
    }
    return root.toString();
  }
}
