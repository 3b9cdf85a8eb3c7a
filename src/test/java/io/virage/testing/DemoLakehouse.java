package io.virage.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * One demo lakehouse for the whole suite, built the first time a test asks for it: a 1,000-user
 * demo input (seed 42, history up to {@link #D2}) and a warehouse where {@code nightly} ran for
 * {@link #D1} then {@link #D2} ({@link Cli#FAST_TRAINING}). Shared read-only: a test that writes
 * works on {@link #copy}.
 */
public final class DemoLakehouse {
  public static final String D1 = "2026-11-25";
  public static final String D2 = "2026-11-26";
  public static final int USERS = 1000;

  private static Path root;

  private DemoLakehouse() {}

  /** The demo input (the five datasets as Parquet, and {@code _truth}). Do not write to it. */
  public static synchronized Path input() {
    return built().resolve("input");
  }

  /** The warehouse after the two nights. Do not write to it: {@link #copy} it. */
  public static synchronized Path warehouse() {
    return built().resolve("lake");
  }

  /** A private copy of the warehouse at {@code target}, for a test that writes. */
  public static Path copy(Path target) {
    Path from = warehouse();
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : paths.toList()) {
        Path to = target.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }

  private static void delete(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort, at JVM exit
    }
  }

  private static Path built() {
    if (root != null) {
      return root;
    }
    try {
      Path dir = Files.createTempDirectory("virage-demo-lakehouse");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
      String input = dir.resolve("input").toString();
      String lake = dir.resolve("lake").toString();
      Cli.Result generated = Cli.run("generate-demo", "--out", input, "--users", String.valueOf(USERS), "--end-date", D2);
      assertEquals(0, generated.code(), generated.err());
      for (String d : List.of(D1, D2)) {
        Cli.Result r = Cli.runFast("nightly", "--input", input, "--warehouse", lake, "--run-date", d);
        assertEquals(0, r.code(), "the shared demo lakehouse, nightly " + d + ": " + r.err());
      }
      root = dir;
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
