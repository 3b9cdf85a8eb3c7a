package io.virage.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virage.SparkTestBase;
import io.virage.testing.Cli;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster jar on a real Spark standalone cluster: takes the cluster jar this build shaded (Spark
 * not in it), starts a Master and a Worker from Spark's own jars
 * (a SPARK_HOME whose {@code jars/} holds the test class path's jars minus Virage's own jar, Delta,
 * picocli and Typesafe Config, which the cluster jar must bring itself), submits
 * {@code nightly --demo} with SparkSubmit to {@code spark://127.0.0.1:PORT}, checks that an
 * executor on the Worker ran the tasks and that its rankings are the in-process run's, then stops
 * everything.
 */
class ClusterRunIT extends SparkTestBase {
  private static final String RUN_DATE = "2026-11-26";
  private static final Pattern NOT_SPARK = Pattern.compile(
      "(virage|delta-spark|delta-storage|picocli|config|junit|opentest4j|apiguardian)([-_].*)?\\.jar");

  @TempDir
  Path tmp;

  @Test
  void nightlyOnAStandaloneClusterWithTheClusterJar() throws Exception {
    Path jar = clusterJar();
    Path sparkHome = sparkHome();
    int port = freePort();
    String master = "spark://127.0.0.1:" + port;
    List<Process> started = new ArrayList<>();
    try {
      start(started, sparkHome, tmp.resolve("master.log"), "org.apache.spark.deploy.master.Master",
          "--host", "127.0.0.1", "--port", String.valueOf(port), "--webui-port", String.valueOf(freePort()))
          .await("Starting Spark master at " + master);
      Path work = Files.createDirectories(tmp.resolve("work"));
      start(started, sparkHome, tmp.resolve("worker.log"), "org.apache.spark.deploy.worker.Worker",
          "--host", "127.0.0.1", "--cores", "2", "--memory", "2g", "--webui-port", String.valueOf(freePort()),
          "--work-dir", work.toString(), master)
          .await("Successfully registered with master");

      Path warehouse = tmp.resolve("lake");
      List<String> submit = java(sparkHome, "org.apache.spark.deploy.SparkSubmit");
      submit.addAll(List.of("--master", master, "--class", VirageCli.class.getName(),
          "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.executor.memory=1g",
          "--conf", "spark.ui.enabled=false", "--conf", "spark.sql.shuffle.partitions=4",
          jar.toString(), "nightly", "--demo", "--warehouse", warehouse.toString(), "--run-date", RUN_DATE,
          "--set", "demo.users=1000", "--set", "sentiment.cv-folds=1"));
      ProcessBuilder pb = new ProcessBuilder(submit).redirectErrorStream(true)
          .redirectOutput(tmp.resolve("submit.log").toFile());
      pb.environment().put("SPARK_HOME", sparkHome.toString());
      Process s = pb.start();
      assertTrue(s.waitFor(20, TimeUnit.MINUTES), "spark-submit did not finish in 20 minutes");
      String log = Files.readString(tmp.resolve("submit.log"));
      assertEquals(0, s.exitValue(), tail(log));
      assertTrue(log.contains("nightly " + RUN_DATE + " succeeded"), tail(log));

      // The tasks ran in an executor the Worker launched, not in the driver.
      assertTrue(Files.readString(tmp.resolve("worker.log")).contains("Asked to launch executor"));
      long executorTasks;
      try (Stream<Path> files = Files.walk(work)) {
        executorTasks = files.filter(p -> p.getFileName().toString().equals("stderr")).mapToLong(p -> {
          try {
            return Files.readAllLines(p).stream().filter(l -> l.contains("Finished task")).count();
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        }).sum();
      }
      assertTrue(executorTasks > 100, "tasks finished in executors: " + executorTasks);

      // The tables the cluster wrote, read back here: every stage succeeded (the first model trained
      // in its own stage: the registry was empty), and the rankings are the ones the same command
      // computes locally, in this JVM (ids and ranks exactly, scores to 1e-9).
      List<Row> stages = spark.read().format("delta").load(warehouse.resolve("job_runs").toString())
          .filter("command = 'nightly'").select("stage", "status").collectAsList();
      assertEquals(List.of("influence succeeded", "ranking succeeded", "sentiment succeeded",
              "train-sentiment succeeded", "validate succeeded"),
          stages.stream().map(r -> r.getString(0) + " " + r.getString(1)).sorted().toList());
      Path local = tmp.resolve("local");
      Cli.Result here = Cli.run("nightly", "--demo", "--warehouse", local.toString(), "--run-date", RUN_DATE,
          "--set", "demo.users=1000", "--set", "sentiment.cv-folds=1");
      assertEquals(0, here.code(), here.err());
      List<Row> onCluster = rankings(warehouse);
      List<Row> inProcess = rankings(local);
      assertTrue(inProcess.size() > 100, "ranked rows: " + inProcess.size());
      assertEquals(inProcess.size(), onCluster.size(), "ranked rows");
      for (int i = 0; i < inProcess.size(); i++) {
        Row a = inProcess.get(i);
        Row b = onCluster.get(i);
        assertEquals(a.getString(0) + " " + a.getString(1) + " #" + a.getInt(2),
            b.getString(0) + " " + b.getString(1) + " #" + b.getInt(2), "row " + i);
        assertEquals(a.getDouble(3), b.getDouble(3), 1e-9 * Math.max(1, Math.abs(a.getDouble(3))), "score of row " + i);
      }
    } finally {
      for (Process p : started) {
        p.destroy();
      }
      for (Process p : started) {
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      }
    }
  }

  /**
   * target/virage-cluster.jar, which {@code mvn verify} shades from this build's classes before the
   * integration tests (pom.xml, execution cluster-jar-for-tests): the jar a cluster gets.
   */
  private static Path clusterJar() {
    Path jar = Path.of(System.getProperty("virage.cluster.jar", "target/virage-cluster.jar"));
    assertTrue(Files.isRegularFile(jar), "no " + jar + ": run through mvn verify, which builds it");
    return jar;
  }

  /** A SPARK_HOME the Worker can launch executors from: RELEASE and jars/ (links to Spark's jars). */
  private Path sparkHome() throws IOException {
    Path home = Files.createDirectories(tmp.resolve("spark-home"));
    Files.writeString(home.resolve("RELEASE"), "Spark 4.1.0 (jars from the Virage test class path)\n");
    Path jars = Files.createDirectories(home.resolve("jars"));
    int linked = 0;
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path p = Path.of(entry);
      String name = p.getFileName().toString();
      if (name.endsWith(".jar") && !NOT_SPARK.matcher(name).matches() && Files.isRegularFile(p)
          && !Files.exists(jars.resolve(name))) {
        Files.createSymbolicLink(jars.resolve(name), p.toAbsolutePath());
        linked++;
      }
    }
    assertTrue(linked > 100, "Spark jars found on the class path: " + linked);
    return home;
  }

  private static List<String> java(Path sparkHome, String mainClass) {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g"));
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("--add-")).forEach(cmd::add);
    cmd.addAll(List.of("-cp", sparkHome.resolve("jars") + File.separator + "*", mainClass));
    return cmd;
  }

  private static Watched start(List<Process> started, Path sparkHome, Path log, String mainClass, String... args)
      throws IOException {
    List<String> cmd = java(sparkHome, mainClass);
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("SPARK_HOME", sparkHome.toString());
    // Spark's launcher looks for a build tree unless told the Scala version of a release layout.
    pb.environment().put("SPARK_SCALA_VERSION", "2.13");
    Process p = pb.start();
    started.add(p);
    return new Watched(p, log);
  }

  /** A process whose output a daemon thread copies, line by line, to a log file; lines can be awaited. */
  private static final class Watched {
    private final Process process;
    private final Path log;
    private final List<String> lines = new ArrayList<>();
    private boolean ended;

    Watched(Process process, Path log) {
      this.process = process;
      this.log = log;
      Thread copier = new Thread(this::copy, "log " + log.getFileName());
      copier.setDaemon(true);
      copier.start();
    }

    private void copy() {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
          var out = Files.newBufferedWriter(log)) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          out.write(line);
          out.newLine();
          out.flush();
          synchronized (this) {
            lines.add(line);
            notifyAll();
          }
        }
      } catch (IOException e) {
        // The process went away; await reports what was seen.
      } finally {
        synchronized (this) {
          ended = true;
          notifyAll();
        }
      }
    }

    /** Blocks until a line containing {@code text} was printed (fails if the process ends or 3 minutes pass). */
    synchronized void await(String text) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
      int checked = 0;
      while (true) {
        for (; checked < lines.size(); checked++) {
          if (lines.get(checked).contains(text)) {
            return;
          }
        }
        long left = deadline - System.nanoTime();
        assertTrue(!ended && left > 0, "no '" + text + "' from " + log.getFileName() + ":\n"
            + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
        wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
      }
    }
  }

  private static List<Row> rankings(Path warehouse) {
    return spark.read().format("delta").load(warehouse.resolve("ambassador_rankings").toString())
        .filter("run_date = DATE'" + RUN_DATE + "'").select("brand_id", "user_id", "rank", "score")
        .orderBy("brand_id", "rank").collectAsList();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static String tail(String log) {
    return log.length() <= 4000 ? log : log.substring(log.length() - 4000);
  }
}
