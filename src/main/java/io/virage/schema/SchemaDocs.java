package io.virage.schema;

import io.virage.schema.InputContract.Dataset;
import io.virage.schema.InputContract.Spec;
import io.virage.schema.OutputTables.Table;
import org.apache.spark.sql.types.StructField;

/**
 * Markdown for README.md, rendered from the same definitions that validate inputs and comment the
 * Delta tables, so the documentation cannot drift from the product (a test compares them).
 */
public final class SchemaDocs {
  private SchemaDocs() {}

  /** Prints both sections: {@code java -cp target/virage.jar io.virage.schema.SchemaDocs}. */
  public static void main(String[] args) {
    System.out.print("### Input contract (generated)\n\n" + inputContract());
    System.out.print("### Output tables (generated)\n\n" + outputTables());
  }

  /** One table per input dataset: column, type, required, meaning. */
  public static String inputContract() {
    StringBuilder b = new StringBuilder();
    for (Dataset d : Dataset.values()) {
      b.append("#### `").append(d.folder()).append("`\n\n");
      b.append("| column | type | required | meaning |\n|---|---|---|---|\n");
      for (Spec s : d.columns()) {
        b.append("| `").append(s.name()).append("` | ").append(s.kind().expected()).append(" | ")
            .append(s.required() ? "yes" : "no").append(" | ").append(s.meaning()).append(" |\n");
      }
      b.append('\n');
    }
    return b.toString();
  }

  /** One table per output table: its comment, partitioning, then column, type, meaning. */
  public static String outputTables() {
    StringBuilder b = new StringBuilder();
    for (Table t : OutputTables.ALL) {
      b.append("#### `").append(t.name()).append("`\n\n").append(t.comment()).append(' ')
          .append(t.partitionBy().isEmpty() ? "Not partitioned." : "Partitioned by `" + String.join("`, `", t.partitionBy()) + "`.")
          .append("\n\n| column | type | meaning |\n|---|---|---|\n");
      for (StructField f : t.schema().fields()) {
        b.append("| `").append(f.name()).append("` | ").append(f.dataType().simpleString()).append(" | ")
            .append(f.getComment().getOrElse(() -> "")).append(" |\n");
      }
      b.append('\n');
    }
    return b.toString();
  }
}
