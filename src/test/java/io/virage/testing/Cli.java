package io.virage.testing;

import io.virage.cli.VirageCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The CLI as a test calls it: in this JVM, through {@link VirageCli#execute}, output captured. */
public final class Cli {
  /**
   * For tests that are not about training: the bootstrap model of an empty registry is one fit at
   * the first {@code sentiment.reg-params} value, without the cross-validated search (the search
   * is the subject of {@code SentimentLifecycleTest} and {@code SentimentQualityIT}).
   */
  public static final List<String> FAST_TRAINING = List.of("--set", "sentiment.cv-folds=1");

  /** Exit code, stdout and stderr of one CLI invocation. */
  public record Result(int code, String out, String err) {}

  private Cli() {}

  public static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = VirageCli.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new Result(code, out.toString(), err.toString());
  }

  /** {@code args} followed by {@link #FAST_TRAINING}. */
  public static String[] fast(String... args) {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    all.addAll(FAST_TRAINING);
    return all.toArray(String[]::new);
  }

  /** {@link #run} of {@link #fast}. */
  public static Result runFast(String... args) {
    return run(fast(args));
  }
}
