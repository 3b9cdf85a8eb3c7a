package io.virage.cli;

import io.virage.demo.DemoGenerator;
import java.time.LocalDate;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code generate-demo}: writes a seeded, realistic input (all five datasets) as Parquet. */
@Command(name = "generate-demo", mixinStandardHelpOptions = true,
    description = {"Write seeded demo input (users, interactions, posts, brands, sentiment_labels) as Parquet.",
        "Same --users, --seed, --end-date and --interactions-per-user give the same rows.",
        "The planted roles (advocates, bots, ...) go to OUT/_truth/users, which the product never reads."})
public final class GenerateDemoCommand extends VirageCommand {
  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output input root (local or Hadoop URI).")
  String out;

  @Option(names = "--users", defaultValue = "3000", description = "Number of users (>= 1000). Default: ${DEFAULT-VALUE}.")
  long users;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--end-date", paramLabel = "YYYY-MM-DD",
      description = "Last day of generated history. Default: yesterday (UTC).")
  LocalDate endDate;

  @Option(names = "--interactions-per-user", defaultValue = "10",
      description = "Average interactions per user. Default: ${DEFAULT-VALUE}.")
  int interactionsPerUser;

  @Override
  public Integer call() {
    long start = System.nanoTime();
    SparkSession spark = common.spark("generate-demo");
    LocalDate end = endDate == null ? CommonOptions.lastCompleteDay() : endDate;
    new DemoGenerator(spark, new DemoGenerator.Params(users, seed, end, interactionsPerUser)).writeTo(out);
    out().printf("generate-demo: %d users, seed %d, history to %s written to %s in %.1f s%n",
        users, seed, end, out, (System.nanoTime() - start) / 1e9);
    return 0;
  }
}
