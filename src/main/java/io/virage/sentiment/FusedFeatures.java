package io.virage.sentiment;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.udf;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.feature.HashingTF;
import org.apache.spark.ml.feature.IDFModel;
import org.apache.spark.ml.feature.NGram;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.feature.VectorSizeHint;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.hash.Murmur3_x86_32;

/**
 * The feature stages of a saved sentiment pipeline ({@link SentimentModel}'s: text analysis, word
 * bigrams, two HashingTF and IDF pairs, the lexicon vector, VectorAssembler) computed in one pass
 * per text, for scoring: the same {@code _features} vector, to the bit, without the stages'
 * round trips (every character n-gram turned into a Spark string, back into a Java string and
 * encoded again to be hashed; a sparse vector serialised between each stage and the next).
 *
 * <p>Each step does what the MLlib stage does: a term's index is MLlib's HashingTF index (Murmur3
 * x86_32 of its UTF-8 bytes, seed 42, non-negative modulo the number of features: Spark 3's hash,
 * the only one {@link #of} accepts), a term's value its count (1 when binary) times the IDF
 * model's weight at that index, the assembled vector the word part, the character part and the
 * lexicon part one after the other without their zeros, compressed as VectorAssembler compresses
 * it. The n-grams are hashed from the bytes of their term (no string per n-gram) when the term has
 * no surrogate character, from the substring otherwise. The logistic regression and the stages
 * after it are the saved ones. {@link #of} recognises the saved pipelines it reproduces and
 * declines any other, which then runs stage by stage; {@code SentimentModelTest} compares the two.
 */
final class FusedFeatures implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  /** MLlib's seed for HashingTF (mllib.feature.HashingTF.seed). */
  private static final int SEED = 42;
  /** ml.feature.HashingTF.SPARK_3_MURMUR3_HASH (2): the hash function of the models Spark 3+ writes. */
  private static final int MURMUR3_VERSION_3 = 2;
  private static final StructType OUTPUT = new StructType()
      .add(SentimentFeatures.LANG, DataTypes.StringType)
      .add(SentimentFeatures.COMPOUND, DataTypes.DoubleType)
      .add(SentimentModel.FEATURES, SQLDataTypes.VectorType());

  private final int ngram;
  private final Hashed words;
  private final Hashed chars; // null when the model has no character n-grams
  private final double lexiconWeight;
  private final int size;

  /** One HashingTF and its IDF model. */
  private record Hashed(int size, boolean binary, double[] idf) implements java.io.Serializable {}

  private FusedFeatures(int ngram, Hashed words, Hashed chars, double lexiconWeight) {
    this.ngram = ngram;
    this.words = words;
    this.chars = chars;
    this.lexiconWeight = lexiconWeight;
    this.size = words.size() + (chars == null ? 0 : chars.size()) + SentimentFeatures.LEXICON_SIZE;
  }

  /**
   * The fused features of {@code pipeline} when it is a saved sentiment pipeline as
   * {@link SentimentModel} builds it ({@link TextFeatures}, then its feature pipeline, then the
   * stages that read {@code _features}); empty for any other shape.
   */
  static Optional<FusedFeatures> of(PipelineModel pipeline) {
    var stages = pipeline.stages();
    if (stages.length < 3 || !(stages[0] instanceof TextFeatures text) || !(stages[1] instanceof PipelineModel features)) {
      return Optional.empty();
    }
    var f = features.stages();
    boolean withChars = f.length == 8;
    if (f.length != 6 && !withChars
        || !(f[0] instanceof NGram ngram) || !ngram.getInputCol().equals(SentimentFeatures.TERMS)
        || !ngram.getOutputCol().equals("_bigrams")
        || !(f[1] instanceof SQLTransformer concat) || !concat.getStatement().equals(SentimentModel.WORDS_STATEMENT)
        || !(f[f.length - 2] instanceof VectorSizeHint hint) || !hint.getInputCol().equals(SentimentFeatures.LEXICON)
        || hint.getSize() != SentimentFeatures.LEXICON_SIZE
        || !(f[f.length - 1] instanceof VectorAssembler assembler)
        || !assembler.getOutputCol().equals(SentimentModel.FEATURES)
        || !assembler.getHandleInvalid().equals("error")
        || !Arrays.asList(assembler.getInputCols()).equals(withChars
            ? List.of("_wv", "_cv", SentimentFeatures.LEXICON) : List.of("_wv", SentimentFeatures.LEXICON))) {
      return Optional.empty();
    }
    Optional<Hashed> words = hashed(f[2], f[3], "_words", "_wtf", "_wv");
    Optional<Hashed> chars = withChars ? hashed(f[4], f[5], SentimentFeatures.CHARS, "_ctf", "_cv") : Optional.empty();
    if (words.isEmpty() || withChars && chars.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new FusedFeatures(ngram.getN(), words.get(), chars.orElse(null), (Double) text.getOrDefault(text.lexiconWeight())));
  }

  private static Optional<Hashed> hashed(Transformer tf, Transformer idf, String in, String counts, String out) {
    if (tf instanceof HashingTF h && idf instanceof IDFModel m && h.hashFuncVersion() == MURMUR3_VERSION_3
        && h.getInputCol().equals(in) && h.getOutputCol().equals(counts) && m.getInputCol().equals(counts)
        && m.getOutputCol().equals(out) && m.idf().size() == h.getNumFeatures()) {
      return Optional.of(new Hashed(h.getNumFeatures(), h.getBinary(), m.idf().toArray()));
    }
    return Optional.empty();
  }

  /**
   * {@code texts} with {@link SentimentFeatures#LANG}, {@link SentimentFeatures#COMPOUND} and
   * {@link SentimentModel#FEATURES}; {@code langCol} as {@link SentimentFeatures#add} reads it.
   */
  Dataset<Row> add(Dataset<Row> texts, String textCol, String langCol) {
    Column lang = SentimentFeatures.declaredLanguage(texts, langCol);
    UserDefinedFunction featurize = udf((UDF2<String, String, Row>) this::featurize, OUTPUT).asNonNullable();
    String all = "_fused";
    return texts.withColumn(all, featurize.apply(coalesce(col(textCol), lit("")), lang))
        .withColumn(SentimentFeatures.LANG, col(all + "." + SentimentFeatures.LANG))
        .withColumn(SentimentFeatures.COMPOUND, col(all + "." + SentimentFeatures.COMPOUND))
        .withColumn(SentimentModel.FEATURES, col(all + "." + SentimentModel.FEATURES))
        .drop(all);
  }

  /** (language, compound or null, features) of one text. */
  Row featurize(String text, String declaredLang) {
    String language = TextAnalysis.resolveLanguage(text, declaredLang);
    if (!TextAnalysis.SUPPORTED.contains(language)) {
      return RowFactory.create(language, null, Vectors.sparse(size, new int[0], new double[0]).compressed());
    }
    List<String> terms = TextAnalysis.terms(text, language);
    double[] lexicon = SentimentFeatures.lexicon(LexiconScorer.forLanguage(language).score(text));
    byte[][] utf8 = new byte[terms.size()][];
    for (int i = 0; i < utf8.length; i++) {
      utf8[i] = terms.get(i).getBytes(StandardCharsets.UTF_8);
    }
    Indices out = new Indices();
    appendWords(utf8, out);
    int wordEnd = out.n;
    if (chars != null) {
      for (String term : terms) {
        appendCharGrams(term, out);
      }
    }
    int total = out.n + SentimentFeatures.LEXICON_SIZE;
    int[] index = new int[total];
    double[] value = new double[total];
    int k = weigh(out.values, 0, wordEnd, words, 0, index, value, 0);
    if (chars != null) {
      k = weigh(out.values, wordEnd, out.n, chars, words.size(), index, value, k);
    }
    int offset = size - SentimentFeatures.LEXICON_SIZE;
    for (int i = 0; i < lexicon.length; i++) {
      double v = lexicon[i] * lexiconWeight;
      if (v != 0.0) {
        index[k] = offset + i;
        value[k++] = v;
      }
    }
    Vector features = Vectors.sparse(size, Arrays.copyOf(index, k), Arrays.copyOf(value, k)).compressed();
    return RowFactory.create(language, lexicon[0], features);
  }

  /** The HashingTF indices of the terms and of their n-grams (terms joined by a space). */
  private void appendWords(byte[][] utf8, Indices out) {
    for (byte[] term : utf8) {
      out.add(index(term, 0, term.length, words.size()));
    }
    byte[] joined = new byte[64];
    for (int i = 0; i + ngram <= utf8.length; i++) {
      int length = ngram - 1;
      for (int j = i; j < i + ngram; j++) {
        length += utf8[j].length;
      }
      if (joined.length < length) {
        joined = new byte[length * 2];
      }
      int at = 0;
      for (int j = i; j < i + ngram; j++) {
        if (j > i) {
          joined[at++] = ' ';
        }
        System.arraycopy(utf8[j], 0, joined, at, utf8[j].length);
        at += utf8[j].length;
      }
      out.add(index(joined, 0, length, words.size()));
    }
  }

  /** The HashingTF indices of the character 3- to 5-grams of {@code "<" + term + ">"} ({@link TextAnalysis#charGrams}). */
  private void appendCharGrams(String term, Indices out) {
    String w = "<" + term + ">";
    boolean surrogates = false;
    for (int i = 0; i < w.length() && !surrogates; i++) {
      surrogates = Character.isSurrogate(w.charAt(i));
    }
    if (surrogates) {
      // A substring may cut a pair in two, and a lone surrogate encodes as '?': hash each substring.
      for (int n = 3; n <= 5; n++) {
        for (int i = 0; i + n <= w.length(); i++) {
          byte[] b = w.substring(i, i + n).getBytes(StandardCharsets.UTF_8);
          out.add(index(b, 0, b.length, chars.size()));
        }
      }
      return;
    }
    byte[] bytes = w.getBytes(StandardCharsets.UTF_8);
    int[] start = new int[w.length() + 1]; // byte offset of each character
    for (int i = 0; i < w.length(); i++) {
      char c = w.charAt(i);
      start[i + 1] = start[i] + (c < 0x80 ? 1 : c < 0x800 ? 2 : 3);
    }
    for (int n = 3; n <= 5; n++) {
      for (int i = 0; i + n <= w.length(); i++) {
        out.add(index(bytes, start[i], start[i + n] - start[i], chars.size()));
      }
    }
  }

  /** MLlib's HashingTF index (Spark 3's hash) of the UTF-8 bytes {@code b[from, from + length)}. */
  static int index(byte[] b, int from, int length, int numFeatures) {
    int hash = Murmur3_x86_32.hashUnsafeBytes2(b, Platform.BYTE_ARRAY_OFFSET + from, length, SEED);
    int mod = hash % numFeatures; // Utils.nonNegativeMod
    return mod + (mod < 0 ? numFeatures : 0);
  }

  /**
   * Counts the indices of {@code idx[from, to)} (sorted here), weighs each count by the IDF and
   * writes the non-zero ones, shifted by {@code offset}, from position {@code k} on; returns the
   * next position.
   */
  private static int weigh(int[] idx, int from, int to, Hashed h, int offset, int[] index, double[] value, int k) {
    Arrays.sort(idx, from, to);
    for (int i = from; i < to; ) {
      int j = i;
      double count = 0.0;
      while (j < to && idx[j] == idx[i]) {
        count = h.binary() ? 1.0 : count + 1.0;
        j++;
      }
      double v = count * h.idf()[idx[i]];
      if (v != 0.0) {
        index[k] = offset + idx[i];
        value[k++] = v;
      }
      i = j;
    }
    return k;
  }

  /** A growable list of ints. */
  private static final class Indices {
    int[] values = new int[256];
    int n;

    void add(int v) {
      if (n == values.length) {
        values = Arrays.copyOf(values, n * 2);
      }
      values[n++] = v;
    }
  }
}
