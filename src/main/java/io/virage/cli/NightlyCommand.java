package io.virage.cli;

import io.virage.config.Settings;
import io.virage.demo.DemoGenerator;
import io.virage.jobs.JobRun;
import io.virage.jobs.NightlyJob;
import io.virage.jobs.RunContext;
import io.virage.schema.InputContract.InputDataset;
import java.util.concurrent.Callable;
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
public final class NightlyCommand implements Callable<Integer>, WarehouseWriter {
  private static final Logger LOG = LoggerFactory.getLogger(NightlyCommand.class);
  /** Where --demo generates its input, under the warehouse. */
  public static final String DEMO_INPUT = "_demo_input";

  @Mixin
  CommonOptions common;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

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
    JobRun jobRun = new JobRun(spark, ctx.lake(), "nightly", ctx.runDate(), settings.hash());
    NightlyJob.run(ctx, jobRun);
    spec.commandLine().getOut().printf("nightly %s succeeded in %.1f s (run %s); tables under %s%n", ctx.runDate(),
        (System.nanoTime() - start) / 1e9, jobRun.runId(), ctx.lake().root());
    return 0;
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
