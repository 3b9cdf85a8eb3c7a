package io.virage.ranking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class MaxCoverageTest {
  private static long[] range(long from, long to) {
    return LongStream.range(from, to).toArray();
  }

  private static int[] ownCommunities(int n) {
    int[] c = new int[n];
    for (int i = 0; i < n; i++) {
      c[i] = i;
    }
    return c;
  }

  @Test
  void picksTheCandidateThatAddsAudienceNotTheOneThatRepeatsIt() {
    // 0 and 1 reach the same 5 people; 2 reaches 3 others. Top-2 by rank covers 5, the roster 8.
    long[][] audiences = {range(0, 5), range(0, 5), range(10, 13)};
    List<MaxCoverage.Pick> picks = MaxCoverage.greedy(audiences, ownCommunities(3), 2, 10);
    assertEquals(List.of(new MaxCoverage.Pick(0, 5, 5), new MaxCoverage.Pick(2, 3, 8)), picks);
    assertArrayEquals(new long[] {5, 5}, MaxCoverage.prefixReach(audiences, 2));
    assertEquals(8, MaxCoverage.union(audiences));
  }

  @Test
  void stopsWhenNothingIsLeftToAddAndRespectsTheCommunityCap() {
    long[][] audiences = {range(0, 4), range(0, 2), range(4, 7), range(7, 9)};
    assertEquals(List.of(0, 2, 3), MaxCoverage.greedy(audiences, ownCommunities(4), 10, 10).stream()
        .map(MaxCoverage.Pick::index).toList(), "candidate 1 adds nobody and is never picked");
    // 0 and 2 in community 0, capped at 1: after 0, candidate 2 (3 new people) is skipped for 3 (2 new).
    int[] community = {0, 1, 0, 3};
    assertEquals(List.of(0, 3), MaxCoverage.greedy(audiences, community, 3, 1).stream()
        .map(MaxCoverage.Pick::index).toList());
  }

  /** The eager greedy, written plainly: every round, every candidate's gain; ties to the lower index. */
  private static List<Integer> eagerGreedy(long[][] audiences, int k) {
    Set<Long> covered = new HashSet<>();
    List<Integer> picks = new ArrayList<>();
    for (int round = 0; round < k; round++) {
      int best = -1;
      long bestGain = 0;
      for (int i = 0; i < audiences.length; i++) {
        if (picks.contains(i)) {
          continue;
        }
        long gain = LongStream.of(audiences[i]).filter(m -> !covered.contains(m)).count();
        if (gain > bestGain) {
          best = i;
          bestGain = gain;
        }
      }
      if (best < 0) {
        break;
      }
      picks.add(best);
      for (long m : audiences[best]) {
        covered.add(m);
      }
    }
    return picks;
  }

  private static long optimum(long[][] audiences, int k) {
    long best = 0;
    for (int mask = 0; mask < 1 << audiences.length; mask++) {
      if (Integer.bitCount(mask) > k) {
        continue;
      }
      Set<Long> covered = new HashSet<>();
      for (int i = 0; i < audiences.length; i++) {
        if ((mask & 1 << i) != 0) {
          for (long m : audiences[i]) {
            covered.add(m);
          }
        }
      }
      best = Math.max(best, covered.size());
    }
    return best;
  }

  @Test
  void lazyEvaluationPicksExactlyWhatTheEagerGreedyPicksAndKeepsTheGuarantee() {
    Random random = new Random(7);
    for (int trial = 0; trial < 200; trial++) {
      int n = 4 + random.nextInt(9);
      long[][] audiences = new long[n][];
      for (int i = 0; i < n; i++) {
        audiences[i] = LongStream.generate(() -> random.nextInt(40)).limit(random.nextInt(15)).distinct().sorted()
            .toArray();
      }
      int k = 1 + random.nextInt(4);
      List<MaxCoverage.Pick> picks = MaxCoverage.greedy(audiences, ownCommunities(n), k, k);
      assertEquals(eagerGreedy(audiences, k), picks.stream().map(MaxCoverage.Pick::index).toList(), "trial " + trial);
      long covered = picks.isEmpty() ? 0 : picks.get(picks.size() - 1).cumulative();
      assertTrue(covered >= (1 - 1 / Math.E) * optimum(audiences, k) - 1e-9, "trial " + trial + ": (1 - 1/e) bound");
      long sum = 0;
      for (MaxCoverage.Pick p : picks) {
        sum += p.marginal();
        assertEquals(sum, p.cumulative(), "cumulative is the running sum of marginals");
      }
    }
  }

  @Test
  void candidatesSharingAnAudienceEndInOneCommunity() {
    // 0, 1, 2 draw on people 0..19; 3 and 4 on people 100..119; 5 has nobody.
    Random random = new Random(3);
    long[][] audiences = new long[6][];
    for (int i = 0; i < 5; i++) {
      long base = i < 3 ? 0 : 100;
      audiences[i] = LongStream.generate(() -> base + random.nextInt(20)).limit(12).distinct().sorted().toArray();
    }
    audiences[5] = new long[0];
    int[] labels = MaxCoverage.communities(audiences, 5);
    assertEquals(labels[0], labels[1]);
    assertEquals(labels[0], labels[2]);
    assertEquals(labels[3], labels[4]);
    assertNotEquals(labels[0], labels[3]);
    assertEquals(0, labels[0], "named by the best-ranked member");
    assertEquals(3, labels[3]);
    assertEquals(5, labels[5], "no audience: its own community");
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, MaxCoverage.communities(audiences, 0), "0 sweeps: all apart");
    Map<Integer, Integer> sizes = new HashMap<>();
    for (int l : labels) {
      sizes.merge(l, 1, Integer::sum);
    }
    assertEquals(Map.of(0, 3, 3, 2, 5, 1), sizes);
  }
}
