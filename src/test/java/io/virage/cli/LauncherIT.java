package io.virage.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/virage}, after {@code package}: a query's exact output, the same exit codes and messages
 * as {@code java -jar target/virage.jar}, and the class-data-sharing archive the build wrote beside
 * the jar really in use ({@code -Xshare:on} makes the JVM refuse to start without one).
 */
class LauncherIT {
  private static final Path ROOT = Path.of("").toAbsolutePath();
  private static final Path JAR = ROOT.resolve("target/virage.jar");

  @TempDir
  Path tmp;

  record Run(int code, String out) {}

  @Test
  void theLauncherPrintsWhatTheJarPrintsWithTheArchiveMapped() throws Exception {
    assertTrue(Files.isRegularFile(ROOT.resolve("target/virage.jsa")),
        "mvn package writes target/virage.jsa (unless -Dvirage.cds.skip=true)");
    String[] query = {"sql", "--warehouse", tmp.resolve("lake").toString(), "--format", "csv",
        "SELECT 41 + 1 AS answer, upper('virage') AS name"};

    // What java -jar prints for this query (a Spark session costs about 15 s, so not run again here).
    Run launched = run(List.of(ROOT.resolve("bin/virage").toString()), Map.of("VIRAGE_JAVA_OPTS", "-Xshare:on"), query);
    assertEquals(0, launched.code(), launched.out());
    assertEquals("answer,name\n42,VIRAGE\n", launched.out());

    // The JVM the launcher starts maps the build's archive, which holds Spark's and Delta's classes.
    Run mapped = run(List.of(ROOT.resolve("bin/virage").toString()),
        Map.of("VIRAGE_JAVA_OPTS", "-XX:+PrintSharedArchiveAndExit"), query);
    assertEquals(0, mapped.code(), mapped.out());
    assertTrue(mapped.out().contains("Dynamic archive name: " + ROOT.resolve("target/virage.jsa")), mapped.out());
    assertTrue(mapped.out().contains(" org.apache.spark.sql.classic.SparkSession app_loader"), "Spark's session class archived");
    assertTrue(mapped.out().contains(" org.apache.spark.sql.delta.DeltaLog app_loader"), "Delta's log class archived");
  }

  @Test
  void exitCodesAndErrorsPassThrough() throws Exception {
    // No statement: a usage error (exit 2), printed by the CLI, before any Spark session.
    String[] noStatement = {"sql", "--warehouse", tmp.resolve("lake").toString()};
    Run launched = run(List.of(ROOT.resolve("bin/virage").toString()), Map.of(), noStatement);
    Run plain = run(List.of(java(), "-jar", JAR.toString()), Map.of(), noStatement);
    assertEquals(2, launched.code(), launched.out());
    assertEquals(plain, launched);
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Runs a command to its end; stdout only (stderr carries Spark's log lines, which differ by run). */
  private Run run(List<String> command, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(command);
    cmd.addAll(List.of(args));
    Path err = Files.createTempFile(tmp, "stderr", ".log");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectError(err.toFile());
    pb.environment().put("JAVA_HOME", System.getProperty("java.home")); // the JDK that wrote the archive
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + cmd);
    String errText = Files.readString(err);
    return new Run(p.exitValue(), p.exitValue() == 0 ? out : out + errText.lines()
        .filter(l -> !l.contains(" INFO ") && !l.contains(" WARN ")).reduce("", (a, b) -> a + b + "\n"));
  }
}
