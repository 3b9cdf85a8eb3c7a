package io.virage.sentiment;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;

import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.feature.HashingTF;
import org.apache.spark.ml.feature.IDF;
import org.apache.spark.ml.feature.NGram;
import org.apache.spark.ml.feature.RegexTokenizer;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The plain n-gram model a user would pick first, kept as the baseline the product's model must
 * beat: lower-cased words (URLs and @mentions replaced), unigrams and bigrams, hashed TF-IDF,
 * logistic regression with a fixed L2 strength. No lexicon, no language analysis, no search.
 */
public final class NgramBaseline {
  private static final String LABEL_INDEX = "_label_idx";
  private static final String FEATURES = "_features";
  private static final String PROB = "_prob";
  private static final String PRED = "_pred";

  private NgramBaseline() {}

  /** Fits on {@code labelled} ({@code text}, {@code label}); returns the model and its classes. */
  public static Fitted fit(Dataset<Row> labelled, double regParam, int numFeatures, int maxIterations) {
    List<String> classes = labelled.select("label").distinct().orderBy("label")
        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList(); // a handful of labels
    Column labelIndex = array_position(array(classes.stream().map(c -> lit(c)).toArray(Column[]::new)),
        col("label")).minus(1).cast("double");
    LogisticRegression lr = new LogisticRegression().setFeaturesCol(FEATURES).setLabelCol(LABEL_INDEX)
        .setRegParam(regParam).setMaxIter(maxIterations)
        .setProbabilityCol(PROB).setPredictionCol(PRED).setRawPredictionCol("_raw");
    Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
        new SQLTransformer().setStatement("SELECT *, regexp_replace(regexp_replace(lower(text), "
            + "'https?://[^ ]+', ' url '), '@[a-z0-9_]+', ' @user ') AS _norm FROM __THIS__"),
        new RegexTokenizer().setInputCol("_norm").setOutputCol("_words").setPattern("[\\s\\p{P}]+")
            .setToLowercase(false),
        new NGram().setN(2).setInputCol("_words").setOutputCol("_bigrams"),
        new SQLTransformer().setStatement("SELECT *, concat(_words, _bigrams) AS _terms FROM __THIS__"),
        new HashingTF().setInputCol("_terms").setOutputCol("_tf").setNumFeatures(numFeatures),
        new IDF().setInputCol("_tf").setOutputCol(FEATURES),
        lr});
    return new Fitted(pipeline.fit(labelled.withColumn(LABEL_INDEX, labelIndex)), classes);
  }

  public record Fitted(PipelineModel pipeline, List<String> classes) {}

  /** Adds {@code predicted} (a class name) to {@code texts}. */
  public static Dataset<Row> predict(Fitted model, Dataset<Row> texts) {
    Column classes = array(model.classes().stream().map(c -> lit(c)).toArray(Column[]::new));
    return model.pipeline().transform(texts)
        .withColumn(SentimentModel.PREDICTED, element_at(classes, col(PRED).cast("int").plus(1)))
        .drop("_norm", "_words", "_bigrams", "_terms", "_tf", FEATURES, "_raw", PROB, PRED);
  }
}
