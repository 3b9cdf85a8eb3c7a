package io.virage.cli;

import io.virage.config.InvalidSettingException;
import io.virage.ingest.ContractViolation;
import io.virage.jobs.JobRun;
import io.virage.jobs.Version;
import io.virage.lake.WarehouseLock;
import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar virage.jar <command> [options]}: the one entry point.
 *
 * <p>Exit codes: 0 success; 1 the job failed (one-line reason on stderr, details in the log and in
 * job_runs); 2 bad usage or configuration; 3 the input breaks the contract (missing dataset or
 * required column, wrong type); 4 another process holds the warehouse lock (retry later).
 */
@Command(name = "virage", mixinStandardHelpOptions = true, versionProvider = VirageCli.VersionProvider.class,
    description = "Ranks a brand's best ambassadors from historical social data, on Spark and Delta Lake.",
    subcommands = {GenerateDemoCommand.class, ValidateCommand.class, TrainSentimentCommand.class,
        EvaluateSentimentCommand.class, PromoteSentimentCommand.class, ScoreSentimentCommand.class, InfluenceCommand.class,
        RankAmbassadorsCommand.class, PlanCampaignCommand.class, NightlyCommand.class, BackfillCommand.class, StatusCommand.class, MaintenanceCommand.class,
        ForgetUserCommand.class, CatalogCommand.class,
        SqlCommand.class,
        ReportCommand.class,
        CommandLine.HelpCommand.class},
    footer = {"", "Exit codes: 0 success, 1 job failed, 2 bad usage or configuration, 3 input breaks the contract,",
        "4 another command is writing the warehouse (retry later), 52 the JVM ran out of memory."})
public final class VirageCli implements Runnable {
  public static final int FAILED = 1;
  public static final int USAGE = 2;
  public static final int BAD_INPUT = 3;
  public static final int BUSY = 4;
  /**
   * The JVM ran out of memory: Spark's own exit code when a task does (it ends the JVM with it in
   * local mode), and the CLI's when the command's own thread does, so that one code says it.
   */
  public static final int OUT_OF_MEMORY = 52;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  public static void main(String[] args) {
    int code = execute(args);
    SparkSession.getActiveSession().foreach(s -> {
      s.stop();
      return null;
    });
    System.exit(code);
  }

  /** Runs a command line and returns its exit code; never exits the JVM (tests call this). */
  public static int execute(String... args) {
    return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /** As {@link #execute(String...)}, printing results to {@code out} and errors to {@code err}. */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = new CommandLine(new VirageCli());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler((e, commandLine, parsed) -> failed(commandLine.getErr(),
        commandLine.getCommandName(), e));
    cl.setExecutionStrategy(VirageCli::runHoldingTheWarehouse);
    int code;
    try {
      code = cl.execute(args);
    } catch (OutOfMemoryError e) {
      // Picocli hands the handler above exceptions only: an Error of the command's own thread (the
      // driver's arrays, say) comes here, after the command released the warehouse and recorded the stage.
      CommandLine.ParseResult parsed = cl.getParseResult();
      while (parsed != null && parsed.hasSubcommand()) {
        parsed = parsed.subcommand();
      }
      code = failed(err, parsed == null ? "virage" : parsed.commandSpec().name(), e);
    }
    out.flush();
    err.flush();
    return code;
  }

  /** Prints a failed command's error line (and the memory hint when it ran out of memory); returns its exit code. */
  private static int failed(PrintWriter w, String command, Throwable e) {
    w.println("virage " + command + ": error: " + JobRun.oneLine(rootCause(e)));
    if (outOfMemory(e)) {
      w.println("virage " + command + ": the JVM ran out of memory; give it more heap"
          + " (VIRAGE_JAVA_OPTS=-Xmx<size>, java -Xmx<size>, spark-submit --driver-memory): see docs/operations.md,"
          + " \"Local runs: memory and disk for large inputs\"");
    }
    if (System.getenv("VIRAGE_TRACE") != null) {
      e.printStackTrace(w);
    }
    w.flush();
    return exitCode(e);
  }

  /** Runs the command; a command that writes the warehouse holds its lock while it runs. */
  private static int runHoldingTheWarehouse(CommandLine.ParseResult parsed) {
    CommandLine.ParseResult last = parsed;
    while (last.hasSubcommand()) {
      last = last.subcommand();
    }
    if (!(last.commandSpec().userObject() instanceof WarehouseWriter writer) || !writer.writes()
        || last.isUsageHelpRequested()
        || last.isVersionHelpRequested()) {
      return new CommandLine.RunLast().execute(parsed);
    }
    CommandLine commandLine = last.commandSpec().commandLine();
    CommonOptions common = (CommonOptions) last.commandSpec().mixins().get("common").userObject();
    WarehouseLock lock;
    try {
      lock = WarehouseLock.acquire(common.spark(commandLine.getCommandName()), common.warehouse,
          commandLine.getCommandName());
    } catch (RuntimeException e) {
      throw new CommandLine.ExecutionException(commandLine, e.getMessage(), e);
    }
    try (lock) {
      int code;
      try {
        code = new CommandLine.RunLast().execute(parsed);
      } catch (RuntimeException e) {
        try {
          refreshCatalog(common, commandLine);
        } catch (RuntimeException again) {
          e.addSuppressed(again);
        }
        throw e;
      }
      refreshCatalog(common, commandLine);
      return code;
    }
  }

  /**
   * Rewrites the DuckDB catalog, when the warehouse has one (command {@code catalog} made it), after a
   * command that writes, succeeded or not (a failed run may have committed some tables), so that it
   * lists each table's current files: a DuckDB reader never sees replaced or erased rows.
   */
  private static void refreshCatalog(CommonOptions common, CommandLine commandLine) {
    if (commandLine.getCommandSpec().userObject() instanceof CatalogCommand) {
      return; // it writes the catalog itself
    }
    org.apache.spark.sql.SparkSession spark = common.spark(commandLine.getCommandName());
    io.virage.lake.Lakehouse lake = new io.virage.lake.Lakehouse(spark, common.warehouse);
    try {
      if (!io.virage.lake.DuckDbCatalog.exists(spark, lake)) {
        return;
      }
      long start = System.nanoTime();
      String path = io.virage.lake.DuckDbCatalog.write(spark, lake);
      org.slf4j.LoggerFactory.getLogger(VirageCli.class).info("DuckDB catalog {} rewritten in {} ms", path,
          (System.nanoTime() - start) / 1_000_000);
    } catch (java.io.IOException | RuntimeException e) {
      throw new CommandLine.ExecutionException(commandLine, "the tables are written but the DuckDB catalog ("
          + io.virage.lake.DuckDbCatalog.SCRIPT + ") could not be rewritten: " + e.getMessage()
          + "; run `catalog` to retry", e);
    }
  }

  static int exitCode(Throwable e) {
    if (outOfMemory(e)) {
      return OUT_OF_MEMORY;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof WarehouseLock.WarehouseBusyException) {
        return BUSY;
      }
      if (t instanceof ContractViolation) {
        return BAD_INPUT;
      }
      if (t instanceof InvalidSettingException) {
        return USAGE;
      }
    }
    return FAILED;
  }

  /**
   * Whether {@code e}, a cause or a suppressed exception of theirs is an {@link OutOfMemoryError},
   * or names one: a task's error reaches the driver as the text of a job's failure.
   */
  static boolean outOfMemory(Throwable e) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Throwable> todo = new ArrayDeque<>(List.of(e));
    while (!todo.isEmpty()) {
      Throwable t = todo.pop();
      if (!seen.add(t)) {
        continue;
      }
      if (t instanceof OutOfMemoryError
          || (t.getMessage() != null && t.getMessage().contains(OutOfMemoryError.class.getName()))) {
        return true;
      }
      if (t.getCause() != null) {
        todo.push(t.getCause());
      }
      todo.addAll(List.of(t.getSuppressed()));
    }
    return false;
  }

  /** The most specific message: our own exceptions carry it; Spark's wrap the real one. */
  private static Throwable rootCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ContractViolation || t instanceof InvalidSettingException
          || t instanceof WarehouseLock.WarehouseBusyException) {
        return t;
      }
    }
    return e;
  }

  /** Version from the jar manifest. */
  public static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"virage " + Version.code()};
    }
  }
}
