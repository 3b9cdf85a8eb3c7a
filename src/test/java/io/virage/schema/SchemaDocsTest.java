package io.virage.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The docs say exactly what the code enforces, writes and reads: the input contract
 * (docs/input-contract.md), the tables and views (README.md, docs/tables.md), the configuration
 * defaults (docs/configuration.md).
 */
class SchemaDocsTest {
  private static Path project() {
    return Path.of(System.getProperty("virage.project.dir", "."));
  }

  private static String readme() throws IOException {
    return Files.readString(project().resolve("README.md"));
  }

  @Test
  void inputContractDocHoldsTheContract() throws IOException {
    assertTrue(Files.readString(project().resolve(SchemaDocs.INPUT_CONTRACT)).contains(SchemaDocs.inputContract()),
        SchemaDocs.INPUT_CONTRACT + " is out of date; its dataset tables must be:\n" + SchemaDocs.inputContract());
  }

  @Test
  void configurationDocHoldsTheDefaultsFileVerbatim() throws IOException {
    String defaults;
    try (var in = SchemaDocsTest.class.getResourceAsStream("/virage-defaults.conf")) {
      defaults = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    assertTrue(Files.readString(project().resolve("docs/configuration.md")).contains("```hocon\n" + defaults + "```"),
        "docs/configuration.md must quote src/main/resources/virage-defaults.conf verbatim, in a hocon block");
  }

  @Test
  void sqlHelpNamesEveryTableAndView() {
    String help = new picocli.CommandLine(new io.virage.cli.VirageCli()).getSubcommands().get("sql").getUsageMessage()
        .replaceAll("\\s+", " ");
    for (OutputTables.Table t : OutputTables.ALL) {
      assertTrue(help.contains(t.name()), "sql --help should name " + t.name() + ": " + help);
    }
    for (AnalystViews.View v : AnalystViews.ALL) {
      assertTrue(help.contains(v.name()), "sql --help should name " + v.name() + ": " + help);
    }
  }

  @Test
  void readmeHoldsTheTableSummary() throws IOException {
    assertTrue(readme().contains(SchemaDocs.tableSummary()),
        "README.md is out of date; its output tables section must be:\n" + SchemaDocs.tableSummary());
  }

  @Test
  void tableReferenceIsGeneratedWithThreeExamplesPerTable() throws IOException {
    for (OutputTables.Table t : OutputTables.ALL) {
      assertEquals(3, ExampleQueries.of(t).size(), t.name() + " examples");
    }
    assertEquals(SchemaDocs.tableReference(), Files.readString(project().resolve(SchemaDocs.TABLE_REFERENCE)),
        SchemaDocs.TABLE_REFERENCE + " is out of date: java -cp target/virage.jar io.virage.schema.SchemaDocs"
            + " --write-reference .");
  }
}
