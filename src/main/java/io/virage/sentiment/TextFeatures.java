package io.virage.sentiment;

import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * {@link SentimentFeatures} as the first stage of a saved sentiment pipeline, so that
 * {@code PipelineModel.load(path).transform(df)} scores raw text: it reads {@code textCol}
 * (default {@code text}) and, when the input has it, {@code langCol} (default {@code lang}), and
 * adds the columns of {@link SentimentFeatures#COLUMNS} that the MLlib stages after it read.
 *
 * <p>Saved and loaded with MLlib's default params writer and reader (its only state is its three
 * params); loading needs this class on the classpath (the Virage jar).
 */
public final class TextFeatures extends Transformer implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final Param<String> textCol;
  private final Param<String> langCol;
  private final DoubleParam lexiconWeight;

  public TextFeatures(String uid) {
    this.uid = uid;
    this.textCol = new Param<>(this, "textCol", "column of the raw text");
    this.langCol = new Param<>(this, "langCol", "column of the declared language (optional: detected when absent or null)");
    this.lexiconWeight = new DoubleParam(this, "lexiconWeight", "factor of the lexicon features");
    setDefault(textCol, SentimentModel.TEXT);
    setDefault(langCol, SentimentModel.LANG);
    setDefault(lexiconWeight, 1.0);
  }

  public TextFeatures() {
    this(Identifiable.randomUID("virageTextFeatures"));
  }

  /** MLlib's loader calls this (as it calls a Scala companion's {@code read}). */
  public static MLReader<TextFeatures> read() {
    return new DefaultParamsReader<>();
  }

  public static TextFeatures load(String path) {
    return read().load(path);
  }

  public Param<String> textCol() {
    return textCol;
  }

  public Param<String> langCol() {
    return langCol;
  }

  public DoubleParam lexiconWeight() {
    return lexiconWeight;
  }

  public TextFeatures setTextCol(String value) {
    set(textCol, value);
    return this;
  }

  public TextFeatures setLangCol(String value) {
    set(langCol, value);
    return this;
  }

  public TextFeatures setLexiconWeight(double value) {
    set(lexiconWeight, value);
    return this;
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    return SentimentFeatures.add(dataset.toDF(), $(textCol), $(langCol), (Double) $(lexiconWeight));
  }

  @Override
  public StructType transformSchema(StructType schema) {
    if (!java.util.Arrays.asList(schema.fieldNames()).contains($(textCol))) {
      throw new IllegalArgumentException("sentiment pipeline: the input has no text column '" + $(textCol)
          + "' (columns: " + String.join(", ", schema.fieldNames()) + ")");
    }
    return SentimentFeatures.withFeatureColumns(schema);
  }

  @Override
  public TextFeatures copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  @Override
  public String uid() {
    return uid;
  }
}
