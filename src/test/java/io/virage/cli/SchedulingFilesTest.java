package io.virage.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The scheduling files in jobs/ parse: the shell wrapper with bash -n, the Airflow DAG with Python's compiler. */
class SchedulingFilesTest {
  private static final Path JOBS = Path.of(System.getProperty("virage.project.dir", "."), "jobs");

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out: " + command);
    assertEquals(0, p.exitValue(), command + "\n" + out);
    return out;
  }

  @Test
  void shellWrapperParses() throws Exception {
    run(List.of("bash", "-n", JOBS.resolve("virage-nightly.sh").toString()));
  }

  @Test
  void airflowDagIsValidPythonNamingTheNightlyCommand() throws Exception {
    Path dag = JOBS.resolve("virage_dag.py");
    // Compiles without writing __pycache__ into the checkout.
    run(List.of("python3", "-c", "import sys; compile(open(sys.argv[1]).read(), sys.argv[1], 'exec')", dag.toString()));
    String text = Files.readString(dag);
    assertTrue(text.contains("jobs/virage-nightly.sh {{ ds }}") && text.contains("max_active_runs=1"), text);
  }
}
