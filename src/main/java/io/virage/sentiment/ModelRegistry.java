package io.virage.sentiment;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.virage.lake.Lakehouse;
import io.virage.schema.OutputTables;
import io.virage.schema.OutputTables.ModelEvents;
import io.virage.schema.OutputTables.SentimentModels;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * The sentiment model registry: the Delta table {@code sentiment_models} (one row per version, with
 * the run, configuration and commit that trained it), the saved MLlib pipelines under
 * {@code WAREHOUSE/_models/sentiment/v<N>}, the append-only history {@code model_events} (trained,
 * evaluated, promoted, demoted: who, why, figures) and the stored evaluations {@code model_evaluations}.
 *
 * <p>Order of writes, so that a crash leaves a usable registry: the pipeline files first, then the
 * registry row (not champion), then the champion flag, flipped for every row in one Delta commit
 * (exactly one champion before and after), then the events. A promotion sets the decision text of
 * the promoted version only; the other versions' decisions stay as written.
 */
public final class ModelRegistry {
  public static final String MODELS_DIR = "_models/sentiment";
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The run behind a registry write, joinable to {@code job_runs}: its run id and command, the
   * configuration hash and the git commit of the build.
   */
  public record Lineage(String runId, String command, String configHash, String gitCommit) {}

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

  /** Saves the pipeline, appends the (non-champion) registry row and its {@code trained} event. */
  public void register(Registration r, Lineage lineage, Map<String, ?> details) throws IOException {
    String path = pathOf(r.version());
    r.model().pipeline().write().overwrite().save(path);
    Row row = RowFactory.create(r.version(), Timestamp.from(Instant.now()),
        JSON.writeValueAsString(r.model().params()), r.source(), r.fingerprint(), r.trainingRows(), r.heldOutRows(),
        r.rejectedRows(), scala.jdk.javaapi.CollectionConverters.asScala(r.model().classes()).toSeq(),
        r.metrics().accuracy(), r.metrics().macroF1(), r.metrics().toJson(), r.championMacroF1(), false,
        r.decision(), path, lineage.runId(), lineage.configHash(), lineage.gitCommit());
    lake.append(OutputTables.SENTIMENT_MODELS,
        spark.createDataFrame(List.of(row), OutputTables.SENTIMENT_MODELS.schema()));
    appendEvents(List.of(event(r.version(), ModelEvents.TRAINED, lineage, r.decision(), details)));
  }

  /**
   * Makes {@code version} the only champion, recording why on its row (one Delta commit), then the
   * events: {@code promoted} for it and {@code demoted} for the champion it replaces. Returns the
   * previous champion's version, or empty when there was none or it already was {@code version}.
   */
  public Optional<Integer> promote(int version, String decision, Lineage lineage) {
    if (get(version).isEmpty()) {
      throw new IllegalArgumentException("sentiment model version " + version + " is not in the registry");
    }
    Optional<Integer> previous = champion().map(Entry::version);
    Column isIt = col(SentimentModels.VERSION).equalTo(version);
    lake.update(OutputTables.SENTIMENT_MODELS, lit(true), Map.of(
        SentimentModels.IS_CHAMPION, isIt,
        SentimentModels.DECISION, when(isIt, lit(decision)).otherwise(col(SentimentModels.DECISION))));
    Map<String, Object> change = new LinkedHashMap<>();
    change.put("previous_champion", previous.orElse(null));
    change.put("champion", version);
    List<Row> events = new ArrayList<>();
    events.add(event(version, ModelEvents.PROMOTED, lineage, decision, change));
    previous.filter(p -> p != version).ifPresent(p -> events.add(event(p, ModelEvents.DEMOTED, lineage,
        "v" + version + " became champion: " + decision, change)));
    appendEvents(events);
    return previous.filter(p -> p != version);
  }

  /** Stores an evaluation of {@code version} in {@code model_evaluations}, with its {@code evaluated} event. */
  public void recordEvaluation(int version, ClassificationMetrics m, String source, String fingerprint, long read,
      Map<String, Long> rejected, Lineage lineage) throws IOException {
    Row row = RowFactory.create(Timestamp.from(Instant.now()), lineage.runId(), version, source, fingerprint, m.n(), read,
        JSON.writeValueAsString(rejected), m.accuracy(), m.macroF1(), m.toJson());
    lake.append(OutputTables.MODEL_EVALUATIONS,
        spark.createDataFrame(List.of(row), OutputTables.MODEL_EVALUATIONS.schema()));
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("labels", source);
    figures.put("labels_fingerprint", fingerprint);
    figures.put("n", m.n());
    figures.put("accuracy", m.accuracy());
    figures.put("macro_f1", m.macroF1());
    appendEvents(List.of(event(version, ModelEvents.EVALUATED, lineage,
        String.format(Locale.ROOT, "evaluated on %s: accuracy %.4f, macro-F1 %.4f (n %d)", source, m.accuracy(),
            m.macroF1(), m.n()), figures)));
  }

  /** Who runs the command: VIRAGE_ACTOR when set (a scheduler naming itself), else the operating-system user. */
  public static String actor() {
    String a = System.getenv("VIRAGE_ACTOR");
    return a != null && !a.isBlank() ? a : System.getProperty("user.name", "unknown");
  }

  private static Row event(int version, String event, Lineage lineage, String reason, Map<String, ?> details) {
    try {
      return RowFactory.create(Timestamp.from(Instant.now()), version, event, lineage.runId(), lineage.command(),
          actor(), reason, JSON.writeValueAsString(details));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private void appendEvents(List<Row> events) {
    lake.append(OutputTables.MODEL_EVENTS, spark.createDataFrame(events, OutputTables.MODEL_EVENTS.schema()));
  }
}
