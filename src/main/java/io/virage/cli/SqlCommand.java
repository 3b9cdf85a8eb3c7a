package io.virage.cli;

import io.virage.lake.Lakehouse;
import io.virage.schema.AnalystViews;
import io.virage.schema.OutputTables;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sql}: runs Spark SQL against the lakehouse, every output table registered under its name.
 * Results print as an aligned table (at most --max-rows rows), or stream as CSV or JSON lines.
 */
@Command(name = "sql", mixinStandardHelpOptions = true,
    description = {"Run one or more ';'-separated Spark SQL statements against the lakehouse.",
        "Every output table is available under its name (quarantine, influence_scores, brand_influence,",
        "sentiment_models, model_events, model_evaluations, post_sentiment, user_brand_sentiment,",
        "ambassador_conversions, ambassador_candidates,",
        "ambassador_rankings, ambassador_roster, brand_trust, campaign_plans, brands, users_public, job_runs, erasures),",
        "and so is every",
        "view: latest_ranking, top_movers, employee_leaderboard, brand_sentiment_trend, ambassador_score_history,",
        "roster_coverage, brand_trust_trend, conversion_leaders, campaign_plan_summary, data_quality, stage_timings.",
        "Delta time travel works on tables: SELECT * FROM t VERSION AS OF 1 (or TIMESTAMP AS OF '...').",
        "Each statement that returns rows prints them."})
public final class SqlCommand extends VirageCommand {
  enum Format { table, csv, json }

  @Parameters(arity = "0..1", paramLabel = "SQL", description = "Statements, ';'-separated.")
  String statements;

  @Option(names = "--file", paramLabel = "FILE", description = "Read the statements from a file instead.")
  Path file;

  @Option(names = "--format", defaultValue = "table",
      description = "Output: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}. csv and json stream every row.")
  Format format;

  @Option(names = "--max-rows", defaultValue = "1000",
      description = "Rows shown by --format table. Default: ${DEFAULT-VALUE}.")
  int maxRows;

  @Override
  public Integer call() throws Exception {
    if ((statements == null) == (file == null)) {
      throw new io.virage.config.InvalidSettingException("sql: give the statements or --file, not both or neither");
    }
    String script = file != null ? Files.readString(file, StandardCharsets.UTF_8) : statements;
    List<String> parts = SqlScript.split(script);
    if (parts.isEmpty()) {
      throw new io.virage.config.InvalidSettingException("sql: no statement to run");
    }
    SparkSession spark = common.spark("sql");
    // Only what the statements name: each table costs a read of its Delta log.
    List<AnalystViews.View> views = AnalystViews.namedIn(script);
    Lakehouse lake = new Lakehouse(spark, common.warehouse);
    List<OutputTables.Table> tables = OutputTables.namedIn(script + "\n" + AnalystViews.sqlOf(views));
    // Small tables are read without generated code and through one shuffle partition, as a small
    // nightly is: compiling the query's code would cost more than running it.
    try (AutoCloseable sized = io.virage.jobs.SparkSessions.sizedForTables(spark, lake, tables)) {
      lake.register(tables);
      AnalystViews.register(spark, views);
      PrintWriter out = out();
      for (String statement : parts) {
        Dataset<Row> result = spark.sql(statement);
        if (result.schema().isEmpty()) {
          continue;
        }
        switch (format) {
          case table -> printTable(result, out, maxRows);
          case csv -> printCsv(result, out);
          case json -> printJson(result, out);
        }
      }
      out.flush();
    }
    return 0;
  }

  /** Prints at most {@code maxRows} rows as an aligned text table, then the row count. */
  static void printTable(Dataset<Row> result, PrintWriter out, int maxRows) {
    String[] names = result.schema().fieldNames();
    // Bounded by --max-rows (+1 to know whether rows were cut).
    List<Row> rows = result.limit(maxRows + 1).collectAsList();
    boolean cut = rows.size() > maxRows;
    if (cut) {
      rows = rows.subList(0, maxRows);
    }
    int[] width = new int[names.length];
    List<String[]> cells = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      width[i] = names[i].length();
    }
    for (Row r : rows) {
      String[] line = new String[names.length];
      for (int i = 0; i < names.length; i++) {
        line[i] = text(r, i);
        width[i] = Math.max(width[i], line[i].length());
      }
      cells.add(line);
    }
    StringBuilder sep = new StringBuilder("+");
    for (int w : width) {
      sep.append("-".repeat(w + 2)).append('+');
    }
    out.println(sep);
    out.println(line(names, width));
    out.println(sep);
    for (String[] line : cells) {
      out.println(line(line, width));
    }
    out.println(sep);
    out.println(rows.size() + (rows.size() == 1 ? " row" : " rows") + (cut ? " (cut at --max-rows)" : ""));
  }

  private static String line(String[] values, int[] width) {
    StringBuilder b = new StringBuilder("|");
    for (int i = 0; i < values.length; i++) {
      b.append(' ').append(values[i]).append(" ".repeat(width[i] - values[i].length())).append(" |");
    }
    return b.toString();
  }

  private static void printCsv(Dataset<Row> result, PrintWriter out) {
    StructField[] fields = result.schema().fields();
    List<String> header = new ArrayList<>();
    for (StructField f : fields) {
      header.add(csv(f.name()));
    }
    out.println(String.join(",", header));
    Iterator<Row> it = result.toLocalIterator(); // streams one partition at a time
    while (it.hasNext()) {
      Row r = it.next();
      List<String> values = new ArrayList<>();
      for (int i = 0; i < fields.length; i++) {
        values.add(r.isNullAt(i) ? "" : csv(text(r, i)));
      }
      out.println(String.join(",", values));
    }
  }

  private static void printJson(Dataset<Row> result, PrintWriter out) {
    Iterator<String> it = result.toJSON().toLocalIterator(); // one JSON object per line, streamed
    while (it.hasNext()) {
      out.println(it.next());
    }
  }

  private static String text(Row r, int i) {
    if (r.isNullAt(i)) {
      return "NULL";
    }
    Object v = r.get(i);
    if (v instanceof scala.collection.Seq<?> seq) {
      return "[" + String.join(", ", scala.jdk.javaapi.CollectionConverters.asJava(seq).stream()
          .map(String::valueOf).toList()) + "]";
    }
    return String.valueOf(v);
  }

  private static String csv(String s) {
    if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
      return "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }
}
