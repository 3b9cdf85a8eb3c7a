package io.virage.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.max;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virage.SparkTestBase;
import io.virage.ranking.ScoreComponent;
import io.virage.schema.AnalystViews;
import io.virage.schema.ExampleQueries;
import io.virage.schema.OutputTables;
import io.virage.testing.ChildJvm;
import io.virage.testing.Cli;
import io.virage.testing.Cli.Result;
import io.virage.testing.DemoLakehouse;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What analysts use, on a demo lakehouse with two run dates: the views (checked against the same
 * answers computed with the DataFrame API), every documented example query, time travel, the HTML
 * report (well-formed SVG, the run's figures, rendered by headless Chromium), and the notebooks
 * (executed by nbconvert). Chromium and Jupyter come from Debian packages that .ci/run installs;
 * without them those two tests are skipped, unless VIRAGE_REQUIRE_ANALYST_TOOLS=1 (CI) makes
 * their absence a failure.
 */
class AnalystExperienceTest extends SparkTestBase {
  private static final String D1 = DemoLakehouse.D1;
  private static final String D2 = DemoLakehouse.D2;

  private static Path warehouse;

  @TempDir
  static Path scratch;

  private static Result cli(String... args) {
    return Cli.run(args);
  }

  @BeforeAll
  static void twoNightlyRuns() {
    warehouse = DemoLakehouse.warehouse(); // read only here
  }

  private static Dataset<Row> table(OutputTables.Table t) {
    return spark.read().format("delta").load(warehouse.resolve(t.name()).toString());
  }

  /** Rows of a query through the CLI, as CSV lines without the header. */
  private static List<String> csv(String query) {
    Result r = cli("sql", "--warehouse", warehouse.toString(), "--format", "csv", query);
    assertEquals(0, r.code(), query + "\n" + r.err());
    List<String> lines = r.out().lines().toList();
    return lines.subList(1, lines.size());
  }

  private static Set<String> set(List<Row> rows) {
    Set<String> out = new HashSet<>();
    rows.forEach(r -> out.add(r.mkString("|")));
    return out;
  }

  private static List<Row> viewRows(String sql) {
    return viewRows(warehouse, sql);
  }

  private static List<Row> viewRows(Path lake, String sql) {
    // The CLI's own session (the suite shares one SparkSession): sql registers the tables and
    // views the query names, then the same query runs here for its rows.
    Result r = cli("sql", "--warehouse", lake.toString(), "--format", "csv", sql);
    assertEquals(0, r.code(), sql + "\n" + r.err());
    return spark.sql(sql).collectAsList();
  }

  /**
   * top_movers holds exactly the latest rows that are new or moved, with movement and positions_moved.
   * Moved (ranking.movers): at least {@code minRank} positions, and a component that changed by at
   * least {@code minChange} since the previous run date's row (computed here from both rows' components).
   */
  private static int assertTopMoversAreWhatMoved(Path lake, Dataset<Row> latest, int minRank, double minChange) {
    Dataset<Row> previous = spark.read().format("delta").load(lake.resolve("ambassador_rankings").toString())
        .filter(col("run_date").equalTo(Date.valueOf(D1)));
    List<org.apache.spark.sql.Column> before = new java.util.ArrayList<>(List.of(col("brand_id"), col("user_id")));
    List<org.apache.spark.sql.Column> changes = new java.util.ArrayList<>();
    for (ScoreComponent c : ScoreComponent.values()) {
      before.add(col(c.column()).as("_p_" + c.column()));
      changes.add(org.apache.spark.sql.functions.abs(col(c.column()).minus(col("_p_" + c.column()))));
    }
    Dataset<Row> both = latest.join(previous.select(before.toArray(org.apache.spark.sql.Column[]::new)),
        new String[] {"brand_id", "user_id"}, "left");
    org.apache.spark.sql.Column changed = org.apache.spark.sql.functions.greatest(
        changes.toArray(org.apache.spark.sql.Column[]::new)).geq(minChange);
    Set<String> movers = set(both.filter(col("is_new").or(org.apache.spark.sql.functions.abs(col("rank_change")).geq(minRank)
            .and(changed))).select("brand_id", "user_id", "rank_change").collectAsList());
    assertEquals(movers, set(viewRows(lake, "SELECT brand_id, user_id, rank_change FROM top_movers")));
    for (Row r : viewRows(lake, "SELECT movement, rank_change, positions_moved FROM top_movers")) {
      String expected = r.isNullAt(1) ? "new" : r.getInt(1) > 0 ? "up" : "down";
      assertEquals(expected, r.getString(0));
      assertEquals(r.isNullAt(1) ? null : Math.abs(r.getInt(1)), r.isNullAt(2) ? null : r.getInt(2));
    }
    return movers.size();
  }

  @Test
  void topMoversListWhatMovedAfterAReRankWithOtherWeights(@TempDir Path scratch) {
    // The demo's second night ranks the same history one day later: few or no moves. Re-ranked with
    // sentiment weighing twice as much, ranks move for certain; the components do not (they do not
    // depend on the weights), so any component change counts here.
    Path lake = DemoLakehouse.copy(scratch.resolve("lake"));
    Result r = cli("rank-ambassadors", "--input", DemoLakehouse.input().toString(), "--warehouse", lake.toString(),
        "--run-date", D2, "--set", "ranking.weights.sentiment=0.6", "--set", "ranking.movers.min-component-change=0",
        "--set", "ranking.movers.min-rank-change=2");
    assertEquals(0, r.code(), r.err());
    Dataset<Row> latest = spark.read().format("delta").load(lake.resolve("ambassador_rankings").toString())
        .filter(col("run_date").equalTo(Date.valueOf(D2)));
    assertTrue(assertTopMoversAreWhatMoved(lake, latest, 2, 0) > 0, "other weights move ranks");
  }

  @Test
  void viewsAnswerWhatTheTablesSay() {
    Dataset<Row> rankings = table(OutputTables.AMBASSADOR_RANKINGS);
    Date d2 = Date.valueOf(D2);
    Dataset<Row> latest = rankings.filter(col("run_date").equalTo(d2));

    assertEquals(set(latest.select("brand_id", "user_id", "rank", "score").collectAsList()),
        set(viewRows("SELECT brand_id, user_id, rank, score FROM latest_ranking")), "latest_ranking = the D2 rows");

    assertTopMoversAreWhatMoved(warehouse, latest, 3, 0.01); // may be none here: see the next test

    assertEquals(set(latest.filter(col("is_employee")).select("brand_id", "user_id", "employee_rank").collectAsList()),
        set(viewRows("SELECT brand_id, user_id, employee_rank FROM employee_leaderboard")));

    // Long form: one row per ranked row and component, each value equal to its column.
    assertEquals(rankings.count() * ScoreComponent.values().length,
        viewRows("SELECT count(*) FROM ambassador_score_history").get(0).getLong(0));
    Row one = latest.filter(col("rank").equalTo(1)).orderBy("brand_id").first();
    for (Row r : viewRows("SELECT component, value FROM ambassador_score_history WHERE run_date = DATE'" + D2
        + "' AND brand_id = '" + one.getAs("brand_id") + "' AND user_id = '" + one.getAs("user_id") + "'")) {
      assertEquals(one.<Double>getAs(ScoreComponent.byKey(r.getString(0)).orElseThrow().column()), r.getDouble(1), 0.0,
          r.getString(0));
    }

    // Sentiment trend: counts per brand reconcile with post_sentiment, and net = (pos - neg) / posts.
    Dataset<Row> byBrand = table(OutputTables.POST_SENTIMENT).select(explode(col("brand_ids")).as("brand_id"), col("label"))
        .groupBy("brand_id").count();
    assertEquals(set(byBrand.collectAsList()),
        set(viewRows("SELECT brand_id, sum(posts) FROM brand_sentiment_trend GROUP BY brand_id")));
    for (Row r : viewRows("SELECT posts, positive_posts, neutral_posts, negative_posts, net_sentiment FROM brand_sentiment_trend")) {
      assertEquals(r.getLong(0), r.getLong(1) + r.getLong(2) + r.getLong(3));
      assertEquals((r.getLong(1) - r.getLong(3)) / (double) r.getLong(0), r.getDouble(4), 1e-12);
    }

    Dataset<Row> roster = table(OutputTables.AMBASSADOR_ROSTER).filter(col("run_date").equalTo(d2));
    assertEquals(set(roster.groupBy("brand_id").agg(max("cumulative_reach"), max("top_k_reach")).collectAsList()),
        set(viewRows("SELECT brand_id, roster_reach, top_k_reach FROM roster_coverage WHERE run_date = DATE'" + D2 + "'")));

    assertEquals(table(OutputTables.QUARANTINE).count(),
        viewRows("SELECT sum(quarantined_rows) FROM data_quality").get(0).getLong(0));
    // Two runs of four stages and the first night's train-sentiment: one latest attempt per (run date, stage).
    assertEquals(9, viewRows("SELECT * FROM stage_timings").size());
  }

  @Test
  void everyDocumentedExampleQueryRuns() {
    for (OutputTables.Table t : OutputTables.ALL) {
      for (ExampleQueries.Example e : ExampleQueries.of(t)) {
        if (e.sql().equals(ExampleQueries.LAST_TUESDAY)) {
          continue; // reads the table as of a day before this test's warehouse existed: see timeTravel
        }
        String sql = e.sql();
        if (sql.contains("'" + ExampleQueries.SOME_USER + "'") && t == OutputTables.AMBASSADOR_CANDIDATES) {
          // Asked of a user the demo did not rank: the first candidate left out on the latest run date.
          String left = table(t).filter(col("run_date").equalTo(Date.valueOf(D2)).and(col("eligible").unary_$bang()))
              .orderBy("user_id").first().getAs("user_id");
          sql = sql.replace("'" + ExampleQueries.SOME_USER + "'", "'" + left + "'");
        }
        Result r = cli("sql", "--warehouse", warehouse.toString(), "--format", "csv", sql);
        assertEquals(0, r.code(), t.name() + ": " + e.question() + "\n" + r.err());
        // Every row of the answer is printed (the CLI registered the tables in this shared session),
        // and on a table the demo fills, the documented question has an answer.
        long rows = spark.sql(sql).count();
        assertEquals(rows + 1, r.out().lines().count(), "a header and every row: " + sql);
        if (Files.exists(warehouse.resolve(t.name())) && table(t).count() > 0) {
          assertTrue(rows > 0, t.name() + ": '" + e.question() + "' has no answer on the demo: " + sql);
        }
      }
    }
    // The ones whose answer is known: top 10 per brand on the latest date, and the rejected-row counts.
    long top10 = table(OutputTables.AMBASSADOR_RANKINGS).filter(col("run_date").equalTo(Date.valueOf(D2))
        .and(col("rank").leq(10))).count();
    assertEquals(top10, csv(ExampleQueries.of(OutputTables.AMBASSADOR_RANKINGS).get(0).sql()).size());
    long rejected = csv(ExampleQueries.of(OutputTables.QUARANTINE).get(0).sql()).stream()
        .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(',') + 1))).sum();
    assertEquals(table(OutputTables.QUARANTINE).filter(col("run_date").equalTo(Date.valueOf(D2))).count(), rejected);
  }

  @Test
  void timeTravelShowsTheRankingAsItWasBeforeTheSecondRun() {
    // Versions: 0 = create, 1 = D1's write, 2 = D2's write. As of version 1 (or its timestamp), no D2 rows.
    List<Row> history = spark.sql("DESCRIBE HISTORY delta.`" + warehouse.resolve("ambassador_rankings") + "`")
        .select("version", "timestamp").orderBy("version").collectAsList();
    assertEquals(3, history.size(), history.toString());
    String afterFirst = history.get(1).getTimestamp(1).toString();
    long d1Rows = table(OutputTables.AMBASSADOR_RANKINGS).filter(col("run_date").equalTo(Date.valueOf(D1))).count();
    for (String asOf : List.of("VERSION AS OF 1", "TIMESTAMP AS OF '" + afterFirst + "'")) {
      assertEquals(List.of(D1 + "," + d1Rows), csv("SELECT run_date, count(*) FROM ambassador_rankings " + asOf
          + " GROUP BY run_date"), asOf);
    }
    // "Last Tuesday" predates this warehouse: a clear error, not an empty answer.
    Result r = cli("sql", "--warehouse", warehouse.toString(), ExampleQueries.LAST_TUESDAY);
    assertEquals(1, r.code(), r.out());
    assertTrue(r.err().contains("DELTA_TIMESTAMP_EARLIER_THAN_COMMIT_RETENTION"), r.err());
  }

  @Test
  void reportIsSelfContainedHoldsTheRunsFiguresAndRendersInChromium() throws Exception {
    Path html = scratch.resolve("report.html");
    Result r = cli("report", "--warehouse", warehouse.toString(), "--run-date", D2, "--out", html.toString());
    assertEquals(0, r.code(), r.err());
    String page = Files.readString(html, StandardCharsets.UTF_8);

    // Self-contained: nothing fetched from anywhere (the SVG namespace is a name, not a fetch).
    assertFalse(Pattern.compile("(src|href)=\"(https?:)?//|<link|@import|url\\(").matcher(page).find(),
        "the page loads nothing");
    // Every chart is well-formed SVG.
    Matcher svg = Pattern.compile("<svg class=\"chart\".*?</svg>", Pattern.DOTALL).matcher(page);
    int charts = 0;
    while (svg.find()) {
      DocumentBuilderFactory.newInstance().newDocumentBuilder()
          .parse(new java.io.ByteArrayInputStream(svg.group().getBytes(StandardCharsets.UTF_8)));
      charts++;
    }
    List<String> brands = table(OutputTables.AMBASSADOR_RANKINGS).select("brand_id").distinct().orderBy("brand_id")
        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    // Per brand: score chart, sentiment trend, (with two run dates of brand_trust) the trust trend, the
    // drill-down's score history and, when some candidates are not ranked, their reasons; then tiers,
    // roster, quarantine, stages.
    Dataset<Row> excluded = table(OutputTables.AMBASSADOR_CANDIDATES).filter(col("run_date").equalTo(Date.valueOf(D2))
        .and(col("eligible").unary_$bang()));
    long brandsWithExclusions = excluded.select("brand_id").distinct().count();
    assertEquals(4 * brands.size() + brandsWithExclusions + 4, charts, "charts in the page");
    // Drill-down: every exclusion reason with its count, as the bar's tooltip.
    for (Row e : excluded.groupBy("brand_id", "reason").count().collectAsList()) {
      assertTrue(page.contains("<title>" + e.getString(1) + ": " + String.format(java.util.Locale.ROOT, "%,d", e.getLong(2))
          + "</title>"), "exclusion bar " + e);
    }
    assertEquals(brands.size(), page.split("<h3>Brand trust</h3>", -1).length - 1, "a trust section per brand");
    for (String b : brands) {
      Row first = table(OutputTables.AMBASSADOR_RANKINGS).filter(col("run_date").equalTo(Date.valueOf(D2))
          .and(col("brand_id").equalTo(b)).and(col("rank").equalTo(1))).first();
      assertTrue(page.contains("#1 " + first.<String>getAs("handle")), b + "'s number one is in the page");
      // Names from the current-state tables: the brand's name in its heading, its number one's display name.
      Row brand = table(OutputTables.BRANDS).filter(col("brand_id").equalTo(b)).first();
      assertTrue(page.contains("<h2 id=\"brand-" + b + "\">" + brand.<String>getAs("name")
          .replace("&", "&amp;") + " <span class=\"muted\">(" + b + ")</span></h2>"), b + "'s heading names it");
      Row named = table(OutputTables.USERS_PUBLIC).filter(col("user_id").equalTo(first.<String>getAs("user_id"))).first();
      assertTrue(page.contains(first.<String>getAs("handle") + " <span class=\"muted\">"
          + named.<String>getAs("display_name") + "</span>"), b + "'s number one's display name");
      // Drill-down: the number one's latest post about the brand up to D2, quoted (public text), and
      // their score on each run date in the score history.
      Row latest = table(OutputTables.POST_SENTIMENT).filter(col("author_id").equalTo(first.<String>getAs("user_id"))
          .and(org.apache.spark.sql.functions.array_contains(col("brand_ids"), b))
          .and(col("ts").lt(Date.valueOf(java.time.LocalDate.parse(D2).plusDays(1)))))
          .orderBy(col("ts").desc()).select("text").first();
      String text = latest.getString(0);
      text = text.length() > 280 ? text.substring(0, 279) + "…" : text;
      assertTrue(page.contains("<td>" + text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
          .replace("\"", "&quot;").replace("'", "&#39;") + " <span class=\"muted\">"), b + "'s number one's latest post");
      for (Row h : table(OutputTables.AMBASSADOR_RANKINGS).filter(col("brand_id").equalTo(b)
          .and(col("user_id").equalTo(first.<String>getAs("user_id")))).select("run_date", "score").collectAsList()) {
        assertTrue(page.contains(String.format(java.util.Locale.ROOT, "<title>%s %s: %+.2f</title>",
            first.<String>getAs("handle"), h.getDate(0).toString().substring(5), h.getDouble(1))),
            b + " score history point " + h);
      }
    }
    // Conversions: each brand's most credited user is in the section, with their handle.
    assertTrue(page.contains("<h2 id=\"conversions\">Conversions attributed</h2>"), "a conversions section");
    for (Row top : spark.read().format("delta").load(warehouse.resolve("ambassador_conversions").toString())
        .filter(col("run_date").equalTo(Date.valueOf(D2))).groupBy("brand_id")
        .agg(org.apache.spark.sql.functions.max_by(col("handle"), col("attributed_conversions"))).collectAsList()) {
      assertTrue(page.contains("<td>" + top.getString(1) + "</td>"), top + " in the conversions section");
    }
    long quarantined = table(OutputTables.QUARANTINE).filter(col("run_date").equalTo(Date.valueOf(D2))).count();
    assertTrue(page.contains("quarantined rows<b>" + String.format(java.util.Locale.ROOT, "%,d", quarantined) + "</b>"),
        "quarantine total " + quarantined);

    assertEquals(1, cli("report", "--warehouse", warehouse.toString(), "--run-date", "2020-01-01",
        "--out", scratch.resolve("none.html").toString()).code(), "no run on that date: a failure, with the reason");

    Path chromium = tool("chromium", "/usr/bin/chromium");
    // The browser's own view: the DOM after load, with what the page's script recorded.
    String dom = run(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=5000",
        "--dump-dom", html.toUri().toString()), null).out();
    assertTrue(dom.contains("data-charts=\"" + charts + "\""), "the browser found the charts: " + bodyTag(dom));
    assertTrue(dom.contains("data-charts-drawn=\"" + charts + "\""), "and laid every one out with marks: " + bodyTag(dom));
    assertTrue(dom.contains("data-errors=\"0\""), "no script error: " + bodyTag(dom));

    // The screenshot: mostly white page, with every chart palette colour of the score bars present.
    Path png = scratch.resolve("report.png");
    run(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
        "--window-size=1100,2400", "--screenshot=" + png, html.toUri().toString()), null);
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(1100, image.getWidth());
    Map<Integer, Integer> seen = new java.util.HashMap<>();
    long white = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y) & 0xffffff;
        white += rgb == 0xffffff ? 1 : 0;
        seen.merge(rgb, 1, Integer::sum);
      }
    }
    assertTrue(white < (long) image.getWidth() * image.getHeight(), "not blank");
    for (String color : List.of("#4e79a7", "#f28e2b", "#76b7b2")) { // brand-influence, influence, sentiment
      int rgb = Integer.parseInt(color.substring(1), 16);
      assertTrue(seen.getOrDefault(rgb, 0) > 50, color + " bars drawn in the first screen: " + seen.getOrDefault(rgb, 0));
    }
  }

  @Test
  void notebooksRunHeadlessAgainstTheLakehouse() throws Exception {
    Path jupyter = tool("jupyter", "/usr/bin/jupyter");
    Path project = Path.of(System.getProperty("virage.project.dir", "."));
    List<String> java = ChildJvm.command("1g", List.of());
    Map<String, String> env = Map.of("VIRAGE_WAREHOUSE", warehouse.toString(),
        "VIRAGE_CMD", String.join(" ", java.stream().map(AnalystExperienceTest::shellQuote).toList()),
        "MPLBACKEND", "Agg");
    // Both at once: each is mostly a cold JVM and a Python kernel starting, which overlap on two cores.
    List<String> names = List.of("01_ambassadors.ipynb", "02_sentiment.ipynb");
    ExecutorService both = Executors.newFixedThreadPool(names.size());
    try {
      List<Future<Proc>> runs = new ArrayList<>();
      for (String name : names) {
        runs.add(both.submit(() -> run(List.of(jupyter.toString(), "nbconvert", "--to", "notebook", "--execute",
            "--ExecutePreprocessor.timeout=300", "--output-dir", scratch.toString(),
            project.resolve("notebooks").resolve(name).toString()), env)));
      }
      for (Future<Proc> r : runs) {
        r.get(); // a failed run (exit code, timeout) fails here with its message
      }
    } finally {
      both.shutdownNow();
    }
    for (String name : names) {
      String executed = Files.readString(scratch.resolve(name));
      assertFalse(executed.contains("\"output_type\": \"error\""), name + " has an error output");
      int plots = executed.split("\"image/png\"", -1).length - 1;
      assertTrue(plots >= (name.startsWith("01") ? 3 : 2), name + ": plots rendered " + plots);
    }
  }

  private static String bodyTag(String dom) {
    int i = dom.indexOf("<body");
    return i < 0 ? dom.substring(0, Math.min(300, dom.length())) : dom.substring(i, dom.indexOf('>', i) + 1);
  }

  private static String shellQuote(String s) {
    return s.matches("[A-Za-z0-9_./:=+,@%-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
  }

  /** A tool from Debian packages; skipped when absent, unless CI requires it. */
  private static Path tool(String name, String path) {
    boolean present = new File(path).canExecute();
    if (!present && "1".equals(System.getenv("VIRAGE_REQUIRE_ANALYST_TOOLS"))) {
      throw new AssertionError(name + " is required (VIRAGE_REQUIRE_ANALYST_TOOLS=1) but " + path + " is missing;"
          + " .ci/run installs it from Debian packages");
    }
    Assumptions.assumeTrue(present, name + " not installed (" + path + "); .ci/run installs it");
    return Path.of(path);
  }

  private record Proc(String out, String err) {}

  private static Proc run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command);
    if (env != null) {
      pb.environment().putAll(env);
    }
    Path out = Files.createTempFile(scratch, "out", ".txt");
    Path err = Files.createTempFile(scratch, "err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + command);
    }
    Proc result = new Proc(Files.readString(out), Files.readString(err));
    assertEquals(0, p.exitValue(), command + "\n" + result.err());
    return result;
  }
}
