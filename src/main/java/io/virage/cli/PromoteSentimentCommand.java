package io.virage.cli;

import io.virage.config.Settings;
import io.virage.jobs.JobRun;
import io.virage.jobs.SentimentTraining;
import io.virage.lake.Lakehouse;
import io.virage.sentiment.ModelRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code promote-sentiment}: make a registered version champion (promotion by hand, or rollback),
 * recorded in {@code job_runs} (stage promote-sentiment) and {@code model_events} (promoted, and
 * demoted for the champion it replaces).
 */
@Command(name = "promote-sentiment", mixinStandardHelpOptions = true,
    description = {"Make a registered sentiment model version the champion (for example to roll back).",
        "The next scoring run rescores every post with it. Recorded in job_runs and model_events."})
public final class PromoteSentimentCommand extends VirageCommand implements WarehouseWriter {
  @Option(names = "--version", required = true, paramLabel = "V", description = "Version number in sentiment_models.")
  int version;

  @Option(names = "--reason", paramLabel = "TEXT",
      description = "Why (kept in model_events.reason and the version's decision), e.g. a ticket.")
  String reason;

  @Override
  public Integer call() throws Exception {
    Settings settings = common.settings();
    SparkSession spark = common.spark("promote-sentiment");
    Lakehouse lake = new Lakehouse(spark, common.warehouse);
    ModelRegistry registry = new ModelRegistry(spark, lake);
    if (registry.get(version).isEmpty()) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--version: " + version + " is not in sentiment_models");
    }
    Optional<Integer> champion = registry.champion().map(ModelRegistry.Entry::version);
    if (champion.isPresent() && champion.get() == version) {
      out().printf("sentiment model v%d is already champion: nothing changed%n", version);
      return 0;
    }
    String was = champion.map(v -> "v" + v).orElse("none");
    String decision = "promoted by hand with promote-sentiment (previous champion " + was + ")"
        + (reason == null || reason.isBlank() ? "" : ": " + reason.strip());
    JobRun run = new JobRun(spark, lake, "promote-sentiment", CommonOptions.lastCompleteDay(), settings.hash());
    run.stage("promote-sentiment", () -> {
      registry.promote(version, decision, SentimentTraining.lineage(run));
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("champion", version);
      details.put("previous_champion", champion.orElse(null));
      details.put("actor", ModelRegistry.actor());
      return new JobRun.Outcome<>(null, 0, 1, details);
    });
    out().printf("sentiment model v%d is champion (was %s)%n", version, was);
    return 0;
  }
}
