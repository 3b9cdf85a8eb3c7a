package io.virage.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The product version, from the jar manifest (Implementation-Version), or "dev" from classes; and
 * the git commit the build came from (virage-build.properties, written by the build).
 */
public final class Version {
  private Version() {}

  public static String code() {
    String v = Version.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  /** The commit the classes were built from, or "unknown" (built outside a git checkout). */
  public static String gitCommit() {
    try (InputStream in = Version.class.getResourceAsStream("/virage-build.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("git.commit", "unknown").strip();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
