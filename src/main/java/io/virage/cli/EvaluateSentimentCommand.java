package io.virage.cli;

import io.virage.ingest.LabelledTexts;
import io.virage.jobs.JobRun;
import io.virage.jobs.SentimentTraining;
import io.virage.lake.Lakehouse;
import io.virage.sentiment.ClassificationMetrics;
import io.virage.sentiment.ModelRegistry;
import java.io.PrintWriter;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code evaluate-sentiment}: metrics of a registered model on any labelled set; with
 * {@code --record}, stored in {@code model_evaluations} and {@code model_events} (and job_runs).
 */
@Command(name = "evaluate-sentiment", mixinStandardHelpOptions = true,
    description = {"Score a labelled set with a registered model and print accuracy, macro-F1, per-class",
        "precision/recall/F1/support, the confusion matrix and the figures per language.",
        "With --record, store the result in model_evaluations (and an evaluated event in model_events)."})
public final class EvaluateSentimentCommand extends VirageCommand implements WarehouseWriter {
  @Option(names = "--labels", required = true, paramLabel = "PATH",
      description = "Labelled texts (same formats as train-sentiment).")
  String labels;

  @Option(names = "--model", paramLabel = "champion|V", defaultValue = "champion",
      description = "Model to evaluate: champion or a version number. Default: ${DEFAULT-VALUE}.")
  String model;

  @Option(names = "--format", paramLabel = "table|json", defaultValue = "table",
      description = "Output: table (readable) or json (keys n, accuracy, macro_f1, per_class, confusion_matrix,"
          + " per_language, model_version, labelled_read, labelled_rejected). Default: ${DEFAULT-VALUE}.")
  String format;

  @Option(names = "--record", description = "Store the evaluation in model_evaluations and model_events.")
  boolean record;

  /** Only a recorded evaluation writes the warehouse (and takes its lock). */
  @Override
  public boolean writes() {
    return record;
  }

  @Override
  public Integer call() throws Exception {
    if (!format.equals("table") && !format.equals("json")) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--format: expected table or json, found '" + format + "'");
    }
    io.virage.config.Settings settings = common.settings();
    SparkSession spark = common.spark("evaluate-sentiment");
    Lakehouse lake = new Lakehouse(spark, common.warehouse);
    ModelRegistry registry = new ModelRegistry(spark, lake);
    ModelRegistry.Entry entry;
    if (model.equals("champion")) {
      entry = registry.champion().orElseThrow(() -> new IllegalStateException(
          "no champion sentiment model in " + common.warehouse + ": run train-sentiment first"));
    } else {
      int v;
      try {
        v = Integer.parseInt(model);
      } catch (NumberFormatException e) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
            "--model: expected champion or a version number, found '" + model + "'");
      }
      entry = registry.get(v).orElseThrow(() -> new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--model: version " + v + " is not in sentiment_models"));
    }
    try (LabelledTexts.Loaded l = LabelledTexts.read(spark, labels)) {
      ClassificationMetrics m = SentimentTraining.evaluate(registry.load(entry), l.rows());
      if (record) {
        JobRun run = new JobRun(spark, lake, "evaluate-sentiment", CommonOptions.lastCompleteDay(), settings.hash());
        run.stage("evaluate-sentiment", () -> {
          registry.recordEvaluation(entry.version(), m, labels, l.fingerprint(), l.read(), l.rejected(),
              SentimentTraining.lineage(run));
          java.util.Map<String, Object> details = new java.util.LinkedHashMap<>(); // ordered, unlike Map.of
          details.put("version", entry.version());
          details.put("accuracy", m.accuracy());
          details.put("macro_f1", m.macroF1());
          return new JobRun.Outcome<>(null, l.read(), 1, details);
        });
      }
      PrintWriter out = out();
      if (format.equals("json")) {
        java.util.Map<String, Object> json = new java.util.LinkedHashMap<>(m.asMap());
        json.put("model_version", entry.version());
        json.put("labelled_read", l.read());
        json.put("labelled_rejected", l.rejected());
        out.println(new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
            .writeValueAsString(json));
        return 0;
      }
      out.printf(Locale.ROOT, "model v%d on %s: n %d (read %d, rejected %s)%n", entry.version(), labels, m.n(), l.read(),
          l.rejected());
      out.printf(Locale.ROOT, "accuracy %.4f   macro-F1 %.4f%n", m.accuracy(), m.macroF1());
      out.printf(Locale.ROOT, "%-10s %9s %9s %9s %9s%n", "class", "precision", "recall", "f1", "support");
      m.perClass().forEach((c, f) -> out.printf(Locale.ROOT, "%-10s %9.4f %9.4f %9.4f %9d%n", c, f.precision(),
          f.recall(), f.f1(), f.support()));
      out.printf("confusion (rows true, columns predicted, order %s): %s%n", m.classes(), m.confusion());
      m.perLanguage().forEach((lang, lm) -> out.printf(Locale.ROOT, "lang %-8s n %d accuracy %.4f macro-F1 %.4f%n",
          lang, lm.n(), lm.accuracy(), lm.macroF1()));
      m.unscored().forEach((lang, n) -> out.printf(Locale.ROOT, "lang %-8s n %d not scored: a language the model does"
          + " not analyse%n", lang, n));
    }
    return 0;
  }
}
