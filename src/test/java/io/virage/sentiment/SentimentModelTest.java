package io.virage.sentiment;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virage.SparkTestBase;
import io.virage.config.Settings;
import io.virage.jobs.SentimentStage;
import io.virage.schema.OutputTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One small model, trained once on hand-written English and French sentences (and two Spanish ones
 * it must leave out): posts in languages it does not analyse get no sentiment and are counted, and
 * its saved pipeline scores raw text after a plain {@code PipelineModel.load}.
 */
class SentimentModelTest extends SparkTestBase {
  private static final StructType LABELLED = new StructType().add("text", DataTypes.StringType)
      .add("label", DataTypes.StringType).add("lang", DataTypes.StringType);
  private static final StructType TEXTS = new StructType().add("id", DataTypes.StringType)
      .add("text", DataTypes.StringType).add("lang", DataTypes.StringType);
  private static SentimentModel.Trained model;

  @BeforeAll
  static void trainOnce() {
    List<Object[]> rows = new ArrayList<>();
    String[] good = {"I love this phone", "great service and fast delivery", "really happy with it", "excellent, thank you",
        "the best product I have had", "wonderful support team"};
    String[] bad = {"I hate this phone", "terrible service and slow delivery", "really unhappy with it", "awful, never again",
        "the worst product I have had", "useless support team"};
    String[] bon = {"j'adore ce produit", "service excellent et rapide", "très content, merci"};
    String[] mauvais = {"je déteste ce produit", "service nul et lent", "très déçu, jamais plus"};
    for (String t : good) {
      rows.add(new Object[] {t, "positive", "en"});
    }
    for (String t : bad) {
      rows.add(new Object[] {t, "negative", "en"});
    }
    for (String t : bon) {
      rows.add(new Object[] {t, "positive", "fr"});
    }
    for (String t : mauvais) {
      rows.add(new Object[] {t, "negative", "fr"});
    }
    rows.add(new Object[] {"me encanta este producto", "positive", "es"});
    rows.add(new Object[] {"El servicio es muy malo", "negative", null});
    Settings.Sentiment s = Settings.load(java.util.Optional.empty(), Map.of("sentiment.cv-folds", "1",
        "sentiment.reg-params", "[0.01]", "sentiment.num-features", "1024")).sentiment();
    model = SentimentModel.fit(rows(LABELLED, rows.toArray(Object[][]::new)), s);
  }

  private static Dataset<Row> texts() {
    return rows(TEXTS,
        new Object[] {"en", "I love it, great service", "en"},
        new Object[] {"fr", "Très déçu, service nul", null},
        new Object[] {"es-declared", "great service", "es"},
        new Object[] {"es-detected", "El producto es muy bueno pero caro", null},
        new Object[] {"ru", "Это очень хороший продукт", null});
  }

  @Test
  void postsInOtherLanguagesGetNoSentimentAndAreCounted() {
    assertEquals(Map.of("es", 2L), model.params().get("unsupported_language_rows"),
        "the two Spanish labelled rows (one declared, one detected) are left out of training, counted");
    Dataset<Row> scored = SentimentModel.predict(model, texts(), "text", "lang");
    Map<String, Row> byId = new java.util.HashMap<>();
    for (Row r : scored.collectAsList()) {
      byId.put(r.getAs("id"), r);
    }
    assertEquals("positive", byId.get("en").getAs(SentimentModel.PREDICTED));
    assertEquals("negative", byId.get("fr").getAs(SentimentModel.PREDICTED));
    assertEquals("fr", byId.get("fr").getAs(SentimentFeatures.LANG), "detected");
    for (String id : List.of("es-declared", "es-detected", "ru")) {
      Row r = byId.get(id);
      for (String c : List.of(SentimentModel.PREDICTED, "probability", "score", "p_positive", "p_negative",
          "lexicon_compound")) {
        assertNull(r.getAs(c), id + " " + c);
      }
    }
    assertEquals("es", byId.get("es-declared").getAs(SentimentFeatures.LANG));
    assertEquals("es", byId.get("es-detected").getAs(SentimentFeatures.LANG));
    assertEquals(TextAnalysis.UNSUPPORTED, byId.get("ru").getAs(SentimentFeatures.LANG));
    assertNotNull(byId.get("en").getAs("score"));

    // Held-out metrics count only what the model scored, and name the rest per language.
    Dataset<Row> truth = scored.withColumn("truth", org.apache.spark.sql.functions.lit("positive"));
    ClassificationMetrics m = ClassificationMetrics.of(truth, "truth", SentimentModel.PREDICTED, SentimentFeatures.LANG);
    assertEquals(2, m.n());
    assertEquals(0.5, m.accuracy(), 1e-12, "en positive right, fr negative wrong");
    assertEquals(Map.of("es", 2L, TextAnalysis.UNSUPPORTED, 1L), m.unscored());
    assertEquals(Map.of("n", 2L, "unsupported", true),
        ((Map<?, ?>) m.asMap().get("per_language")).get("es"));

    // The stage's figures, and user_brand_sentiment leaves the unscored posts out.
    Dataset<Row> postSentiment = scored.select(col(SentimentFeatures.LANG).as(OutputTables.Sentiment.LANG),
        col(SentimentModel.PREDICTED).as(OutputTables.Sentiment.LABEL), col("score").as(OutputTables.Sentiment.SCORE),
        org.apache.spark.sql.functions.lit("u1").as(OutputTables.Sentiment.AUTHOR_ID),
        org.apache.spark.sql.functions.array(org.apache.spark.sql.functions.lit("b1")).as(OutputTables.Sentiment.BRAND_IDS),
        org.apache.spark.sql.functions.lit(Timestamp.valueOf("2026-11-01 10:00:00")).as(OutputTables.Sentiment.TS));
    Map<String, Object> figures = SentimentStage.languageFigures(postSentiment);
    assertEquals(Map.of("en", 1L, "fr", 1L, "es", 2L, TextAnalysis.UNSUPPORTED, 1L), figures.get("posts_by_language"));
    assertEquals(Map.of("es", 2L, TextAnalysis.UNSUPPORTED, 1L), figures.get("unsupported_posts_by_language"));
    Row pair = UserBrandSentiment.aggregate(postSentiment, 3, LocalDate.of(2026, 11, 2)).first();
    assertEquals(2L, pair.<Long>getAs(OutputTables.UserBrandSentiment.POSTS), "the en and fr posts only");
  }

  @Test
  void theSavedPipelineScoresRawTextAfterAPlainLoad() throws Exception {
    Path dir = Files.createTempDirectory("virage-saved-pipeline");
    model.pipeline().write().overwrite().save(dir.resolve("model").toString());
    // A fresh session reads only the saved files and MLlib's loader: no Virage call prepares the text.
    SparkSession fresh = spark.newSession();
    Dataset<Row> raw = fresh.createDataFrame(texts().collectAsList(), TEXTS);
    PipelineModel loaded = PipelineModel.load(dir.resolve("model").toString());
    assertTrue(loaded.stages()[0] instanceof TextFeatures, "the text analysis is the first saved stage");
    Map<String, String> standalone = new java.util.HashMap<>();
    for (Row r : loaded.transform(raw).select("id", SentimentModel.PREDICTED).collectAsList()) {
      standalone.put(r.getString(0), r.getString(1));
    }
    Map<String, String> inProduct = new java.util.HashMap<>();
    for (Row r : SentimentModel.predict(model, texts(), "text", "lang").select("id", SentimentModel.PREDICTED)
        .collectAsList()) {
      inProduct.put(r.getString(0), r.getString(1));
    }
    assertEquals(inProduct, standalone, "the loaded pipeline predicts what the product predicts, null included");
    assertFalse(standalone.get("en") == null);
    assertNull(standalone.get("ru"));
  }

  /** Texts for the fused features: surrogate pairs, emoji, repeats, empty, null, unsupported languages. */
  private static Dataset<Row> trickyTexts() {
    return rows(TEXTS,
        new Object[] {"a", "I love it, great service", "en"},
        new Object[] {"b", "Très déçu, service nul", null},
        new Object[] {"c", "great service", "es"},
        new Object[] {"d", "Это очень хороший продукт", null},
        new Object[] {"e", "", "en"},
        new Object[] {"f", null, "fr"},
        new Object[] {"g", "TOP 😍😍😍 I love love love it!!! www.x.io @bob #win", "EN-gb"},
        new Object[] {"h", "n'aime pas du tout, mais c'est génial 𝐀𝐁𝐂 ☀️ :) :(", "fr"},
        new Object[] {"i", "great great great service service", "en"},
        new Object[] {"j", "the worst product I have had, useless support team", "en"});
  }

  /** The fused features of {@code whole} against its own text stage and feature pipeline, stage by stage. */
  private static void assertFusedFeaturesAreTheStages(PipelineModel whole, Dataset<Row> texts) {
    FusedFeatures fused = FusedFeatures.of(whole).orElseThrow();
    Map<String, Object> reference = new java.util.HashMap<>();
    for (Row r : whole.stages()[1].transform(whole.stages()[0].transform(texts)).select("id", SentimentModel.FEATURES,
        SentimentFeatures.COMPOUND, SentimentFeatures.LANG).collectAsList()) {
      reference.put(r.getString(0), List.of(r.get(1), String.valueOf(r.get(2)), r.getString(3)));
    }
    Map<String, Object> actual = new java.util.HashMap<>();
    for (Row r : fused.add(texts, "text", "lang").select("id", SentimentModel.FEATURES,
        SentimentFeatures.COMPOUND, SentimentFeatures.LANG).collectAsList()) {
      actual.put(r.getString(0), List.of(r.get(1), String.valueOf(r.get(2)), r.getString(3)));
    }
    assertEquals(reference, actual, "vectors (indices and values), compounds and languages");
    assertTrue(((org.apache.spark.ml.linalg.Vector) ((List<?>) actual.get("g")).get(0)).numNonzeros() > 20);
  }

  @Test
  void theFusedFeaturesAreTheSavedStagesFeaturesToTheBit() {
    Dataset<Row> texts = trickyTexts();
    assertFusedFeaturesAreTheStages(model.pipeline(), texts);

    // The whole scoring: predict (fused) against the saved pipeline's own transform.
    Dataset<Row> mine = SentimentModel.predict(model, texts, "text", "lang");
    Dataset<Row> saved = model.pipeline().transform(texts);
    Map<String, Object> a = new java.util.HashMap<>();
    Map<String, Object> b = new java.util.HashMap<>();
    for (Row r : mine.select("id", "p_negative", "p_positive", "predicted").collectAsList()) {
      a.put(r.getString(0), java.util.Arrays.asList(r.get(1), r.get(2), r.get(3)));
    }
    for (Row r : saved.select(col("id"), org.apache.spark.ml.functions.vector_to_array(col("_probability"), "float64"),
        col(SentimentFeatures.LANG), col("predicted")).collectAsList()) {
      boolean scored = TextAnalysis.SUPPORTED.contains(r.getString(2));
      List<Double> p = r.getList(1);
      b.put(r.getString(0), java.util.Arrays.asList(scored ? p.get(0) : null, scored ? p.get(1) : null, r.get(3)));
    }
    assertEquals(b, a, "probabilities to the bit, and the label");
  }

  @Test
  void withCharacterNgramsTheFusedFeaturesAreTheStagesFeaturesToo() {
    // The default model has no character n-grams: a feature pipeline with them, fitted on the same texts.
    Settings.Sentiment s = Settings.load(java.util.Optional.empty(), Map.of("sentiment.char-ngrams", "true",
        "sentiment.num-features", "4096")).sentiment();
    Dataset<Row> texts = trickyTexts();
    PipelineModel features = SentimentModel.featurePipeline(s)
        .fit(SentimentFeatures.add(texts, "text", "lang", s.lexiconWeight()));
    assertEquals(8, features.stages().length, "two HashingTF and IDF pairs");
    PipelineModel whole = new org.apache.spark.ml.Pipeline().setStages(new org.apache.spark.ml.PipelineStage[] {
        new TextFeatures().setLexiconWeight(s.lexiconWeight()), features,
        new org.apache.spark.ml.feature.SQLTransformer().setStatement("SELECT * FROM __THIS__")}).fit(texts.limit(0));
    assertFusedFeaturesAreTheStages(whole, texts);
  }

  @Test
  void aTermsIndexIsMllibsHashingTfIndex() {
    String[] terms = {"", "a", "love", "not_good", "très", "déçu", "<bo", "on>", "😍", "<😍>", "𝐀𝐁", "\uD83D", "a b",
        "x".repeat(100), "日本語", "ÿ"};
    for (int n : new int[] {1024, 262_144, 7}) {
      org.apache.spark.ml.feature.HashingTF tf = new org.apache.spark.ml.feature.HashingTF().setNumFeatures(n);
      for (String t : terms) {
        byte[] b = t.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(tf.indexOf(t), FusedFeatures.index(b, 0, b.length, n), t + " in " + n);
      }
    }
  }
}
