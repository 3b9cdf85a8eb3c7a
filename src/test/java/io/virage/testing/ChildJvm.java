package io.virage.testing;

import io.virage.cli.VirageCli;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of a fresh JVM running the CLI on the test class path (for kills and notebooks). */
public final class ChildJvm {
  private ChildJvm() {}

  /** java, heap, the test JVM's --add-opens, system properties, class path, main class, then the CLI arguments. */
  public static List<String> command(String heap, List<String> systemProperties, String... cliArgs) {
    List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + heap, "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=256m"));
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("--add-")).forEach(java::add);
    java.addAll(systemProperties);
    java.addAll(List.of("-cp", System.getProperty("java.class.path"), VirageCli.class.getName()));
    java.addAll(List.of(cliArgs));
    return java;
  }
}
