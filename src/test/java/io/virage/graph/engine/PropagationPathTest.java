package io.virage.graph.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virage.graph.engine.PageRank.Path;
import org.junit.jupiter.api.Test;

/** How a PageRank run's path is chosen (no Spark): the driver memory rule, by hand. */
class PropagationPathTest {
  @Test
  void autoBroadcastsWhatFitsInTheBudgetAndShufflesTheRest() {
    // 5 arrays x 8 bytes x 1,000 users x 10 vectors = 400,000 bytes.
    assertEquals(400_000L, PageRank.driverBytes(1_000, 10));
    assertEquals(Path.BROADCAST, PageRank.path("auto", 1_000, 10, 400_000));
    assertEquals(10, PageRank.vectorsPerBroadcast(1_000, 10, 400_000));
    // Below it, fewer vectors per broadcast: 8 x 1,000 x (10 + 4w) bytes, w = 9 is 368,000.
    assertEquals(368_000L, PageRank.driverBytes(1_000, 10, 9));
    assertEquals(Path.BROADCAST, PageRank.path("auto", 1_000, 10, 399_999));
    assertEquals(9, PageRank.vectorsPerBroadcast(1_000, 10, 399_999));
    assertEquals(9, PageRank.vectorsPerBroadcast(1_000, 10, 368_000));
    assertEquals(8, PageRank.vectorsPerBroadcast(1_000, 10, 367_999));
    // One at a time: 8 x 1,000 x 14 = 112,000 bytes; one byte less shuffles.
    assertEquals(1, PageRank.vectorsPerBroadcast(1_000, 10, 112_000));
    assertEquals(0, PageRank.vectorsPerBroadcast(1_000, 10, 111_999));
    assertEquals(Path.SHUFFLE, PageRank.path("auto", 1_000, 10, 111_999));
    assertEquals(0, PageRank.vectorsPerBroadcast(1_000, 10, 0));
    // The 10M-user demo's 5 brands in the default 1,507 MB budget: 3 at a time (8 x n x 17 bytes).
    assertEquals(3, PageRank.vectorsPerBroadcast(9_984_869, 5, 1_507L << 20));
    // 10 vectors of 300M users: 3e9 doubles, more than one Java array holds, whatever the budget.
    assertEquals(Path.SHUFFLE, PageRank.path("auto", 300_000_000, 10, Long.MAX_VALUE));
    assertEquals(Path.BROADCAST, PageRank.path("auto", 300_000_000, 1, Long.MAX_VALUE));
  }

  @Test
  void namedPathsAreTakenAndAnImpossibleBroadcastFailsBeforeAnyWork() {
    assertEquals(Path.BROADCAST, PageRank.path("broadcast", 1_000, 10, 0));
    assertEquals(Path.SHUFFLE, PageRank.path("shuffle", 10, 1, Long.MAX_VALUE));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PageRank.path("broadcast", 300_000_000, 10, Long.MAX_VALUE));
    assertTrue(e.getMessage().contains("influence.propagation = broadcast"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> PageRank.path("sometimes", 10, 1, 0));
  }

  @Test
  void theKCoreKeepsItsEstimatesOnTheDriverWhenTheyFitInTheSameBudget() {
    // 4 arrays x 4 bytes x 1,000 users = 16,000 bytes.
    assertEquals(16_000L, CoreDecomposition.driverBytes(1_000));
    assertEquals(Path.BROADCAST, CoreDecomposition.path("auto", 1_000, 16_000));
    assertEquals(Path.SHUFFLE, CoreDecomposition.path("auto", 1_000, 15_999));
    assertEquals(Path.BROADCAST, CoreDecomposition.path("broadcast", 1_000, 0));
    assertEquals(Path.SHUFFLE, CoreDecomposition.path("shuffle", 1_000, Long.MAX_VALUE));
    assertThrows(IllegalArgumentException.class, () -> CoreDecomposition.path("sometimes", 10, 0));
  }

  @Test
  void theBudgetIsTheSettingOrAThirdOfTheHeapSparkLeavesOutsideItsUnifiedMemory() {
    assertEquals(100L << 20, PageRank.driverBudget(100));
    assertEquals(100L << 20, PageRank.driverBudget(100, 0.9));
    long heap = Runtime.getRuntime().maxMemory();
    // By hand: 300 MB reserved, then 40 % (60 % for Spark by default), a third of that.
    assertEquals((long) ((heap - 314_572_800L) * 0.4) / 3, PageRank.driverBudget(0), 1.0);
    assertEquals((long) ((heap - 314_572_800L) * 0.5) / 3, PageRank.driverBudget(0, 0.5), 1.0);
  }

  @Test
  void ownersAreFoundByTheirFirstUser() {
    int[] starts = {0, 4, 9, 20};
    assertEquals(0, ShuffledPropagation.ownerOf(starts, 0));
    assertEquals(0, ShuffledPropagation.ownerOf(starts, 3));
    assertEquals(1, ShuffledPropagation.ownerOf(starts, 4));
    assertEquals(1, ShuffledPropagation.ownerOf(starts, 8));
    assertEquals(2, ShuffledPropagation.ownerOf(starts, 19));
  }

}
