package io.virage.sentiment;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Accuracy, macro-F1, per-class precision / recall / F1 / support, the confusion matrix and the
 * same figures per language, from a Dataset of (true label, predicted label, language). Spark
 * counts the (label, predicted, lang) cells; the driver only sees those few counts.
 *
 * <p>Rows the model gave no prediction (texts in a language it does not analyse) are not in the
 * figures; {@link #unscored} counts them per language, and {@code per_language} lists them.
 *
 * <p>Macro-F1 is the unweighted mean of the per-class F1 over the classes present in the truth
 * (a class never predicted has precision 0).
 */
public record ClassificationMetrics(long n, double accuracy, double macroF1, List<String> classes,
    Map<String, ClassFigures> perClass, List<List<Long>> confusion, Map<String, ClassificationMetrics> perLanguage,
    Map<String, Long> unscored) {

  public record ClassFigures(double precision, double recall, double f1, long support) {}

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Figures of {@code predictions} (columns {@code labelCol}, {@code predictedCol}, {@code langCol}). */
  public static ClassificationMetrics of(Dataset<Row> predictions, String labelCol, String predictedCol, String langCol) {
    List<Row> cells = predictions
        .groupBy(col(labelCol).as("t"), col(predictedCol).as("p"), coalesce(col(langCol), lit("unknown")).as("l"))
        .agg(count(lit(1)).as("n")).collectAsList(); // at most classes^2 x languages rows
    Map<String, Long> unscored = new TreeMap<>();
    List<Cell> scored = new ArrayList<>();
    for (Row r : cells) {
      if (r.isNullAt(1)) {
        unscored.merge(r.getString(2), r.getLong(3), Long::sum);
      } else {
        scored.add(new Cell(r.getString(0), r.getString(1), r.getString(2), r.getLong(3)));
      }
    }
    ClassificationMetrics m = fromCells(scored, true);
    return new ClassificationMetrics(m.n(), m.accuracy(), m.macroF1(), m.classes(), m.perClass(), m.confusion(),
        m.perLanguage(), unscored);
  }

  record Cell(String truth, String predicted, String lang, long n) {}

  static ClassificationMetrics fromCells(List<Cell> cells, boolean withLanguages) {
    TreeSet<String> classSet = new TreeSet<>();
    for (Cell c : cells) {
      classSet.add(c.truth());
      classSet.add(c.predicted());
    }
    List<String> classes = new ArrayList<>(classSet);
    long[][] m = new long[classes.size()][classes.size()];
    long n = 0;
    long correct = 0;
    for (Cell c : cells) {
      m[classes.indexOf(c.truth())][classes.indexOf(c.predicted())] += c.n();
      n += c.n();
      correct += c.truth().equals(c.predicted()) ? c.n() : 0;
    }
    Map<String, ClassFigures> perClass = new LinkedHashMap<>();
    double f1Sum = 0;
    int present = 0;
    for (int i = 0; i < classes.size(); i++) {
      long tp = m[i][i];
      long predicted = 0;
      long actual = 0;
      for (int j = 0; j < classes.size(); j++) {
        predicted += m[j][i];
        actual += m[i][j];
      }
      double precision = predicted == 0 ? 0 : (double) tp / predicted;
      double recall = actual == 0 ? 0 : (double) tp / actual;
      double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
      perClass.put(classes.get(i), new ClassFigures(precision, recall, f1, actual));
      if (actual > 0) {
        f1Sum += f1;
        present++;
      }
    }
    List<List<Long>> confusion = new ArrayList<>();
    for (long[] row : m) {
      confusion.add(java.util.Arrays.stream(row).boxed().toList());
    }
    Map<String, ClassificationMetrics> perLanguage = new TreeMap<>();
    if (withLanguages) {
      Map<String, List<Cell>> byLang = new TreeMap<>();
      for (Cell c : cells) {
        byLang.computeIfAbsent(c.lang(), k -> new ArrayList<>()).add(c);
      }
      byLang.forEach((lang, cs) -> perLanguage.put(lang, fromCells(cs, false)));
    }
    return new ClassificationMetrics(n, n == 0 ? Double.NaN : (double) correct / n,
        present == 0 ? Double.NaN : f1Sum / present, classes, perClass, confusion, perLanguage, Map.of());
  }

  /** The JSON of {@code evaluate-sentiment --format json} and of the registry's metrics column. */
  public Map<String, Object> asMap() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("n", n);
    out.put("accuracy", accuracy);
    out.put("macro_f1", macroF1);
    Map<String, Object> classesOut = new LinkedHashMap<>();
    perClass.forEach((k, v) -> classesOut.put(k, ordered("precision", v.precision(), "recall", v.recall(),
        "f1", v.f1(), "support", v.support())));
    out.put("per_class", classesOut);
    out.put("confusion_matrix", ordered("labels", classes, "rows_true_columns_predicted", confusion));
    if (!perLanguage.isEmpty() || !unscored.isEmpty()) {
      Map<String, Object> langs = new LinkedHashMap<>();
      perLanguage.forEach((k, v) -> langs.put(k, ordered("n", v.n(), "accuracy", v.accuracy(), "macro_f1", v.macroF1())));
      unscored.forEach((k, v) -> langs.put(k, ordered("n", v, "unsupported", true)));
      out.put("per_language", langs);
    }
    if (!unscored.isEmpty()) {
      out.put("unsupported_languages", unscored);
    }
    return out;
  }

  /**
   * Keys and values in the order given. Not Map.of: its iteration order is randomised per JVM, so
   * the same metrics printed their keys in another order on every run.
   */
  static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      out.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return out;
  }

  public String toJson() {
    return json(asMap());
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
