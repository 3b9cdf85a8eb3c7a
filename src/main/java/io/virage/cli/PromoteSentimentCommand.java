package io.virage.cli;

import io.virage.lake.Lakehouse;
import io.virage.sentiment.ModelRegistry;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code promote-sentiment}: make a registered version champion (promotion by hand, or rollback). */
@Command(name = "promote-sentiment", mixinStandardHelpOptions = true,
    description = {"Make a registered sentiment model version the champion (for example to roll back).",
        "The next scoring run rescores every post with it."})
public final class PromoteSentimentCommand implements Callable<Integer>, WarehouseWriter {
  @Mixin
  CommonOptions common;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--version", required = true, paramLabel = "V", description = "Version number in sentiment_models.")
  int version;

  @Override
  public Integer call() {
    common.settings();
    SparkSession spark = common.spark("promote-sentiment");
    ModelRegistry registry = new ModelRegistry(spark, new Lakehouse(spark, common.warehouse));
    if (registry.get(version).isEmpty()) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--version: " + version + " is not in sentiment_models");
    }
    int previous = registry.champion().map(ModelRegistry.Entry::version).orElse(-1);
    registry.promote(version, "promoted by hand with promote-sentiment (previous champion "
        + (previous < 0 ? "none" : "v" + previous) + ")");
    spec.commandLine().getOut().printf("sentiment model v%d is champion (was %s)%n", version,
        previous < 0 ? "none" : "v" + previous);
    return 0;
  }
}
