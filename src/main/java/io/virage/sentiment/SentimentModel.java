package io.virage.sentiment;

import static org.apache.spark.ml.functions.vector_to_array;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_max;
import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.virage.config.Settings;
import io.virage.schema.InputContract.SentimentLabels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.HashingTF;
import org.apache.spark.ml.feature.IDF;
import org.apache.spark.ml.feature.NGram;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.feature.VectorSizeHint;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * The learned sentiment model: Spark MLlib over {@link SentimentFeatures}.
 *
 * <pre>
 *   terms ─► + word bigrams ─► HashingTF ─► IDF ─┐
 *   chars (3..5-grams) ──────► HashingTF ─► IDF ─┼─► VectorAssembler ─► logistic regression
 *   lexicon scores (x lexicon weight) ───────────┘     (multinomial; binomial for 2 classes)
 * </pre>
 *
 * The L2 strength is chosen by k-fold cross-validation on the training rows (grid
 * {@code sentiment.reg-params}, metric accuracy, seeded folds); the feature stages are fitted once
 * on all training rows before the search. The classes are the labels found, sorted; with
 * negative/neutral/positive, 3 classes, otherwise 2.
 *
 * <p>A fitted model is a {@link Trained}: the MLlib {@link PipelineModel} (saved and loaded with
 * MLlib's own writer), its classes and its parameters. The saved pipeline scores raw text on its
 * own: {@link TextFeatures} (the Virage text analysis as an MLlib stage), the feature stages, the
 * logistic regression, and a SQL stage naming the class ({@code predicted}); docs/sentiment.md,
 * "The saved model", says what loading it needs.
 */
public final class SentimentModel {
  /** The columns a model trains on and reads: the labelled set's, as the input contract names them. */
  public static final String LABEL = SentimentLabels.LABEL;
  public static final String TEXT = SentimentLabels.TEXT;
  public static final String LANG = SentimentLabels.LANG;
  public static final String PREDICTED = "predicted";
  static final String LABEL_INDEX = "_label_idx";
  static final String FEATURES = "_features";

  /** The features the settings turn on, as the training log names them (a disabled one is not named). */
  static String featureNames(Settings.Sentiment s) {
    List<String> on = new java.util.ArrayList<>(List.of("word n-grams"));
    if (s.charNgrams()) {
      on.add("character n-grams");
    }
    if (s.lexiconWeight() > 0) {
      on.add("lexicon");
    }
    return String.join(", ", on);
  }
  static final String PROBABILITY_VECTOR = "_probability";
  static final String PREDICTION = "_prediction";
  private static final List<String> INTERNAL = List.of("_bigrams", "_words", "_wtf", "_wv", "_ctf", "_cv",
      FEATURES, "_raw", PROBABILITY_VECTOR, PREDICTION, LABEL_INDEX);

  /** A fitted model: pipeline, classes in index order, the settings it was trained with, CV results. */
  public record Trained(PipelineModel pipeline, List<String> classes, double lexiconWeight,
      Map<String, Object> params) {}

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SentimentModel.class);

  private SentimentModel() {}

  private static double elapsed(long start) {
    return Math.round((System.nanoTime() - start) / 1e8) / 10.0;
  }

  /**
   * Fits on {@code labelled} ({@code text}, {@code label}, optional {@code lang}). Runs Spark jobs;
   * caches its own features and releases them before returning.
   */
  public static Trained fit(Dataset<Row> labelled, Settings.Sentiment s) {
    List<String> classes = labelled.select(LABEL).distinct().orderBy(LABEL)
        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList(); // at most a handful of labels
    if (classes.size() < 2) {
      throw new IllegalArgumentException("labelled texts: column 'label' needs at least two classes, found " + classes);
    }
    Dataset<Row> analysed = SentimentFeatures.add(labelled, TEXT, LANG, s.lexiconWeight())
        .withColumn(LABEL_INDEX, labelIndex(classes))
        .select(col(SentimentFeatures.LANG), col(LABEL_INDEX), col(SentimentFeatures.TERMS), col(SentimentFeatures.CHARS),
            col(SentimentFeatures.LEXICON))
        .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> featured = analysed.filter(SentimentFeatures.supported()).drop(SentimentFeatures.LANG);
    Dataset<Row> vectors = null;
    long start = System.nanoTime();
    Map<String, Long> unsupported;
    try {
      warnIfNativeBlasIsMultithreaded();
      unsupported = unsupportedLanguages(analysed); // fills the cache that the pipeline's fit reads next
      long rows = featured.count();
      if (!unsupported.isEmpty()) {
        LOG.warn("training: {} labelled rows in languages the model does not analyse are left out: {}",
            unsupported.values().stream().mapToLong(Long::longValue).sum(), unsupported);
      }
      LOG.info("training: fitting the feature pipeline ({}) on {} rows", featureNames(s), rows);
      PipelineModel features = featurePipeline(s).fit(featured);
      Dataset<Row> full = features.transform(featured).select(LABEL_INDEX, FEATURES);
      UsedFeatures used = UsedFeatures.of(full, FEATURES, dimension(s));
      vectors = detached(full, used.compact(full.javaRDD(), 1),
          (int) Math.max(1, Math.min(Integer.MAX_VALUE, (rows + ROWS_PER_TRAINING_TASK - 1) / ROWS_PER_TRAINING_TASK)));
      analysed.unpersist(false);
      LOG.info("training: features ready after {} s; the rows use {} of the {} features", elapsed(start),
          used.count(), used.size());

      LogisticRegression lr = new LogisticRegression().setFeaturesCol(FEATURES).setLabelCol(LABEL_INDEX)
          .setFamily(classes.size() > 2 ? "multinomial" : "binomial").setMaxIter(s.maxIterations())
          .setProbabilityCol(PROBABILITY_VECTOR).setPredictionCol(PREDICTION).setRawPredictionCol("_raw")
          .setRegParam(s.regParams().get(0)).setStandardization(false);
      Map<String, Object> params = new LinkedHashMap<>();
      LogisticRegressionModel best;
      if (s.regParams().size() > 1 && s.cvFolds() > 1) {
        ParamMap[] grid = new ParamGridBuilder()
            .addGrid(lr.regParam(), s.regParams().stream().mapToDouble(Double::doubleValue).toArray()).build();
        int parallelism = cvParallelism(grid.length, vectors.sparkSession().sparkContext().defaultParallelism());
        CrossValidator cv = new CrossValidator().setEstimator(lr).setEstimatorParamMaps(grid)
            .setEvaluator(new MulticlassClassificationEvaluator().setLabelCol(LABEL_INDEX)
                .setPredictionCol(PREDICTION).setMetricName("accuracy"))
            .setNumFolds(s.cvFolds()).setSeed(s.seed()).setParallelism(parallelism);
        LOG.info("training: cross-validation of {} regularization values x {} folds ({} fits, {} at a time, then the"
            + " best on all)", grid.length, s.cvFolds(), grid.length * s.cvFolds(), parallelism);
        CrossValidatorModel cvModel = cv.fit(vectors);
        best = (LogisticRegressionModel) cvModel.bestModel();
        Map<String, Double> cvAccuracy = new LinkedHashMap<>();
        for (int i = 0; i < grid.length; i++) {
          cvAccuracy.put(String.valueOf(s.regParams().get(i)), cvModel.avgMetrics()[i]);
        }
        params.put("cv_accuracy_by_reg_param", cvAccuracy);
        LOG.info("training: cross-validation done after {} s, accuracy by regularization {}", elapsed(start), cvAccuracy);
      } else {
        LOG.info("training: one logistic regression fit (regularization {})", s.regParams().get(0));
        best = lr.fit(vectors);
      }
      LOG.info("training: model fitted after {} s", elapsed(start));
      params.put("reg_param", best.getRegParam());
      best = used.expand(best, classes.size() > 2);
      params.put("reg_params_searched", s.regParams());
      params.put("cv_folds", s.cvFolds());
      params.put("max_iterations", s.maxIterations());
      params.put("num_features", s.numFeatures());
      params.put("char_ngrams", s.charNgrams());
      params.put("lexicon_weight", s.lexiconWeight());
      params.put("seed", s.seed());
      params.put("classes", classes);
      params.put("unsupported_language_rows", unsupported);
      PipelineModel pipeline = new Pipeline().setStages(new PipelineStage[] {
          new TextFeatures().setLexiconWeight(s.lexiconWeight()), features, best, classNames(classes)})
          .fit(labelled.limit(0));
      return new Trained(pipeline, classes, s.lexiconWeight(), params);
    } finally {
      analysed.unpersist(false);
      if (vectors != null) {
        vectors.unpersist(false);
      }
    }
  }

  /**
   * Fits of one fold that the cross-validation runs at once: every L2 value of the grid, up to two
   * per core. Each fit is a chain of small Spark jobs (one per L-BFGS iteration, one task each below
   * {@link #ROWS_PER_TRAINING_TASK} rows) whose driver-side work leaves the cores idle much of the
   * time (the 1M demo's first night: 35.2 task seconds in a 50.1 s stage on two cores). Running the
   * grid's three fits together instead of two then one took train-sentiment's cross-validation on
   * the 1M demo's labels from 34.4 and 32.0 s to 28.0 and 28.3 s on two cores (docs/benchmarks.md,
   * "Training's fits together"). The folds stay one after the other, as MLlib runs them, and each
   * fit is the same, so the model is the same bits.
   */
  static int cvParallelism(int gridSize, int cores) {
    return Math.max(1, Math.min(gridSize, 2 * cores));
  }

  /**
   * Training rows per task of each L-BFGS iteration. Every task receives the dense coefficients and
   * returns a dense gradient (2 MB each at the default 262,144 hashed features) whatever its number
   * of rows, so small training sets pay that per partition for nothing: they train in one partition.
   * Large sets keep their partitions (at most one per this many rows).
   */
  static final long ROWS_PER_TRAINING_TASK = 100_000;

  /**
   * OpenBLAS, when MLlib finds it (Debian's libblas.so.3 is often OpenBLAS), starts its own threads
   * per call and spins them; with Spark's own tasks on every core that costs more than it brings
   * (Spark's MLlib linear-algebra guide and SPARK-41188, which sets OMP_NUM_THREADS on cluster
   * executors; a local driver is not covered): fits are slower with the spinning threads than with
   * OPENBLAS_NUM_THREADS=1. An environment variable must be set before the JVM starts, so this can
   * only warn.
   */
  private static void warnIfNativeBlasIsMultithreaded() {
    if (System.getenv("OPENBLAS_NUM_THREADS") != null || System.getenv("OMP_NUM_THREADS") != null) {
      return;
    }
    String blas = dev.ludovic.netlib.blas.BLAS.getInstance().getClass().getSimpleName();
    if (blas.startsWith("JNI")) {
      LOG.warn("training: MLlib uses a native BLAS ({}), which may spin threads of its own; set OPENBLAS_NUM_THREADS=1"
          + " (or OMP_NUM_THREADS=1) in the environment of the JVM for faster training (docs/operations.md, \"Native BLAS\")", blas);
    }
  }

  /** Length of the assembled feature vector: word n-grams, character n-grams when on, lexicon scores. */
  static int dimension(Settings.Sentiment s) {
    return s.numFeatures() * (s.charNgrams() ? 2 : 1) + SentimentFeatures.LEXICON_SIZE;
  }

  /**
   * {@code rows} (with the columns of {@code ds}) in at most {@code maxPartitions} partitions,
   * materialised once, behind a lineage that holds none of the plan that computed them. Every
   * L-BFGS iteration is a Spark job whose tasks deserialise their RDD chain; with the feature plan
   * and VectorAssembler's per-feature metadata in it, that costs an order of magnitude more than an
   * iteration's actual work on a small training set.
   */
  private static Dataset<Row> detached(Dataset<Row> ds, org.apache.spark.api.java.JavaRDD<Row> rows, int maxPartitions) {
    if (rows.getNumPartitions() > maxPartitions) {
      rows = rows.coalesce(maxPartitions);
    }
    rows.persist(StorageLevel.MEMORY_AND_DISK());
    rows.rdd().localCheckpoint();
    rows.count();
    // Without the column metadata too: VectorAssembler describes every one of the ~500k features
    // there, and the schema travels with each task.
    org.apache.spark.sql.types.StructType bare = new org.apache.spark.sql.types.StructType(
        java.util.Arrays.stream(ds.schema().fields())
            .map(f -> new org.apache.spark.sql.types.StructField(f.name(), f.dataType(), f.nullable(),
                org.apache.spark.sql.types.Metadata.empty()))
            .toArray(org.apache.spark.sql.types.StructField[]::new));
    return ds.sparkSession().createDataFrame(rows, bare);
  }

  /** The feature pipeline's second stage: the terms and their bigrams, the words hashed next. */
  static final String WORDS_STATEMENT = "SELECT *, concat(" + SentimentFeatures.TERMS + ", _bigrams) AS _words FROM __THIS__";

  static Pipeline featurePipeline(Settings.Sentiment s) {
    List<PipelineStage> stages = new ArrayList<>(List.of(
        new NGram().setN(2).setInputCol(SentimentFeatures.TERMS).setOutputCol("_bigrams"),
        new SQLTransformer().setStatement(WORDS_STATEMENT),
        new HashingTF().setInputCol("_words").setOutputCol("_wtf").setNumFeatures(s.numFeatures()),
        new IDF().setInputCol("_wtf").setOutputCol("_wv")));
    List<String> parts = new ArrayList<>(List.of("_wv"));
    if (s.charNgrams()) {
      stages.add(new HashingTF().setInputCol(SentimentFeatures.CHARS).setOutputCol("_ctf").setNumFeatures(s.numFeatures()));
      stages.add(new IDF().setInputCol("_ctf").setOutputCol("_cv"));
      parts.add("_cv");
    }
    parts.add(SentimentFeatures.LEXICON);
    // Declares the lexicon vector's length, so that the assembler also works on an empty Dataset
    // (a tiny labelled set can leave no held-out row; a night can bring no new post).
    stages.add(new VectorSizeHint().setInputCol(SentimentFeatures.LEXICON).setSize(SentimentFeatures.LEXICON_SIZE));
    stages.add(new VectorAssembler().setInputCols(parts.toArray(String[]::new)).setOutputCol(FEATURES));
    return new Pipeline().setStages(stages.toArray(PipelineStage[]::new));
  }

  /**
   * The pipeline's last stage: the predicted class's name in {@link #PREDICTED}, null for a text in a
   * language the model does not analyse. Built-in SQL, so any Spark reads it.
   */
  private static SQLTransformer classNames(List<String> classes) {
    String names = classes.stream().map(c -> "'" + c.replace("'", "''") + "'").collect(java.util.stream.Collectors.joining(", "));
    String supported = io.virage.sentiment.TextAnalysis.SUPPORTED.stream().sorted().map(l -> "'" + l + "'")
        .collect(java.util.stream.Collectors.joining(", "));
    return new SQLTransformer().setStatement("SELECT *, CASE WHEN " + SentimentFeatures.LANG + " IN (" + supported
        + ") THEN element_at(array(" + names + "), CAST(" + PREDICTION + " AS INT) + 1) END AS " + PREDICTED
        + " FROM __THIS__");
  }

  /**
   * Rows of {@code analysed} (with {@link SentimentFeatures#LANG}) per language the model does not
   * analyse; empty when every row is English or French. One aggregation of every row (it fills a
   * cache when {@code analysed} is persisted); the driver sees one count per language.
   */
  static Map<String, Long> unsupportedLanguages(Dataset<Row> analysed) {
    Map<String, Long> out = new java.util.TreeMap<>();
    for (Row r : analysed.groupBy(SentimentFeatures.LANG).count().collectAsList()) { // one row per language
      if (!io.virage.sentiment.TextAnalysis.SUPPORTED.contains(r.getString(0))) {
        out.put(r.getString(0), r.getLong(1));
      }
    }
    return out;
  }

  private static Column labelIndex(List<String> classes) {
    return array_position(array(classes.stream().map(c -> lit(c)).toArray(Column[]::new)), col(LABEL))
        .minus(1).cast("double");
  }

  /**
   * Adds to {@code texts} (a {@code text} column, optional {@code lang}): {@link #PREDICTED} (a class
   * name), {@code probability} (of that class), {@code score} = P(positive) - P(negative) in [-1, 1],
   * {@code p_<class>} per class, {@code lexicon_compound} and the resolved {@code _lang}.
   */
  public static Dataset<Row> predict(Trained model, Dataset<Row> texts, String textCol, String langCol) {
    PipelineModel pipeline = model.pipeline();
    Dataset<Row> transformed;
    java.util.Optional<FusedFeatures> fused = FusedFeatures.of(pipeline);
    if (fused.isPresent()) {
      // The same features in one pass (FusedFeatures), then the saved stages after them as they are.
      transformed = fused.get().add(texts, textCol, langCol);
      for (int i = 2; i < pipeline.stages().length; i++) {
        transformed = pipeline.stages()[i].transform(transformed);
      }
    } else if (pipeline.stages()[0] instanceof TextFeatures first) {
      transformed = pipeline.copy(new ParamMap().put(first.textCol().w(textCol)).put(first.langCol().w(langCol)))
          .transform(texts);
    } else {
      // A model saved before its pipeline started with TextFeatures: the features are added here.
      transformed = pipeline.transform(SentimentFeatures.add(texts, textCol, langCol, model.lexiconWeight()));
    }
    Column probs = vector_to_array(col(PROBABILITY_VECTOR), "float64");
    Column classes = array(model.classes().stream().map(c -> lit(c)).toArray(Column[]::new));
    int pos = model.classes().indexOf("positive");
    int neg = model.classes().indexOf("negative");
    // A text in a language the model does not know gets no sentiment at all (null), not a guess.
    Column scored = SentimentFeatures.supported();
    Dataset<Row> out = transformed
        .withColumn(PREDICTED, when(scored, element_at(classes, col(PREDICTION).cast("int").plus(1))))
        .withColumn("probability", when(scored, array_max(probs)))
        .withColumn("score", when(scored, (pos < 0 ? lit(0.0) : element_at(probs, pos + 1))
            .minus(neg < 0 ? lit(0.0) : element_at(probs, neg + 1))));
    for (int i = 0; i < model.classes().size(); i++) {
      out = out.withColumn("p_" + model.classes().get(i), when(scored, element_at(probs, i + 1)));
    }
    List<String> drop = new ArrayList<>(INTERNAL);
    drop.addAll(List.of(SentimentFeatures.TERMS, SentimentFeatures.CHARS, SentimentFeatures.LEXICON));
    return out.withColumnRenamed(SentimentFeatures.COMPOUND, "lexicon_compound").drop(drop.toArray(String[]::new));
  }
}
