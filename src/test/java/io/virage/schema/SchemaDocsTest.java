package io.virage.schema;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** README.md documents exactly the contract and the tables the code enforces and writes. */
class SchemaDocsTest {
  private static String readme() throws IOException {
    return Files.readString(Path.of(System.getProperty("virage.project.dir", "."), "README.md"));
  }

  @Test
  void readmeHoldsTheInputContract() throws IOException {
    assertTrue(readme().contains(SchemaDocs.inputContract()),
        "README.md is out of date; its input contract section must be:\n" + SchemaDocs.inputContract());
  }

  @Test
  void sqlHelpNamesEveryTable() {
    String help = new picocli.CommandLine(new io.virage.cli.VirageCli()).getSubcommands().get("sql").getUsageMessage()
        .replaceAll("\\s+", " ");
    for (OutputTables.Table t : OutputTables.ALL) {
      assertTrue(help.contains(t.name()), "sql --help should name " + t.name() + ": " + help);
    }
  }

  @Test
  void readmeHoldsTheOutputTables() throws IOException {
    assertTrue(readme().contains(SchemaDocs.outputTables()),
        "README.md is out of date; its output tables section must be:\n" + SchemaDocs.outputTables());
  }
}
