package io.virage.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.virage.SparkTestBase;
import io.virage.config.Settings;
import java.io.File;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The quality bars of the sentiment model on real labelled text nobody here wrote: the UCI
 * Sentiment Labelled Sentences shipped in the npm package sentiment 5.0.2 (fetched with
 * {@code npm pack} into target/uci when absent; when that fails the test is skipped, saying why,
 * except under {@code VIRAGE_REQUIRE_QUALITY_DATA=1}, as in CI, where it fails). Product defaults
 * throughout.
 *
 * <ul>
 *   <li>the lexicon scorer reproduces VADER's published accuracy (0.829 / 0.790 / 0.812) within 0.01;
 *   <li>leave-one-domain-out mean accuracy at least 0.84, and on every domain above both VADER and
 *       the plain n-gram model trained on the same two domains;
 *   <li>10-fold cross-validated accuracy on all 3,000 at least 0.86.
 * </ul>
 */
class SentimentQualityIT extends SparkTestBase {
  private static final File FIXTURES = new File("target/uci/package/test/fixtures");
  private static final List<Double> VADER = List.of(0.829, 0.790, 0.812);
  private static Dataset<Row> uci;

  @BeforeAll
  static void fetch() throws Exception {
    if (!new File(FIXTURES, "yelp.json").isFile()) {
      File target = new File("target/uci");
      target.mkdirs();
      String why = run(target, "npm", "pack", "sentiment@5.0.2");
      if (why == null) {
        why = run(target, "tar", "xzf", "sentiment-5.0.2.tgz");
      }
      String missing = "UCI labelled sentences unavailable (npm pack sentiment@5.0.2 failed: " + why + ")";
      // CI fetches them (npm is reachable there): the bar cannot vanish from a green run.
      if (why != null && "1".equals(System.getenv("VIRAGE_REQUIRE_QUALITY_DATA"))) {
        throw new AssertionError(missing + "; required because VIRAGE_REQUIRE_QUALITY_DATA=1");
      }
      assumeTrue(why == null, missing);
    }
    uci = SentimentQuality.load(spark, FIXTURES).persist(StorageLevel.MEMORY_AND_DISK());
    assertEquals(3000, uci.count(), "1,000 sentences per domain");
  }

  @AfterAll
  static void release() {
    if (uci != null) {
      uci.unpersist();
    }
  }

  /** Null when the command succeeded, else why not. */
  private static String run(File dir, String... command) {
    try {
      Process p = new ProcessBuilder(command).directory(dir).redirectErrorStream(true)
          .redirectOutput(new File(dir, "fetch.log")).start();
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        return String.join(" ", command) + " timed out";
      }
      return p.exitValue() == 0 ? null : String.join(" ", command) + " exited " + p.exitValue() + " (see target/uci/fetch.log)";
    } catch (Exception e) {
      return e.toString();
    }
  }

  @Test
  void leaveOneDomainOutBeatsVaderAndNgramsOnEveryDomain() {
    List<SentimentQuality.Result> results = SentimentQuality.leaveOneDomainOut(uci, Settings.defaults().sentiment());
    double mean = 0;
    for (int i = 0; i < results.size(); i++) {
      SentimentQuality.Result r = results.get(i);
      String what = String.format(Locale.ROOT, "%s: lexicon %.3f, n-gram %.3f, model %.3f", r.testSet(), r.lexicon(),
          r.baseline(), r.model());
      System.out.println("SentimentQualityIT leave-one-domain-out " + what);
      assertEquals(VADER.get(i), r.lexicon(), 0.01, "lexicon scorer vs VADER's published accuracy, " + what);
      assertTrue(r.model() > r.lexicon(), "beats the lexicon (VADER), " + what);
      assertTrue(r.model() > r.baseline(), "beats the plain n-gram model, " + what);
      mean += r.model() / results.size();
    }
    assertTrue(mean >= 0.84, "leave-one-domain-out mean accuracy " + mean + " >= 0.84");
  }

  @Test
  void tenFoldCrossValidatedAccuracyOnAllThreeDomains() {
    SentimentQuality.Result r = SentimentQuality.crossValidated(uci, Settings.defaults().sentiment(), 10);
    assertEquals(3000, r.n());
    System.out.printf(Locale.ROOT, "SentimentQualityIT 10-fold: lexicon %.4f, n-gram %.4f, model %.4f%n", r.lexicon(),
        r.baseline(), r.model());
    assertTrue(r.model() >= 0.86, "10-fold accuracy " + r.model() + " >= 0.86");
  }
}
