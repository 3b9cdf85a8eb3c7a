package io.virage.report;

import io.virage.config.Settings;
import io.virage.lake.Lakehouse;
import io.virage.schema.AnalystViews;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/** The {@code report} command's work: read one run date's results, render the page, write it. */
public final class RunReport {
  private RunReport() {}

  /** Ambassadors shown per brand. */
  public static final int TOP_N = 10;

  /** Writes the report of {@code runDate} to {@code out} (any Hadoop path) and returns its size in bytes. */
  public static long write(SparkSession spark, String warehouse, Settings settings, LocalDate runDate, int trendDays,
      String out) throws IOException {
    new Lakehouse(spark, warehouse).registerAll();
    AnalystViews.register(spark);
    ReportData data = ReportData.load(spark, warehouse, runDate, TOP_N, trendDays + HtmlReport.TREND_SMOOTHING - 1,
        settings.ranking().weights());
    byte[] html = HtmlReport.render(data, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
        .getBytes(StandardCharsets.UTF_8);
    Path path = new Path(out);
    FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
    try (OutputStream os = fs.create(path, true)) {
      os.write(html);
    }
    return html.length;
  }
}
