package io.virage.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;

import io.virage.jobs.SparkSessions;
import io.virage.schema.InputContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * For benchmarks that need more brands than the demo's five: writes an input root whose brands are
 * the original ones plus {@code copies - 1} copies of each under another id ({@code aurora_2}, ...)
 * with the same keywords and handles, so every post about a brand is about its copies too and the
 * per-brand work grows as with that many brands. The other datasets are symbolic links to the
 * original (local paths only). Usage: {@code MoreBrands INPUT OUT COPIES}.
 */
public final class MoreBrands {
  private MoreBrands() {}

  public static void main(String[] args) throws Exception {
    Path input = Paths.get(args[0]).toAbsolutePath();
    Path out = Paths.get(args[1]).toAbsolutePath();
    int copies = Integer.parseInt(args[2]);
    Files.createDirectories(out);
    for (InputContract.InputDataset d : InputContract.InputDataset.values()) {
      Path link = out.resolve(d.folder());
      if (d != InputContract.InputDataset.BRANDS && Files.exists(input.resolve(d.folder())) && !Files.exists(link)) {
        Files.createSymbolicLink(link, input.resolve(d.folder()));
      }
    }
    SparkSession spark = SparkSessions.getOrCreate("virage more brands", out.resolve("_tmp_catalog").toString(), Map.of());
    Dataset<Row> brands = spark.read().parquet(input.resolve(InputContract.InputDataset.BRANDS.folder()).toString());
    Dataset<Row> all = brands;
    for (int c = 2; c <= copies; c++) {
      all = all.unionByName(brands.withColumn(InputContract.Brands.BRAND_ID,
          concat(col(InputContract.Brands.BRAND_ID), lit("_" + c))));
    }
    all.write().mode("overwrite").parquet(out.resolve(InputContract.InputDataset.BRANDS.folder()).toString());
    System.out.printf("%s: %d brands (%d x the input's)%n", out, all.count(), copies);
    spark.stop();
  }
}
