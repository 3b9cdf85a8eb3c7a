package io.virage.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlScriptTest {
  @Test
  void splitsOnSemicolonsOutsideQuotesAndComments() {
    String script = "SELECT 'a;b' AS x; -- comment; here\nSELECT \"c;d\", `e;f` FROM t /* g; h */ ;\n\n ; SELECT 1";
    assertEquals(List.of("SELECT 'a;b' AS x", "SELECT \"c;d\", `e;f` FROM t", "SELECT 1"),
        SqlScript.split(script));
  }

  @Test
  void escapedQuoteStaysInsideTheLiteral() {
    assertEquals(List.of("SELECT 'it\\'s; fine'", "SELECT 2"), SqlScript.split("SELECT 'it\\'s; fine'; SELECT 2;"));
  }

  @Test
  void blankScriptHasNoStatement() {
    assertEquals(List.of(), SqlScript.split("  ;\n -- nothing\n"));
  }
}
