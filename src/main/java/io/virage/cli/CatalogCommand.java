package io.virage.cli;

import io.virage.lake.DuckDbCatalog;
import io.virage.lake.Lakehouse;
import java.io.PrintWriter;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;

/** {@code catalog}: writes the DuckDB catalog of the lakehouse (then every writing command keeps it up to date). */
@Command(name = "catalog", mixinStandardHelpOptions = true,
    description = {"Write <warehouse>/" + DuckDbCatalog.SCRIPT + ": a DuckDB script that defines every output table",
        "(over exactly the Parquet files of its current Delta snapshot) and every analyst view, with the tables' and",
        "columns' descriptions as comments. Once it exists, every command that writes the warehouse rewrites it.",
        "Use: duckdb virage.duckdb -c \".read lakehouse/" + DuckDbCatalog.SCRIPT + "\"",
        "(again after each night), then point DBeaver, Metabase, Superset or dbt at virage.duckdb."})
public final class CatalogCommand extends VirageCommand implements WarehouseWriter {
  @Override
  public Integer call() throws Exception {
    SparkSession spark = common.spark("catalog");
    Lakehouse lake = new Lakehouse(spark, common.warehouse);
    String path = DuckDbCatalog.write(spark, lake);
    PrintWriter out = out();
    out.println("catalog: wrote " + path + " (" + io.virage.schema.OutputTables.ALL.size() + " tables, "
        + io.virage.schema.AnalystViews.ALL.size() + " views)");
    out.flush();
    return 0;
  }
}
