package io.virage.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.virage.SparkTestBase;
import io.virage.testing.Cli;
import io.virage.testing.Cli.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * train-sentiment, evaluate-sentiment and promote-sentiment as an ML engineer runs them, on a small
 * hand-written three-class labelled set in CSV and JSON lines (with bad rows).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SentimentLifecycleTest extends SparkTestBase {
  @TempDir
  static Path dir;
  static Path csv;
  static Path jsonl;

  private static Result cli(String... args) {
    return Cli.run(args);
  }

  private static String warehouse() {
    return dir.resolve("lake").toString();
  }

  private static org.apache.spark.sql.Dataset<Row> table(String name) {
    return spark.read().format("delta").load(dir.resolve("lake").resolve(name).toString());
  }

  /** model_events as (version, event, command) strings in order, e.g. "1 trained train-sentiment". */
  private static List<String> events() {
    return table("model_events").orderBy("event_at", "event").collectAsList().stream()
        .map(r -> r.<Integer>getAs("version") + " " + r.getAs("event") + " " + r.getAs("command")).toList();
  }

  /** A smaller search than the defaults, to keep the suite fast: 2 folds x 2 L2 values, 30 iterations. */
  private static final String[] QUICK = {"--set", "sentiment.cv-folds=2", "--set", "sentiment.reg-params=[0.01, 0.1]",
      "--set", "sentiment.max-iterations=30"};

  private static String[] with(String[] args, String[] more) {
    String[] out = java.util.Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, out, args.length, more.length);
    return out;
  }

  @BeforeAll
  static void writeLabelledSets() throws IOException {
    String[] things = {"the phone", "this app", "the coffee", "the service", "my order", "the new range", "the delivery",
        "the screen", "the battery", "the staff"};
    String[][] templates = {
        {"positive", "I love %s, it is great", "%s is excellent and works perfectly", "really happy with %s"},
        {"negative", "I hate %s, it is awful", "%s is terrible and broke", "really disappointed by %s"},
        {"neutral", "I received %s today", "%s arrives on Monday", "has anyone tried %s"}};
    List<String> rows = new ArrayList<>(List.of("text,label,lang"));
    List<String> lines = new ArrayList<>();
    for (String[] t : templates) {
      for (int i = 1; i < t.length; i++) {
        for (String thing : things) {
          rows.add("\"" + String.format(t[i], thing) + "\"," + t[0] + ",en");
          lines.add("{\"text\": \"" + String.format(t[i], thing) + "!\", \"label\": \"" + t[0].substring(0, 3) + "\"}");
        }
      }
    }
    rows.add("\"\",positive,en");
    rows.add("\"great stuff\",awesome,en");
    csv = Files.write(dir.resolve("labels.csv"), rows);
    jsonl = Files.write(dir.resolve("labels.jsonl"), lines);
  }

  @Test
  @Order(1)
  void firstTrainingRegistersAChampionWithHeldOutMetrics() {
    Result r = cli(with(new String[] {"train-sentiment", "--labels", csv.toString(), "--warehouse", warehouse()}, QUICK));
    assertEquals(0, r.code(), r.err());
    // 90 usable rows (30 per class) + 2 rejected; 20% of each class held out = 6 x 3.
    assertTrue(r.out().startsWith("sentiment model v1: 92 labelled rows read, 2 rejected {missing_value=1, unknown_label=1},"
        + " 72 training, 18 held out"), r.out());
    assertTrue(r.out().contains("champion: first model of the registry"), r.out());
    Row v1 = spark.read().format("delta").load(dir.resolve("lake").resolve("sentiment_models").toString()).first();
    assertEquals(1, v1.<Integer>getAs("version"));
    assertTrue(v1.<Boolean>getAs("is_champion"));
    assertEquals(List.of("negative", "neutral", "positive"), v1.getList(v1.fieldIndex("classes")));
    assertEquals(72L, v1.<Long>getAs("training_rows"));
    assertTrue(v1.<String>getAs("metrics").contains("\"confusion_matrix\""));
    assertTrue(v1.<String>getAs("params").contains("cv_accuracy_by_reg_param"), "L2 strength chosen by CV");
    // Lineage: the registry row joins to the run that trained it.
    Row run = table("job_runs").filter("stage = 'train-sentiment'").first();
    assertEquals(run.<String>getAs("run_id"), v1.getAs("run_id"));
    assertEquals(run.<String>getAs("config_hash"), v1.getAs("config_hash"));
    assertEquals(run.<String>getAs("git_commit"), v1.getAs("git_commit"));
    assertEquals(List.of("1 promoted train-sentiment", "1 trained train-sentiment"), events().stream().sorted().toList());
    Row trained = table("model_events").filter("event = 'trained'").first();
    assertEquals(System.getProperty("user.name"), trained.getAs("actor"));
    assertEquals(run.<String>getAs("run_id"), trained.getAs("run_id"));
    assertEquals("first model of the registry", trained.getAs("reason"));
  }

  @Test
  @Order(2)
  void theSameDataAndSeedGiveTheSameModelWhichIsNotPromoted() {
    Result r = cli(with(new String[] {"train-sentiment", "--labels", csv.toString(), "--warehouse", warehouse()}, QUICK));
    assertEquals(0, r.code(), r.err());
    List<Row> models = spark.read().format("delta").load(dir.resolve("lake").resolve("sentiment_models").toString())
        .orderBy("version").collectAsList();
    // A tie is not a win, and the output says so.
    String f1 = String.format(java.util.Locale.ROOT, "%.4f", models.get(1).<Double>getAs("macro_f1"));
    assertTrue(r.out().contains("not champion: not promoted, a tie with the champion: held-out macro-F1 " + f1
        + " vs champion v1 " + f1 + " on the same 18 rows"), r.out());
    assertEquals(List.of("1 promoted train-sentiment", "1 trained train-sentiment", "2 trained train-sentiment"),
        events().stream().sorted().toList(), "no promotion of the tie");
    Row v1 = models.get(0);
    Row v2 = models.get(1);
    assertTrue(v1.<Boolean>getAs("is_champion"));
    assertFalse(v2.<Boolean>getAs("is_champion"));
    assertEquals(v1.<String>getAs("training_fingerprint"), v2.<String>getAs("training_fingerprint"));
    assertEquals(v2.<Double>getAs("macro_f1"), v2.<Double>getAs("champion_macro_f1"), 1e-12,
        "reproducible: the champion scores exactly like its retrained twin on the same held-out rows");
  }

  @Test
  @Order(3)
  void evaluateGivesJsonOnAnotherFormat() throws IOException {
    Result r = cli("evaluate-sentiment", "--labels", jsonl.toString(), "--model", "2", "--format", "json",
        "--warehouse", warehouse());
    assertEquals(0, r.code(), r.err());
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertEquals(90, json.get("n").asLong());
    assertEquals(2, json.get("model_version").asInt());
    assertTrue(json.get("accuracy").asDouble() > 0.8, r.out());
    double f1 = 0;
    for (String c : List.of("negative", "neutral", "positive")) {
      f1 += json.get("per_class").get(c).get("f1").asDouble();
      assertEquals(30, json.get("per_class").get(c).get("support").asLong());
    }
    assertEquals(f1 / 3, json.get("macro_f1").asDouble(), 1e-9, "macro-F1 is the mean of the per-class F1");
    Result table = cli("evaluate-sentiment", "--labels", jsonl.toString(), "--warehouse", warehouse());
    assertTrue(table.out().startsWith("model v1 on "), table.out());
    assertFalse(Files.exists(dir.resolve("lake").resolve("model_evaluations")), "not recorded without --record");

    Result recorded = cli("evaluate-sentiment", "--labels", jsonl.toString(), "--model", "2", "--format", "json",
        "--record", "--warehouse", warehouse());
    assertEquals(0, recorded.code(), recorded.err());
    assertEquals(json, new ObjectMapper().readTree(recorded.out()), "--record prints the same figures");
    Row stored = table("model_evaluations").first();
    assertEquals(1, table("model_evaluations").count());
    assertEquals(2, stored.<Integer>getAs("version"));
    assertEquals(90L, stored.<Long>getAs("n"));
    assertEquals(90L, stored.<Long>getAs("labelled_read"));
    assertEquals(json.get("macro_f1").asDouble(), stored.<Double>getAs("macro_f1"), 0);
    assertEquals(jsonl.toString(), stored.getAs("labels_source"));
    Row run = table("job_runs").filter("stage = 'evaluate-sentiment'").first();
    assertEquals(run.<String>getAs("run_id"), stored.getAs("run_id"));
    assertEquals("2 evaluated evaluate-sentiment", events().get(events().size() - 1));
  }

  @Test
  @Order(4)
  void promoteRollsTheChampionBackAndForth() {
    String v1Decision = table("sentiment_models").filter("version = 1").first().getAs("decision");
    Result r = cli("promote-sentiment", "--version", "2", "--reason", "ticket ML-7", "--warehouse", warehouse());
    assertEquals(0, r.code(), r.err());
    assertEquals("sentiment model v2 is champion (was v1)", r.out().strip());
    List<Row> champions = spark.read().format("delta").load(dir.resolve("lake").resolve("sentiment_models").toString())
        .filter("is_champion").collectAsList();
    assertEquals(1, champions.size());
    assertEquals(2, champions.get(0).<Integer>getAs("version"));
    assertEquals(v1Decision, table("sentiment_models").filter("version = 1").first().getAs("decision"),
        "a promotion never rewrites another version's decision");
    Row run = table("job_runs").filter("stage = 'promote-sentiment'").first();
    assertEquals("succeeded", run.getAs("status"));
    List<Row> change = table("model_events").filter(org.apache.spark.sql.functions.col("run_id")
        .equalTo(run.<String>getAs("run_id"))).orderBy("event").collectAsList();
    assertEquals(List.of("1 demoted", "2 promoted"), change.stream()
        .map(e -> e.<Integer>getAs("version") + " " + e.getAs("event")).toList());
    String why = change.get(1).getAs("reason");
    assertTrue(why.endsWith("(previous champion v1): ticket ML-7"), why);
    long events = table("model_events").count();
    Result again = cli("promote-sentiment", "--version", "2", "--warehouse", warehouse());
    assertEquals("sentiment model v2 is already champion: nothing changed", again.out().strip());
    assertEquals(events, table("model_events").count(), "nothing recorded when nothing changed");
    Result missing = cli("promote-sentiment", "--version", "9", "--warehouse", warehouse());
    assertEquals(VirageCli.USAGE, missing.code());
    assertTrue(missing.err().contains("9 is not in sentiment_models"), missing.err());
  }

  @Test
  @Order(5)
  void badLabelledSetsExitWithTheReason() throws IOException {
    Path noLabel = Files.write(dir.resolve("nolabel.csv"), List.of("text,lang", "hello,en"));
    Result r = cli("train-sentiment", "--labels", noLabel.toString(), "--warehouse", warehouse());
    assertEquals(VirageCli.BAD_INPUT, r.code());
    assertTrue(r.err().startsWith("virage train-sentiment: error: labelled set " + noLabel + ": column 'label' is missing"),
        r.err());
    Result absent = cli("evaluate-sentiment", "--labels", dir.resolve("absent.csv").toString(), "--warehouse", warehouse());
    assertEquals(VirageCli.BAD_INPUT, absent.code());
    assertTrue(absent.err().endsWith("absent.csv: not found\n") || absent.err().strip().endsWith("absent.csv: not found"),
        absent.err());
  }
}
