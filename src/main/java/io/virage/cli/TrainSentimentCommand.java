package io.virage.cli;

import io.virage.config.Settings;
import io.virage.jobs.JobRun;
import io.virage.jobs.SentimentTraining;
import io.virage.lake.Lakehouse;
import io.virage.sentiment.ModelRegistry;
import java.io.PrintWriter;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code train-sentiment}: a new model version from a labelled set, promoted only if it is better. */
@Command(name = "train-sentiment", mixinStandardHelpOptions = true,
    description = {"Train a sentiment model (TF-IDF word and character n-grams + lexicon scores, logistic regression,",
        "L2 strength by cross-validation) on a labelled set; report held-out metrics; register it in",
        "sentiment_models as a new version. It becomes champion if there is none, with --promote, or if its",
        "held-out macro-F1 beats the champion's on the same held-out rows by more than sentiment.promotion-margin."})
public final class TrainSentimentCommand extends VirageCommand implements WarehouseWriter {
  @Option(names = "--labels", required = true, paramLabel = "PATH",
      description = "Labelled texts: a sentiment_labels Parquet folder or file, or .csv/.tsv (header) or .json/.jsonl"
          + " lines, with columns text, label (negative/neutral/positive) and optional lang.")
  String labels;

  @Option(names = "--promote", description = "Make the new version champion even if it does not beat the current one.")
  boolean promote;

  @Override
  public Integer call() throws Exception {
    Settings settings = common.settings();
    SparkSession spark = common.spark("train-sentiment");
    Lakehouse lake = new Lakehouse(spark, common.warehouse);
    ModelRegistry registry = new ModelRegistry(spark, lake);
    JobRun run = new JobRun(spark, lake, "train-sentiment", CommonOptions.lastCompleteDay(), settings.hash());
    SentimentTraining.Outcome o = run.stage("train-sentiment", () -> {
      SentimentTraining.Outcome t = SentimentTraining.train(spark, registry, settings.sentiment(), labels, promote,
          SentimentTraining.lineage(run));
      return new JobRun.Outcome<>(t, t.read(), t.trainingRows(), t.details());
    });
    PrintWriter out = out();
    out.printf(Locale.ROOT, "sentiment model v%d: %d labelled rows read, %d rejected %s, %d training, %d held out%n",
        o.version(), o.read(), o.rejected().values().stream().mapToLong(Long::longValue).sum(), o.rejected(),
        o.trainingRows(), o.heldOutRows());
    out.printf(Locale.ROOT, "held-out accuracy %.4f, macro-F1 %.4f; reg_param %s%n", o.metrics().accuracy(),
        o.metrics().macroF1(), o.params().get("reg_param"));
    out.printf(Locale.ROOT, "%s: %s%n", o.promoted() ? "champion" : "not champion", o.decision());
    return 0;
  }
}
