package io.virage.cli;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virage.SparkTestBase;
import io.virage.jobs.Failpoints;
import io.virage.lake.WarehouseLock;
import io.virage.schema.OutputTables;
import io.virage.testing.ChildJvm;
import io.virage.testing.Cli;
import io.virage.testing.Cli.Result;
import io.virage.testing.DemoLakehouse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a data team relies on at night: backfill skips complete dates and resumes after a failure;
 * a run killed between stages or inside a Delta write leaves every table readable with its
 * previous content, and the rerun gives the rows of an uninterrupted run; a second writer fails
 * fast; status tells what happened. Faults come from {@link Failpoints}; kills are real JVM halts.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperationsTest extends SparkTestBase {
  private static final String D1 = DemoLakehouse.D1;
  private static final String D2 = DemoLakehouse.D2;

  @TempDir
  static Path root;

  private static Path input;
  private static Path backfilled;

  private static Result cli(String... args) {
    return Cli.run(args);
  }

  @BeforeAll
  static void demoInput() {
    input = DemoLakehouse.input(); // 1,000 users up to D2; read only
    backfilled = root.resolve("backfilled");
  }

  private static Dataset<Row> table(Path warehouse, OutputTables.Table t) {
    return spark.read().format("delta").load(warehouse.resolve(t.name()).toString());
  }

  /** The run date's rows of every per-run-date table, then the posts its run scored, sorted. */
  private static List<List<Row>> rowsOf(Path warehouse, String runDate) {
    List<OutputTables.Table> tables = new java.util.ArrayList<>(OutputTables.ALL.stream()
        .filter(t -> t.perRunDate() && !OutputTables.ON_DEMAND.contains(t)).toList());
    List<List<Row>> out = new java.util.ArrayList<>();
    for (OutputTables.Table t : tables) {
      Dataset<Row> df = table(warehouse, t).filter(col("run_date").equalTo(Date.valueOf(runDate)));
      out.add(df.orderBy(df.columns()[0], Arrays.copyOfRange(df.columns(), 1, df.columns().length)).collectAsList());
    }
    // post_sentiment has no run date: the posts this run date's run scored.
    out.add(table(warehouse, OutputTables.POST_SENTIMENT).filter(col("scored_run_date").equalTo(Date.valueOf(runDate)))
        .orderBy("post_id").collectAsList());
    return out;
  }

  /** Rows of a table as a user reads them: through sql, which fails on a table it cannot read. */
  private static long countThroughSql(Path warehouse, OutputTables.Table t) {
    Result r = cli("sql", "--warehouse", warehouse.toString(), "--format", "csv", "SELECT count(*) AS n FROM " + t.name());
    assertEquals(0, r.code(), t.name() + ": " + r.err());
    return Long.parseLong(r.out().lines().skip(1).findFirst().orElseThrow().trim());
  }

  /** Rows of each table as a user reads them, in one sql command that reads them all. */
  private static Map<String, Long> countsThroughSql(Path warehouse, List<OutputTables.Table> tables) {
    String query = tables.stream().map(t -> "SELECT '" + t.name() + "' AS t, count(*) AS n FROM " + t.name())
        .collect(java.util.stream.Collectors.joining(" UNION ALL "));
    Result r = cli("sql", "--warehouse", warehouse.toString(), "--format", "csv", query);
    assertEquals(0, r.code(), r.err());
    Map<String, Long> counts = new java.util.HashMap<>();
    r.out().lines().skip(1).map(l -> l.split(",")).forEach(f -> counts.put(f[0], Long.parseLong(f[1].trim())));
    assertEquals(tables.size(), counts.size(), r.out());
    return counts;
  }

  private static long jobRuns(Path warehouse) {
    return table(warehouse, OutputTables.JOB_RUNS).count();
  }

  @Test
  @Order(1)
  void backfillStopsAtAFailureAndResumesThere() {
    // D2 fails in its second stage, after validate committed: enough to stop and resume there.
    System.setProperty(Failpoints.PROPERTY, "stage:influence@" + D2);
    Result failed;
    try {
      failed = Cli.runFast("backfill", "--input", input.toString(), "--warehouse", backfilled.toString(), "--from", D1, "--to", D2);
    } finally {
      System.clearProperty(Failpoints.PROPERTY);
    }
    assertEquals(VirageCli.FAILED, failed.code(), failed.out());
    assertTrue(failed.out().contains("backfill " + D1 + " succeeded"), failed.out());
    assertTrue(failed.err().contains("stopped at " + D2), failed.err());
    assertTrue(failed.err().contains("resume at " + D2), failed.err());

    Result status = cli("status", "--warehouse", backfilled.toString());
    assertEquals(0, status.code(), status.err());
    String d2Line = status.out().lines().filter(l -> l.contains(D2)).findFirst().orElseThrow();
    assertTrue(d2Line.contains("| failed ") && d2Line.contains("influence") && d2Line.contains("FAILED"), d2Line);
    assertTrue(status.out().lines().anyMatch(l -> l.contains(D1) && l.contains("| succeeded ")), status.out());
    assertTrue(status.out().contains("warehouse free"), status.out());

    long before = table(backfilled, OutputTables.JOB_RUNS).filter(col("run_date").equalTo(Date.valueOf(D1))).count();
    Result resumed = Cli.runFast("backfill", "--input", input.toString(), "--warehouse", backfilled.toString(), "--from", D1, "--to", D2);
    assertEquals(0, resumed.code(), resumed.err());
    assertTrue(resumed.out().contains("backfill " + D1 + " skipped"), resumed.out());
    assertTrue(resumed.out().contains("backfill " + D2 + " succeeded"), resumed.out());
    assertTrue(resumed.out().contains("1 run, 1 skipped"), resumed.out());
    assertEquals(before, table(backfilled, OutputTables.JOB_RUNS).filter(col("run_date").equalTo(Date.valueOf(D1))).count(),
        D1 + " was not run again");

    long runs = jobRuns(backfilled);
    Result again = Cli.runFast("backfill", "--input", input.toString(), "--warehouse", backfilled.toString(), "--from", D1, "--to", D2);
    assertEquals(0, again.code(), again.err());
    assertTrue(again.out().contains("0 run, 2 skipped"), again.out());
    assertEquals(runs, jobRuns(backfilled), "nothing ran");

    assertEquals(VirageCli.USAGE, Cli.runFast("backfill", "--input", input.toString(), "--warehouse", backfilled.toString(),
        "--from", D2, "--to", D1).code(), "--to before --from");
  }

  @Test
  @Order(1)
  void jobRunsRecordWhatEachStageReadAndTheBuild() throws Exception {
    Path warehouse = root.resolve("lineage");
    assertEquals(0, cli("validate", "--input", input.toString(), "--warehouse", warehouse.toString(), "--run-date", D1).code());
    Row first = table(warehouse, OutputTables.JOB_RUNS).first();
    com.fasterxml.jackson.databind.JsonNode versions = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(first.<String>getAs("input_versions"));
    // The users folder, listed independently: data files (not _SUCCESS or .crc), their bytes.
    long files = 0;
    long bytes = 0;
    try (var paths = Files.walk(input.resolve("users"))) {
      for (Path p : paths.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("_")
          && !p.getFileName().toString().startsWith(".")).toList()) {
        files++;
        bytes += Files.size(p);
      }
    }
    assertEquals(files, versions.path("inputs").path("users").path("files").asLong(), versions.toString());
    assertEquals(bytes, versions.path("inputs").path("users").path("bytes").asLong(), versions.toString());
    String fingerprint = versions.path("inputs").path("users").path("fingerprint").asText();
    assertEquals(16, fingerprint.length());
    assertFalse(first.<String>getAs("details").contains("fingerprint"), "fingerprints live in input_versions only");

    // Same files, same fingerprint; a rewritten file changes it. The tables part holds the versions read.
    assertEquals(0, cli("validate", "--input", input.toString(), "--warehouse", warehouse.toString(), "--run-date", D1).code());
    List<Row> runs = table(warehouse, OutputTables.JOB_RUNS).orderBy("started_at").collectAsList();
    com.fasterxml.jackson.databind.JsonNode second = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(runs.get(1).<String>getAs("input_versions"));
    assertEquals(fingerprint, second.path("inputs").path("users").path("fingerprint").asText());
    assertEquals(1, second.path("tables").path("quarantine").asLong(), "the second run read quarantine at version 1");
    Path aFile;
    try (var paths = Files.walk(input.resolve("users"))) {
      aFile = paths.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
    java.nio.file.attribute.FileTime was = Files.getLastModifiedTime(aFile);
    try {
      Files.setLastModifiedTime(aFile, java.nio.file.attribute.FileTime.fromMillis(was.toMillis() + 60_000));
      Object rewritten = io.virage.ingest.InputFingerprints.of(spark, input.toString(),
          List.of(io.virage.schema.InputContract.InputDataset.USERS));
      assertFalse(rewritten.toString().contains(fingerprint), "a rewritten file changes the fingerprint: " + rewritten);
    } finally {
      Files.setLastModifiedTime(aFile, was);
    }
    String commit = runs.get(1).getAs("git_commit");
    assertTrue(commit.equals("unknown") || commit.matches("[0-9a-f]{40}"), commit);
  }

  @Test
  @Order(2)
  void aRunKilledBetweenStagesOrInsideADeltaWriteLeavesTablesReadableAndTheRerunMatches() throws Exception {
    // Two real kills of nightly D1, each in its own JVM and warehouse, started together: a cold JVM
    // spends most of its time starting, not computing, so the two overlap on the two cores.
    Path between = root.resolve("killed-between");
    Path inside = root.resolve("killed-inside");
    // Killed as the influence stage starts: validate has committed, nothing else.
    Child betweenRun = startChildNightly(between, "halt-stage:influence");
    // Killed inside the write of influence_scores, after its first task wrote data files (the first
    // table the run writes after validate: the smallest input that proves a kill mid-write).
    Child insideRun = startChildNightly(inside, "halt-write:influence_scores");
    assertEquals(Failpoints.HALT_STATUS, awaitHalt(betweenRun));
    assertEquals(Failpoints.HALT_STATUS, awaitHalt(insideRun));

    assertEquals(0, countThroughSql(between, OutputTables.INFLUENCE_SCORES), "readable, still empty");
    assertTrue(countThroughSql(between, OutputTables.QUARANTINE) > 0, "validate committed before the kill");
    assertTrue(Files.exists(between.resolve(WarehouseLock.FILE)), "the killed run left its lock behind");

    Map<String, Long> counts = countsThroughSql(inside, OutputTables.ALL); // every table still reads
    assertEquals(0L, counts.get(OutputTables.INFLUENCE_SCORES.name()), "the interrupted write never committed");
    try (java.util.stream.Stream<Path> files = Files.walk(inside.resolve(OutputTables.INFLUENCE_SCORES.name()))) {
      assertTrue(files.anyMatch(f -> f.toString().endsWith(".parquet") && !f.toString().contains("_delta_log")),
          "the halted write had written data files, which no commit names");
    }
    assertTrue(counts.get(OutputTables.QUARANTINE.name()) > 0, "the table written before it did");
    assertTrue(Files.exists(inside.resolve(WarehouseLock.FILE)), "the killed run left its lock behind");
    for (Path killed : List.of(between, inside)) {
      Result status = cli("status", "--warehouse", killed.toString());
      assertEquals(1, status.out().lines().filter(l -> l.contains("| incomplete ")).count(), status.out());
    }

    // The next run takes over the dead process's lock and gives the rows of an uninterrupted run.
    Result rerun = Cli.runFast("nightly", "--input", input.toString(), "--warehouse", inside.toString(), "--run-date", D1);
    assertEquals(0, rerun.code(), rerun.err());
    assertFalse(Files.exists(inside.resolve(WarehouseLock.FILE)), "released at the end");
    List<List<Row>> afterKills = rowsOf(inside, D1);
    List<List<Row>> uninterrupted = rowsOf(backfilled, D1);
    for (int i = 0; i < afterKills.size(); i++) {
      assertEquals(uninterrupted.get(i).size(), afterKills.get(i).size(), "table " + i + " row count");
    }
    for (int i = 0; i < afterKills.size(); i++) {
      assertEquals(uninterrupted.get(i), afterKills.get(i), "table " + i + " rows");
    }
  }

  @Test
  @Order(3)
  void aSecondWriterFailsFastAndReadersStillRead() {
    long rowsBefore = table(backfilled, OutputTables.AMBASSADOR_RANKINGS).count();
    try (WarehouseLock held = WarehouseLock.acquire(spark, backfilled.toString(), "nightly")) {
      Result second = Cli.runFast("nightly", "--input", input.toString(), "--warehouse", backfilled.toString(), "--run-date", D2);
      assertEquals(VirageCli.BUSY, second.code(), second.out());
      assertEquals(1, second.err().lines().count(), second.err());
      assertTrue(second.err().startsWith("virage nightly: error: warehouse " + backfilled + " is in use by 'nightly' (pid "
          + ProcessHandle.current().pid()), second.err());
      assertEquals(VirageCli.BUSY, Cli.runFast("backfill", "--input", input.toString(), "--warehouse", backfilled.toString(),
          "--from", D1, "--to", D1).code());
      Result status = cli("status", "--warehouse", backfilled.toString());
      assertEquals(0, status.code(), "readers take no lock");
      assertTrue(status.out().contains("warehouse in use: {\"command\":\"nightly\""), status.out());
      assertEquals(0, cli("sql", "--warehouse", backfilled.toString(), "SELECT count(*) FROM ambassador_rankings").code());
    }
    assertEquals(rowsBefore, table(backfilled, OutputTables.AMBASSADOR_RANKINGS).count(), "nothing written twice");
  }

  /**
   * The driver's own thread running out of heap (the 10M night's brand PageRank did) used to end
   * the CLI with Java's uncaught-error trace and exit 1: now the error line, the hint, exit 52 as
   * when a task runs out, the stage recorded as failed and the warehouse free.
   */
  @Test
  @Order(4)
  void aCommandThatRunsOutOfMemoryExits52WithTheHintAndLeavesTheWarehouseFree() {
    String lake = root.resolve("out-of-memory").toString();
    System.setProperty(Failpoints.PROPERTY, "oom-stage:validate");
    Result r;
    try {
      r = cli("validate", "--input", input.toString(), "--warehouse", lake, "--run-date", D1);
    } finally {
      System.clearProperty(Failpoints.PROPERTY);
    }
    assertEquals(VirageCli.OUT_OF_MEMORY, r.code(), r.err());
    List<String> lines = r.err().lines().toList();
    assertEquals(2, lines.size(), r.err());
    assertTrue(lines.get(0).startsWith("virage validate: error: Java heap space"), r.err());
    assertTrue(lines.get(1).startsWith("virage validate: the JVM ran out of memory; give it more heap"), r.err());
    Result status = cli("status", "--warehouse", lake);
    assertEquals(0, status.code(), status.err());
    assertTrue(status.out().lines().anyMatch(l -> l.contains(D1) && l.contains("| failed ") && l.contains("validate")),
        status.out());
    assertTrue(status.out().contains("warehouse free"), status.out());
  }

  @Test
  @Order(4)
  void anUnwritableWarehouseIsAClearFailure() throws Exception {
    Path file = root.resolve("a-file");
    Files.writeString(file, "not a directory", StandardCharsets.UTF_8);
    Result r = cli("validate", "--input", input.toString(), "--warehouse", file.resolve("lake").toString());
    assertEquals(VirageCli.FAILED, r.code(), r.out());
    assertTrue(r.err().startsWith("virage validate: error: warehouse " + file.resolve("lake") + " is not writable"), r.err());
  }

  @Test
  @Order(5)
  void maintenanceCompactsWithoutChangingARowOrBreakingTimeTravel() {
    List<List<Row>> before = rowsOf(backfilled, D2);
    long historyBefore = spark.sql("DESCRIBE HISTORY delta.`" + backfilled.resolve("ambassador_rankings") + "`").count();
    List<Row> versionOne = spark.read().format("delta").option("versionAsOf", 1)
        .load(backfilled.resolve("ambassador_rankings").toString()).orderBy("run_date", "brand_id", "rank").collectAsList();

    Result r = cli("maintenance", "--warehouse", backfilled.toString());
    assertEquals(0, r.code(), r.err());
    for (OutputTables.Table t : OutputTables.ALL) {
      assertTrue(r.out().lines().anyMatch(l -> l.startsWith(t.name() + " ")), t.name() + " reported: " + r.out());
    }
    String rankings = r.out().lines().filter(l -> l.startsWith("ambassador_rankings ")).findFirst().orElseThrow();
    String[] f = rankings.trim().split("\\s+");
    assertTrue(Long.parseLong(f[2]) <= Long.parseLong(f[1]), "no more files than before: " + rankings);
    assertTrue(rankings.endsWith("z-ordered by brand_id"), rankings);
    // OPTIMIZE really ran: Delta's own history has the commit, which replaced files, and the files
    // the command reports after are those of the table's current snapshot.
    Dataset<Row> history = spark.sql("DESCRIBE HISTORY delta.`" + backfilled.resolve("ambassador_rankings") + "`");
    List<Row> optimized = history.filter(col("operation").equalTo("OPTIMIZE")).collectAsList();
    assertEquals(1, optimized.size(), "one OPTIMIZE commit");
    Map<String, String> metrics = optimized.get(0).getJavaMap(optimized.get(0).fieldIndex("operationMetrics"));
    assertTrue(Long.parseLong(metrics.get("numRemovedFiles")) > 0 && Long.parseLong(metrics.get("numAddedFiles")) > 0,
        "OPTIMIZE rewrote files: " + metrics);
    assertEquals(spark.read().format("delta").load(backfilled.resolve("ambassador_rankings").toString()).inputFiles().length,
        Long.parseLong(f[2]), "files after, as reported: " + rankings);

    assertEquals(before, rowsOf(backfilled, D2), "not a row changed");
    assertTrue(history.count() > historyBefore, "history kept, and grown by the maintenance");
    assertEquals(versionOne, spark.read().format("delta").option("versionAsOf", 1)
        .load(backfilled.resolve("ambassador_rankings").toString()).orderBy("run_date", "brand_id", "rank").collectAsList(),
        "time travel inside the retention still reads the old version's files");
    assertTrue(table(backfilled, OutputTables.JOB_RUNS).filter(col("command").equalTo("maintenance")
        .and(col("status").equalTo("succeeded"))).count() == 1, "recorded in job_runs");

    Result tooShort = cli("maintenance", "--warehouse", backfilled.toString(), "--retain-hours", "1");
    assertEquals(VirageCli.USAGE, tooShort.code());
    assertTrue(tooShort.err().contains("expected at least 168"), tooShort.err());
  }

  @Test
  @Order(6)
  void forgetUserErasesEverywhereAndLaterInputsNamingThemAreQuarantinedWithoutContent() {
    Row top = table(backfilled, OutputTables.AMBASSADOR_RANKINGS).filter(col("run_date").equalTo(Date.valueOf(D2))
        .and(col("rank").equalTo(1))).orderBy("brand_id").first();
    String user = top.getAs("user_id");
    String quoted = "\"" + user + "\"";
    assertTrue(mentions(user) > 0, "the user is in the tables before");

    Result r = cli("forget-user", "--warehouse", backfilled.toString(), "--user-id", user, "--request", "ticket-42");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("ambassador_rankings"), r.out());
    assertEquals(0, mentions(user), "no table names " + quoted + " any more");
    Row erasure = table(backfilled, OutputTables.ERASURES).first();
    assertEquals(io.virage.privacy.Erasure.userKey(user), erasure.getAs("user_key"));
    assertEquals("ticket-42", erasure.getAs("request"));

    // The same input again: the user's rows are quarantined as erased_user, without their JSON, and counts reconcile.
    Result rerun = Cli.runFast("nightly", "--input", input.toString(), "--warehouse", backfilled.toString(), "--run-date", D2);
    assertEquals(0, rerun.code(), rerun.err());
    assertEquals(0, mentions(user), "the rerun brought nothing of them back");
    Dataset<Row> erased = table(backfilled, OutputTables.QUARANTINE).filter(col("run_date").equalTo(Date.valueOf(D2))
        .and(col("reason").equalTo("erased_user")));
    assertTrue(erased.filter(col("dataset").equalTo("users")).count() == 1, "their user row");
    assertTrue(erased.filter(col("dataset").isin("posts", "interactions")).count() > 0, "their posts and interactions");
    assertEquals(0, erased.filter(col("row_json").isNotNull()).count(), "no content kept");
    Row validate = table(backfilled, OutputTables.JOB_RUNS).filter(col("stage").equalTo("validate"))
        .orderBy(col("started_at").desc()).first();
    assertEquals(validate.<Long>getAs("rows_in") - validate.<Long>getAs("rows_out"),
        table(backfilled, OutputTables.QUARANTINE).filter(col("run_date").equalTo(Date.valueOf(D2))).count(),
        "read = loaded + quarantined");

    // Until VACUUM removes the old files, time travel still reaches the rows: that is what makes it physical.
    assertTrue(spark.read().format("delta").option("versionAsOf", 1).load(backfilled.resolve("ambassador_rankings")
        .toString()).filter(col("user_id").equalTo(user)).count() > 0, "older versions still hold them until VACUUM");
  }

  /** Rows of every output table whose JSON names the user id exactly. */
  private static long mentions(String user) {
    long n = 0;
    for (OutputTables.Table t : OutputTables.ALL) {
      if (OutputTables.ON_DEMAND.contains(t) && !Files.exists(backfilled.resolve(t.name()))) {
        continue; // never written here
      }
      n += table(backfilled, t).select(org.apache.spark.sql.functions.to_json(org.apache.spark.sql.functions.struct(col("*"))).as("j"))
          .filter(col("j").contains("\"" + user + "\"")).count();
    }
    return n;
  }

  /** A child JVM running nightly, and where its output goes. */
  private record Child(Process process, Path log) {}

  /** nightly for D1 in a fresh JVM with a failpoint, started. */
  private static Child startChildNightly(Path warehouse, String failpoint) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(ChildJvm.command("3g", List.of("-D" + Failpoints.PROPERTY + "=" + failpoint),
        Cli.fast("nightly", "--input", input.toString(), "--warehouse", warehouse.toString(), "--run-date", D1)));
    Path log = root.resolve(warehouse.getFileName() + ".log");
    pb.redirectErrorStream(true).redirectOutput(log.toFile()).environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return new Child(pb.start(), log);
  }

  /** The child's exit status, which must be the failpoint's halt (else the failure shows its output). */
  private static int awaitHalt(Child child) throws Exception {
    if (!child.process().waitFor(10, TimeUnit.MINUTES)) {
      child.process().destroyForcibly();
      throw new AssertionError("child nightly timed out: " + Files.readString(child.log()));
    }
    int status = child.process().exitValue();
    if (status != Failpoints.HALT_STATUS) {
      throw new AssertionError("child nightly exited " + status + ":\n" + Files.readString(child.log()));
    }
    return status;
  }
}
