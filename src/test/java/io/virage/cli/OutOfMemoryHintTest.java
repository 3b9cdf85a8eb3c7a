package io.virage.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The CLI adds a hint on memory to its error line when a command failed for lack of heap: a task's
 * {@code OutOfMemoryError} reaches the driver only as the text of the job's failure.
 */
class OutOfMemoryHintTest {
  @Test
  void aJobFailureThatNamesAnOutOfMemoryErrorGetsTheHint() {
    // The first line of the 10M night's failure (docs/benchmarks.md), as Spark words it.
    Exception job = new Exception("Job aborted due to stage failure: Task 1 in stage 518.0 failed 1 times, most"
        + " recent failure: Lost task 1.0 in stage 518.0 (TID 377) (192.0.2.2 executor driver):"
        + " java.lang.OutOfMemoryError: Java heap space");
    assertTrue(VirageCli.outOfMemory(new RuntimeException("stage influence failed", job)));
  }

  @Test
  void anOutOfMemoryErrorAmongTheSuppressedGetsTheHint() {
    RuntimeException e = new RuntimeException("No active or default Spark session found");
    e.addSuppressed(new OutOfMemoryError("Java heap space"));
    assertTrue(VirageCli.outOfMemory(e));
  }

  @Test
  void otherFailuresDoNotGetTheHintAndCyclesEnd() {
    RuntimeException a = new RuntimeException("disk full");
    RuntimeException b = new RuntimeException("retry failed", a);
    a.addSuppressed(b); // a cycle through the suppressed list
    assertFalse(VirageCli.outOfMemory(b));
    assertFalse(VirageCli.outOfMemory(new IllegalArgumentException("a heap of memories")));
  }
}
