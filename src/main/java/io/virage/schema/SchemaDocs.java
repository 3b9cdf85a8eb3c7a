package io.virage.schema;

import io.virage.schema.AnalystViews.View;
import io.virage.schema.ExampleQueries.Example;
import io.virage.schema.InputContract.InputDataset;
import io.virage.schema.InputContract.Spec;
import io.virage.schema.OutputTables.Table;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.types.StructField;

/**
 * Markdown for README.md, docs/input-contract.md and docs/tables.md, rendered from the same definitions that validate
 * inputs, comment the Delta tables and register the views, so the documentation cannot drift from
 * the product (SchemaDocsTest compares them).
 */
public final class SchemaDocs {
  private SchemaDocs() {}

  /** Where the full table reference lives, relative to the project root. */
  public static final String TABLE_REFERENCE = "docs/tables.md";

  /** Where the input contract lives (its dataset tables are {@link #inputContract()}). */
  public static final String INPUT_CONTRACT = "docs/input-contract.md";

  /**
   * {@code java -cp target/virage.jar io.virage.schema.SchemaDocs} prints the generated sections
   * (the dataset tables of docs/input-contract.md, the table summary of README.md);
   * with {@code --write-reference DIR} it also rewrites DIR/docs/tables.md.
   */
  public static void main(String[] args) throws IOException {
    System.out.print("### Input contract (generated)\n\n" + inputContract());
    System.out.print("### Output tables (generated)\n\n" + tableSummary());
    if (args.length == 2 && args[0].equals("--write-reference")) {
      Path out = Path.of(args[1], TABLE_REFERENCE);
      Files.createDirectories(out.getParent());
      Files.writeString(out, tableReference(), StandardCharsets.UTF_8);
    }
  }

  /** One table per input dataset: column, type, required, meaning. */
  public static String inputContract() {
    StringBuilder b = new StringBuilder();
    for (InputDataset d : InputDataset.values()) {
      b.append("### `").append(d.folder()).append("`\n\n");
      b.append("| column | type | required | meaning |\n|---|---|---|---|\n");
      for (Spec s : d.columns()) {
        b.append("| `").append(s.name()).append("` | ").append(s.kind().expected()).append(" | ")
            .append(s.required() ? "yes" : "no").append(" | ").append(s.meaning()).append(" |\n");
      }
      b.append('\n');
    }
    return b.toString();
  }

  /** README's overview: one line per table and per view, linking to the full reference. */
  public static String tableSummary() {
    StringBuilder b = new StringBuilder("| table | partitioned by | grain |\n|---|---|---|\n");
    for (Table t : OutputTables.ALL) {
      b.append("| [`").append(t.name()).append("`](").append(TABLE_REFERENCE).append('#').append(anchor(t.name()))
          .append(") | ").append(t.partitionBy().isEmpty() ? "-" : "`" + String.join("`, `", t.partitionBy()) + "`")
          .append(" | ").append(t.comment()).append(" |\n");
    }
    b.append("\n| view (registered by `sql` and `report`) | what a row is |\n|---|---|\n");
    for (View v : AnalystViews.ALL) {
      b.append("| [`").append(v.name()).append("`](").append(TABLE_REFERENCE).append('#').append(anchor(v.name()))
          .append(") | ").append(v.grain()).append(" |\n");
    }
    return b.append('\n').toString();
  }

  /** docs/tables.md: every table (grain, partitioning, columns, three example queries), then the views. */
  public static String tableReference() {
    StringBuilder b = new StringBuilder("""
        # Output tables and views

        Generated from `io.virage.schema` (`OutputTables`, `ExampleQueries`, `AnalystViews`): the column
        text below is the comment each Delta column carries. Do not edit by hand; regenerate with
        `java -cp target/virage.jar io.virage.schema.SchemaDocs --write-reference .` (`SchemaDocsTest`
        fails when this file drifts, and `AnalystExperienceTest` runs every query below on a demo lakehouse).

        Query with `java -jar target/virage.jar sql "..."` (add `--format csv` or `--format json` to stream
        every row). Every table below is registered under its name, and every view too.

        Every table is a Delta table: read it from other tools with a Delta reader (Spark with delta-spark,
        delta-rs, DuckDB's `delta_scan`), **never as plain Parquet files**, which counts a rerun's rows twice
        and shows erased people until VACUUM: see [analysts](analysts.md#reading-the-tables-from-other-tools).

        """);
    for (Table t : OutputTables.ALL) {
      b.append("## `").append(t.name()).append("`\n\n").append("**Grain:** ").append(t.comment()).append("  \n")
          .append("**Partitioning:** ")
          .append(t.partitionBy().isEmpty() ? "none." : "`" + String.join("`, `", t.partitionBy()) + "`"
              + (t.perRunDate() ? "; each run date is replaced in one atomic commit (a rerun replaces only its date)." : "."))
          .append("\n\n| column | type | meaning |\n|---|---|---|\n");
      for (StructField f : t.schema().fields()) {
        b.append("| `").append(f.name()).append("` | ").append(f.dataType().simpleString()).append(" | ")
            .append(f.getComment().getOrElse(() -> "")).append(" |\n");
      }
      b.append("\nExamples:\n\n");
      for (Example e : ExampleQueries.of(t)) {
        b.append("- ").append(e.question()).append("\n\n  ```sql\n");
        e.sql().lines().forEach(l -> b.append("  ").append(l).append('\n'));
        b.append("  ```\n\n");
      }
    }
    b.append("""
        # Views

        Registered as temporary views by `sql` and `report` (after the tables), so they always read the
        current table versions. Time travel applies to tables, not views: use `VERSION AS OF` /
        `TIMESTAMP AS OF` on a table (see below).

        """);
    for (View v : AnalystViews.ALL) {
      b.append("## `").append(v.name()).append("`\n\n").append(v.grain()).append("\n\n```sql\n")
          .append(v.sql()).append("\n```\n\n");
    }
    b.append("""
        # Time travel

        Every write is a Delta commit, so any earlier state of a table can be read back:
        `DESCRIBE HISTORY ambassador_rankings` lists the versions with their timestamps, and
        `VERSION AS OF n` or `TIMESTAMP AS OF '2026-11-24 23:59:59'` reads one. "What did the ranking look
        like last Tuesday?" is the table as it stood at the end of the most recent Tuesday before today:

        ```sql
        """).append(ExampleQueries.LAST_TUESDAY).append("""

        ```

        This differs from `WHERE run_date = <last Tuesday>`, which reads the *current* rows for that run
        date (a rerun of that date since then replaced them). `TIMESTAMP AS OF` a time before the
        table's first commit fails with `DELTA_TIMESTAMP_EARLIER_THAN_COMMIT_RETENTION` ("The provided
        timestamp ... is before the earliest version available to this table") and exit code 1: on a
        lakehouse younger than a week, ask for a later time. `VACUUM` removes the files of versions older
        than its retention, which ends time travel to them.
        """);
    return b.toString();
  }

  /** GitHub's heading anchor for a heading that is just `name` in code style. */
  private static String anchor(String name) {
    return name.toLowerCase(java.util.Locale.ROOT);
  }
}
