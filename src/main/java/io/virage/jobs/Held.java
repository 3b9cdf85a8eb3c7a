package io.virage.jobs;

import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * What a stage's computation keeps cached for the readers of its result (persisted Datasets,
 * dense indexes, laid-out graphs, rank vectors), released together when the result is closed, the
 * last held first. A computation that fails closes what it held before rethrowing.
 */
public final class Held implements AutoCloseable {
  private final Deque<AutoCloseable> releases = new ArrayDeque<>();

  /** {@code rows} persisted (memory, then disk), unpersisted on {@link #close()}. */
  public Dataset<Row> persist(Dataset<Row> rows) {
    Dataset<Row> cached = rows.persist(StorageLevel.MEMORY_AND_DISK());
    releases.push(() -> cached.unpersist(false));
    return cached;
  }

  /**
   * {@code rows} computed now and kept as rows (a local checkpoint: memory, then disk), released on
   * {@link #close()}. For results read a few times: unlike {@link #persist}, reading them back
   * builds no column accessor, so no code to generate and compile for each schema.
   */
  public Dataset<Row> materialize(Dataset<Row> rows) {
    Dataset<Row> kept = rows.localCheckpoint(true);
    if (kept.queryExecution().analyzed() instanceof org.apache.spark.sql.execution.LogicalRDD plan) {
      releases.push(() -> plan.rdd().unpersist(false));
    }
    return kept;
  }

  /** {@code resource}, closed on {@link #close()}; null is allowed and ignored. */
  public <T extends AutoCloseable> T add(T resource) {
    if (resource != null) {
      releases.push(resource);
    }
    return resource;
  }

  /** Releases everything held, the last held first; the first failure is rethrown after the rest ran. */
  @Override
  public void close() {
    RuntimeException first = null;
    while (!releases.isEmpty()) {
      try {
        releases.pop().close();
      } catch (Exception e) {
        if (first == null) {
          first = e instanceof RuntimeException r ? r : new IllegalStateException(e);
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
