package io.virage.sentiment;

import static org.apache.spark.ml.functions.array_to_vector;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The per-text analysis both training and scoring start from, as columns the MLlib pipeline of
 * {@link SentimentModel} reads:
 *
 * <ul>
 *   <li>{@link #LANG}: the post's declared {@code lang} (lowercased, region dropped), else the detected
 *       one ({@link TextAnalysis#resolveLanguage}); a post in a language other than English or
 *       French gets no terms and a null lexicon, and the model gives it no sentiment;
 *   <li>{@link #TERMS}: Lucene-analysed, negation-marked word terms ({@link TextAnalysis#terms});
 *   <li>{@link #CHARS}: character 3- to 5-grams of those terms;
 *   <li>{@link #LEXICON}: the lexicon scorer's compound, pos, neg, neu, and flags (compound
 *       &gt;= 0.05, &lt;= -0.05, &gt;= 0.5, &lt;= -0.5, no lexicon word at all) that let the linear
 *       model bend the compound, as a vector multiplied by the lexicon weight.
 *   <li>{@link #COMPOUND}: the lexicon scorer's compound, unweighted.
 * </ul>
 *
 * One Java UDF does the text work: Lucene analysis and the lexicon rules have no Spark built-in.
 * It is deterministic, so a scored post gets the same features on any executor.
 */
public final class SentimentFeatures {
  public static final String LANG = "_lang";
  public static final String TERMS = "_terms";
  public static final String CHARS = "_chars";
  public static final String LEXICON = "_lexicon";
  public static final String COMPOUND = "_compound";
  private static final String ANALYSIS = "_analysis";
  /** Columns this class adds; drop them after scoring. */
  public static final List<String> COLUMNS = List.of(LANG, TERMS, CHARS, LEXICON, COMPOUND);
  /** Length of the {@link #LEXICON} vector. */
  public static final int LEXICON_SIZE = 9;

  private static final StructType ANALYSIS_TYPE = new StructType()
      .add("lang", DataTypes.StringType)
      .add("terms", DataTypes.createArrayType(DataTypes.StringType))
      .add("chars", DataTypes.createArrayType(DataTypes.StringType))
      .add("lexicon", DataTypes.createArrayType(DataTypes.DoubleType));

  /** The lexicon vector of a text in an unsupported language (it is not scored). */
  private static final Column NO_LEXICON = org.apache.spark.sql.functions.array_repeat(lit(0.0), LEXICON_SIZE);

  private static final UserDefinedFunction ANALYSE = udf((UDF2<String, String, Row>) SentimentFeatures::analyse,
      ANALYSIS_TYPE).asNonNullable();

  private static final String[] EMPTY = {};

  private SentimentFeatures() {}

  /** {@code schema} with the columns {@link #add} adds, as MLlib's transformSchema needs them. */
  static StructType withFeatureColumns(StructType schema) {
    return schema.add(LANG, DataTypes.StringType, true)
        .add(TERMS, DataTypes.createArrayType(DataTypes.StringType), true)
        .add(CHARS, DataTypes.createArrayType(DataTypes.StringType), true)
        .add(COMPOUND, DataTypes.DoubleType, true)
        .add(LEXICON, org.apache.spark.ml.linalg.SQLDataTypes.VectorType(), true);
  }

  /** Whether the resolved language {@link #LANG} is one the model scores. */
  public static Column supported() {
    return col(LANG).isin(TextAnalysis.SUPPORTED.toArray());
  }

  static Row analyse(String text, String lang) {
    String language = TextAnalysis.resolveLanguage(text, lang);
    if (!TextAnalysis.SUPPORTED.contains(language)) {
      return RowFactory.create(language, EMPTY, EMPTY, null);
    }
    List<String> terms = TextAnalysis.terms(text, language);
    double[] lex = lexicon(LexiconScorer.forLanguage(language).score(text));
    // Java arrays, which Spark converts as they are: a Scala Seq of a Java list was first copied
    // into an immutable List for every post (List.prependedAll stood out in a profile of the UDF).
    return RowFactory.create(language, terms.toArray(String[]::new),
        TextAnalysis.charGrams(terms).toArray(String[]::new), java.util.Arrays.stream(lex).boxed().toArray(Double[]::new));
  }

  /** The {@link #LEXICON} values of a text's scores, before the lexicon weight. */
  static double[] lexicon(LexiconScorer.Scores s) {
    double c = s.compound();
    return new double[] {c, s.pos(), s.neg(), s.neu(), c >= 0.05 ? 1 : 0, c <= -0.05 ? 1 : 0, c >= 0.5 ? 1 : 0,
        c <= -0.5 ? 1 : 0, s.hits() == 0 ? 1 : 0};
  }

  /**
   * Adds the feature columns to {@code texts}, which needs {@code textCol} and may have
   * {@code langCol} (null or missing means detect).
   */
  public static Dataset<Row> add(Dataset<Row> texts, String textCol, String langCol, double lexiconWeight) {
    Column lang = declaredLanguage(texts, langCol);
    // Referenced five times below, the UDF still runs once per row: the optimizer does not inline
    // a non-cheap expression into several consumers (spark.sql.optimizer.collapseProjectAlwaysInline=false).
    return texts.withColumn(ANALYSIS, ANALYSE.apply(coalesce(col(textCol), lit("")), lang))
        .withColumn(LANG, col(ANALYSIS + ".lang"))
        .withColumn(TERMS, col(ANALYSIS + ".terms"))
        .withColumn(CHARS, col(ANALYSIS + ".chars"))
        .withColumn(COMPOUND, col(ANALYSIS + ".lexicon").getItem(0))
        .withColumn(LEXICON, array_to_vector(transform(coalesce(col(ANALYSIS + ".lexicon"), NO_LEXICON),
            x -> x.multiply(lexiconWeight))))
        .drop(ANALYSIS);
  }

  /** The declared language the analysis reads: {@code langCol} lower-cased, null (detect) when absent. */
  static Column declaredLanguage(Dataset<Row> texts, String langCol) {
    return java.util.Arrays.asList(texts.columns()).contains(langCol)
        ? lower(col(langCol)) : lit(null).cast(DataTypes.StringType);
  }

  /** The lexicon scorer's own 2- or 3-class decision from its compound (VADER's +-0.05 rule). */
  public static Column lexiconLabel(Column compound, boolean threeClasses) {
    return threeClasses
        ? when(compound.geq(0.05), "positive").when(compound.leq(-0.05), "negative").otherwise("neutral")
        : when(compound.geq(0.05), "positive").otherwise("negative");
  }
}
