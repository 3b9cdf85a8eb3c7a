package io.virage.jobs;

/** The product version, from the jar manifest (Implementation-Version), or "dev" from classes. */
public final class Version {
  private Version() {}

  public static String code() {
    String v = Version.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
