package io.virage.sentiment;

import static org.apache.spark.ml.functions.vector_to_array;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_max;
import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;

import io.virage.config.Settings;
import io.virage.schema.InputContract.SentimentLabels;
import io.virage.schema.OutputTables.Sentiment;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.HashingTF;
import org.apache.spark.ml.feature.IDF;
import org.apache.spark.ml.feature.NGram;
import org.apache.spark.ml.feature.RegexTokenizer;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A text sentiment classifier in Spark MLlib: normalised text (lower case, URLs and @mentions
 * replaced by placeholders), word unigrams and bigrams, hashed TF-IDF, multinomial logistic
 * regression. Trained on a seeded held-out split of a labelled set; the classes are the labels
 * found in it (negative/neutral/positive, or a two-class subset).
 *
 * <p>{@link #score} adds to any Dataset with a {@code text} column: {@link Sentiment#LABEL},
 * {@link Sentiment#PROBABILITY} (of the predicted class) and {@link Sentiment#SCORE}
 * = P(positive) - P(negative) in [-1, 1].
 */
public final class SentimentClassifier {
  private static final String LABEL_INDEX = "_label_idx";
  private static final String FEATURES = "_features";
  private static final String PROB = "_prob";
  private static final String PRED = "_pred";
  private static final List<String> INTERNAL = List.of("_norm", "_words", "_bigrams", "_terms", "_tf",
      FEATURES, "_raw", PROB, PRED);

  /** A trained model: the pipeline, its classes (index order), version and held-out figures. */
  public record Trained(PipelineModel pipeline, List<String> labels, String version,
      Map<String, Object> metrics) {}

  private SentimentClassifier() {}

  /**
   * Trains on loaded {@code sentiment_labels}. Runs Spark jobs; {@code labels} should be cached
   * by the caller. Fails with a clear message on fewer than two classes.
   */
  public static Trained train(Dataset<Row> labels, Settings.Sentiment s) {
    // Bounded: at most the three contract labels.
    List<String> classes = labels.select(SentimentLabels.LABEL).distinct().orderBy(SentimentLabels.LABEL)
        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    if (classes.size() < 2) {
      throw new IllegalArgumentException("dataset 'sentiment_labels': column 'label' needs at least two classes, found "
          + classes);
    }
    Column labelIndex = array_position(array(classes.stream().map(c -> lit(c)).toArray(Column[]::new)),
        col(SentimentLabels.LABEL)).minus(1).cast("double");
    Dataset<Row> indexed = labels.withColumn(LABEL_INDEX, labelIndex);
    Dataset<Row>[] split = indexed.randomSplit(new double[] {1 - s.heldOutFraction(), s.heldOutFraction()}, s.seed());
    Dataset<Row> train = split[0];
    Dataset<Row> test = split[1];

    LogisticRegression lr = new LogisticRegression().setFeaturesCol(FEATURES).setLabelCol(LABEL_INDEX)
        .setFamily("multinomial").setRegParam(s.regParam()).setMaxIter(s.maxIterations())
        .setProbabilityCol(PROB).setPredictionCol(PRED).setRawPredictionCol("_raw");
    Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
        new SQLTransformer().setStatement("SELECT *, regexp_replace(regexp_replace(lower(text), "
            + "'https?://[^ ]+', ' url '), '@[a-z0-9_]+', ' @user ') AS _norm FROM __THIS__"),
        new RegexTokenizer().setInputCol("_norm").setOutputCol("_words").setPattern("[\\s\\p{P}]+")
            .setToLowercase(false),
        new NGram().setN(2).setInputCol("_words").setOutputCol("_bigrams"),
        new SQLTransformer().setStatement("SELECT *, concat(_words, _bigrams) AS _terms FROM __THIS__"),
        new HashingTF().setInputCol("_terms").setOutputCol("_tf").setNumFeatures(s.numFeatures()),
        new IDF().setInputCol("_tf").setOutputCol(FEATURES),
        lr});
    PipelineModel model = pipeline.fit(train);

    Dataset<Row> predicted = model.transform(test);
    MulticlassClassificationEvaluator eval = new MulticlassClassificationEvaluator()
        .setLabelCol(LABEL_INDEX).setPredictionCol(PRED);
    // Order-independent fingerprint; 31-bit terms cannot overflow a long sum under ANSI mode.
    Row fp = labels.agg(count(lit(1)),
        sum(pmod(xxhash64(col(SentimentLabels.TEXT), col(SentimentLabels.LABEL)), lit(Integer.MAX_VALUE))))
        .first();
    long rows = fp.getLong(0);
    long fingerprint = fp.isNullAt(1) ? 0 : fp.getLong(1);
    long testRows = test.count();
    Map<String, Object> metrics = Map.of(
        "held_out_rows", testRows,
        "training_rows", rows - testRows,
        "held_out_accuracy", testRows == 0 ? Double.NaN : eval.setMetricName("accuracy").evaluate(predicted),
        "held_out_f1", testRows == 0 ? Double.NaN : eval.setMetricName("f1").evaluate(predicted),
        "classes", classes);
    String version = "adhoc-" + Long.toHexString(fingerprint ^ (31L * rows) ^ s.seed()
        ^ Double.doubleToLongBits(s.regParam()) ^ s.numFeatures());
    return new Trained(model, classes, version, metrics);
  }

  /** Adds label, probability and score to {@code texts} (a Dataset with a {@code text} column). */
  public static Dataset<Row> score(Trained model, Dataset<Row> texts) {
    Column probs = vector_to_array(col(PROB), "float64");
    Column classes = array(model.labels().stream().map(c -> lit(c)).toArray(Column[]::new));
    int pos = model.labels().indexOf("positive");
    int neg = model.labels().indexOf("negative");
    Column pPos = pos < 0 ? lit(0.0) : element_at(probs, pos + 1);
    Column pNeg = neg < 0 ? lit(0.0) : element_at(probs, neg + 1);
    Dataset<Row> out = model.pipeline().transform(texts)
        .withColumn(Sentiment.LABEL, element_at(classes, col(PRED).cast("int").plus(1)))
        .withColumn(Sentiment.PROBABILITY, array_max(probs))
        .withColumn(Sentiment.SCORE, pPos.minus(pNeg));
    return out.drop(INTERNAL.toArray(String[]::new));
  }
}
