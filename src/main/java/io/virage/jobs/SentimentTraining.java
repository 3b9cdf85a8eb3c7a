package io.virage.jobs;

import static org.apache.spark.sql.functions.col;

import io.virage.config.Settings;
import io.virage.ingest.LabelledTexts;
import io.virage.sentiment.ClassificationMetrics;
import io.virage.sentiment.ModelRegistry;
import io.virage.sentiment.SentimentModel;
import io.virage.sentiment.StratifiedSplit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Training, evaluation and promotion of sentiment models (commands {@code train-sentiment},
 * {@code evaluate-sentiment}, {@code promote-sentiment}; and the first model of a warehouse in
 * {@code nightly}).
 *
 * <p>Training: stratified held-out split ({@code sentiment.held-out-fraction}, seeded), fit with
 * cross-validated L2 strength on the rest, metrics on the held-out rows, and the current champion
 * scored on the very same held-out rows. The new version becomes champion when there is none, when
 * asked ({@code --promote}), or when its held-out macro-F1 beats the champion's by more than
 * {@code sentiment.promotion-margin}; otherwise it is registered and the champion stays.
 */
public final class SentimentTraining {
  private static final Logger LOG = LoggerFactory.getLogger(SentimentTraining.class);

  /** What a training run did. */
  public record Outcome(int version, boolean promoted, String decision, long read, Map<String, Long> rejected,
      long trainingRows, long heldOutRows, ClassificationMetrics metrics, Double championMacroF1,
      Map<String, Object> params) {
    public Map<String, Object> details() {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("version", version);
      d.put("promoted", promoted);
      d.put("decision", decision);
      d.put("labelled_read", read);
      d.put("labelled_rejected", rejected);
      d.put("training_rows", trainingRows);
      d.put("held_out_rows", heldOutRows);
      d.put("held_out", metrics.asMap());
      d.put("champion_macro_f1_same_rows", championMacroF1);
      d.put("params", params);
      return d;
    }
  }

  private SentimentTraining() {}

  /** The registry lineage of a run: its id, command and configuration hash, and this build's commit. */
  public static ModelRegistry.Lineage lineage(JobRun run) {
    return new ModelRegistry.Lineage(run.runId(), run.command(), run.configHash(), Version.gitCommit());
  }

  public static Outcome train(SparkSession spark, ModelRegistry registry, Settings.Sentiment s, String labelsPath,
      boolean forcePromote, ModelRegistry.Lineage lineage) throws java.io.IOException {
    try (LabelledTexts.Loaded labelled = LabelledTexts.read(spark, labelsPath)) {
      if (labelled.used() == 0) {
        throw new io.virage.ingest.ContractViolation("labelled set " + labelsPath + ": no usable row (read "
            + labelled.read() + ", rejected " + labelled.rejected() + ")");
      }
      Dataset<Row> split = StratifiedSplit.split(labelled.rows(), s.heldOutFraction(), s.seed())
          .persist(StorageLevel.MEMORY_AND_DISK());
      try {
        Dataset<Row> train = split.filter(col(StratifiedSplit.HELD_OUT).unary_$bang());
        Dataset<Row> heldOut = split.filter(col(StratifiedSplit.HELD_OUT));
        long heldOutRows = heldOut.count();
        long trainingRows = labelled.used() - heldOutRows;
        LOG.info("train-sentiment: {} labelled rows read, {} used ({} training, {} held out), rejected {}",
            labelled.read(), labelled.used(), trainingRows, heldOutRows, labelled.rejected());
        SentimentModel.Trained model = SentimentModel.fit(train, s);
        // Rows in a language the model does not analyse were left out of the fit: not training rows.
        trainingRows -= ((Map<?, ?>) model.params().getOrDefault("unsupported_language_rows", Map.of())).values()
            .stream().mapToLong(v -> ((Number) v).longValue()).sum();
        ClassificationMetrics metrics = evaluate(model, heldOut);
        Optional<ModelRegistry.Entry> champion = registry.champion();
        Double championF1 = null;
        if (champion.isPresent()) {
          championF1 = evaluate(registry.load(champion.get()), heldOut).macroF1();
        }
        int version = registry.nextVersion();
        String decision;
        boolean promote;
        if (champion.isEmpty()) {
          promote = true;
          decision = "first model of the registry";
        } else if (forcePromote) {
          promote = true;
          decision = String.format(Locale.ROOT, "promoted by --promote (held-out macro-F1 %.4f vs champion v%d %.4f)",
              metrics.macroF1(), champion.get().version(), championF1);
        } else {
          promote = metrics.macroF1() > championF1 + s.promotionMargin();
          decision = decision(promote, metrics.macroF1(), champion.get().version(), championF1, heldOutRows,
              s.promotionMargin());
        }
        ModelRegistry.Registration registration = new ModelRegistry.Registration(version, model, labelsPath,
            labelled.fingerprint(), trainingRows, heldOutRows, labelled.rejectedTotal(), metrics, championF1, decision);
        Outcome outcome = new Outcome(version, promote, decision, labelled.read(), labelled.rejected(), trainingRows,
            heldOutRows, metrics, championF1, model.params());
        registry.register(registration, lineage, outcome.details());
        if (promote) {
          registry.promote(version, decision, lineage);
        }
        LOG.info("train-sentiment: v{} held-out accuracy {} macro-F1 {}; {}", version, metrics.accuracy(),
            metrics.macroF1(), decision);
        return outcome;
      } finally {
        split.unpersist(false);
      }
    }
  }

  /**
   * Why a challenger is or is not champion, in words: a tie (equal macro-F1 to the fourth decimal, as
   * printed) says so plainly, since a challenger must beat the champion by more than the margin.
   */
  static String decision(boolean promote, double challengerF1, int championVersion, double championF1,
      long heldOutRows, double margin) {
    String figures = String.format(Locale.ROOT, "held-out macro-F1 %.4f vs champion v%d %.4f on the same %d rows",
        challengerF1, championVersion, championF1, heldOutRows);
    if (promote) {
      return String.format(Locale.ROOT, "beat the champion: %s (margin %.4f)", figures, margin);
    }
    boolean tie = String.format(Locale.ROOT, "%.4f", challengerF1).equals(String.format(Locale.ROOT, "%.4f", championF1));
    if (tie) {
      return String.format(Locale.ROOT, "not promoted, a tie with the champion: %s; a challenger must beat it by more"
          + " than the margin %.4f", figures, margin);
    }
    return String.format(Locale.ROOT, "did not beat the champion: %s (margin %.4f)", figures, margin);
  }

  /** Metrics of {@code model} on labelled rows (text, label, lang). */
  public static ClassificationMetrics evaluate(SentimentModel.Trained model, Dataset<Row> labelled) {
    Dataset<Row> predicted = SentimentModel.predict(model, labelled, SentimentModel.TEXT, SentimentModel.LANG);
    return ClassificationMetrics.of(predicted, SentimentModel.LABEL, SentimentModel.PREDICTED,
        io.virage.sentiment.SentimentFeatures.LANG);
  }
}
