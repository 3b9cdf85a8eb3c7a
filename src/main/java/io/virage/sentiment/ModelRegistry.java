package io.virage.sentiment;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.virage.lake.Lakehouse;
import io.virage.schema.OutputTables;
import io.virage.schema.OutputTables.SentimentModels;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * The sentiment model registry: the Delta table {@code sentiment_models} (one row per version) and
 * the saved MLlib pipelines under {@code WAREHOUSE/_models/sentiment/v<N>}.
 *
 * <p>Order of writes, so that a crash leaves a usable registry: the pipeline files first, then the
 * registry row (not champion), then the champion flag, flipped for every row in one Delta commit
 * (exactly one champion before and after).
 */
public final class ModelRegistry {
  public static final String MODELS_DIR = "_models/sentiment";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One registered version: what scoring needs to load and describe it. */
  public record Entry(int version, boolean champion, String path, List<String> classes, double lexiconWeight,
      double macroF1) {}

  private final SparkSession spark;
  private final Lakehouse lake;

  public ModelRegistry(SparkSession spark, Lakehouse lake) {
    this.spark = spark;
    this.lake = lake;
  }

  public Optional<Entry> champion() {
    return first(col(SentimentModels.IS_CHAMPION));
  }

  public Optional<Entry> get(int version) {
    return first(col(SentimentModels.VERSION).equalTo(version));
  }

  private Optional<Entry> first(Column condition) {
    List<Row> rows = lake.read(OutputTables.SENTIMENT_MODELS).filter(condition)
        .select(SentimentModels.VERSION, SentimentModels.IS_CHAMPION, SentimentModels.PATH, SentimentModels.CLASSES,
            SentimentModels.PARAMS, SentimentModels.MACRO_F1)
        .orderBy(col(SentimentModels.VERSION).desc()).limit(1).collectAsList(); // one row at most
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    Row r = rows.get(0);
    return Optional.of(new Entry(r.getInt(0), r.getBoolean(1), r.getString(2), r.getList(3),
        lexiconWeight(r.getString(4)), r.isNullAt(5) ? Double.NaN : r.getDouble(5)));
  }

  private static double lexiconWeight(String paramsJson) {
    try {
      return JSON.readTree(paramsJson).path("lexicon_weight").asDouble(1.0);
    } catch (IOException e) {
      throw new IllegalStateException("sentiment_models.params is not JSON: " + paramsJson, e);
    }
  }

  /** The next version number (1 for an empty registry). */
  public int nextVersion() {
    Row r = lake.read(OutputTables.SENTIMENT_MODELS).agg(org.apache.spark.sql.functions.max(SentimentModels.VERSION))
        .first();
    return r.isNullAt(0) ? 1 : r.getInt(0) + 1;
  }

  public String pathOf(int version) {
    return new Path(new Path(lake.root(), MODELS_DIR), "v" + version).toString();
  }

  public SentimentModel.Trained load(Entry e) {
    return new SentimentModel.Trained(PipelineModel.load(e.path()), e.classes(), e.lexiconWeight(), Map.of());
  }

  /** What one training run produced, for its registry row. */
  public record Registration(int version, SentimentModel.Trained model, String source, String fingerprint,
      long trainingRows, long heldOutRows, long rejectedRows, ClassificationMetrics metrics, Double championMacroF1,
      String decision) {}

  /** Saves the pipeline and appends the (non-champion) registry row. */
  public void register(Registration r) throws IOException {
    String path = pathOf(r.version());
    r.model().pipeline().write().overwrite().save(path);
    Row row = RowFactory.create(r.version(), Timestamp.from(Instant.now()),
        JSON.writeValueAsString(r.model().params()), r.source(), r.fingerprint(), r.trainingRows(), r.heldOutRows(),
        r.rejectedRows(), scala.jdk.javaapi.CollectionConverters.asScala(r.model().classes()).toSeq(),
        r.metrics().accuracy(), r.metrics().macroF1(), r.metrics().toJson(), r.championMacroF1(), false,
        r.decision(), path);
    lake.append(OutputTables.SENTIMENT_MODELS,
        spark.createDataFrame(List.of(row), OutputTables.SENTIMENT_MODELS.schema()));
  }

  /** Makes {@code version} the only champion, recording why on its row; one Delta commit. */
  public void promote(int version, String decision) {
    if (get(version).isEmpty()) {
      throw new IllegalArgumentException("sentiment model version " + version + " is not in the registry");
    }
    Column isIt = col(SentimentModels.VERSION).equalTo(version);
    lake.update(OutputTables.SENTIMENT_MODELS, lit(true), Map.of(
        SentimentModels.IS_CHAMPION, isIt,
        SentimentModels.DECISION, when(isIt, lit(decision)).otherwise(col(SentimentModels.DECISION))));
  }
}
