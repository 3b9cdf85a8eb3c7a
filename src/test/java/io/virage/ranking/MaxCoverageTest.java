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
  // Budgeted maximum coverage (plan-campaign): hand cases, then against an exhaustive search.

  @Test
  void budgetedPicksByAudiencePerCostAndStopsAtTheBudget() {
    // Costs 4, 1, 2, 2; audiences 6, 2, 3 (one shared with 0), 2: ratios 1.5, 2, 1.5, 1. Budget 7:
    // 1 first (ratio 2, spent 1); then 0 and 2 tie at 1.5, the better rank 0 wins (spent 5); then 2
    // adds 2 new for 2 and 3 adds 2 for 2, a tie at 1.0 that 2 wins (spent 7); 3 no longer fits.
    long[][] audiences = {range(0, 6), range(20, 22), new long[] {5, 30, 31}, range(40, 42)};
    double[] costs = {4, 1, 2, 2};
    MaxCoverage.BudgetedPlan plan = MaxCoverage.budgeted(audiences, costs, 7);
    assertEquals(List.of(new MaxCoverage.BudgetedPick(1, 2, 2, 1, 1), new MaxCoverage.BudgetedPick(0, 6, 8, 4, 5),
        new MaxCoverage.BudgetedPick(2, 2, 10, 2, 7)), plan.picks());
    assertEquals(MaxCoverage.GREEDY, plan.method());
    assertEquals(10, plan.reach());
    assertEquals(6, plan.bestSingleReach());
  }

  @Test
  void budgetedKeepsTheBestSinglePickWhenTheGreedyIsFooledByACheapSmallAudience() {
    // The textbook trap: 0 reaches 1 person for 1 (ratio 1), 1 reaches 10 for 10.5 (ratio 0.95).
    // Budget 10.5: the ratio greedy takes 0, then 1 no longer fits: reach 1. Alone, 1 reaches 10.
    long[][] audiences = {range(0, 1), range(0, 10)};
    MaxCoverage.BudgetedPlan plan = MaxCoverage.budgeted(audiences, new double[] {1, 10.5}, 10.5);
    assertEquals(MaxCoverage.BEST_SINGLE, plan.method());
    assertEquals(List.of(new MaxCoverage.BudgetedPick(1, 10, 10, 10.5, 10.5)), plan.picks());
    assertEquals(1, plan.greedyReach());
    assertEquals(10, exhaustive(audiences, new double[] {1, 10.5}, 10.5), "the optimum, by exhaustive search");
  }

  @Test
  void budgetedPlansNothingWhenNobodyFitsOrAddsAnyone() {
    assertTrue(MaxCoverage.budgeted(new long[][] {range(0, 3)}, new double[] {5}, 4.99).picks().isEmpty());
    assertTrue(MaxCoverage.budgeted(new long[][] {new long[0]}, new double[] {1}, 10).picks().isEmpty());
    // A free candidate that adds someone comes first, whatever the others' ratios.
    MaxCoverage.BudgetedPlan plan = MaxCoverage.budgeted(new long[][] {range(0, 9), range(9, 10)},
        new double[] {1, 0}, 1);
    assertEquals(List.of(1, 0), plan.picks().stream().map(MaxCoverage.BudgetedPick::index).toList());
  }

  /** The best reach of any subset whose costs fit the budget, over all 2^n subsets. */
  private static long exhaustive(long[][] audiences, double[] costs, double budget) {
    long best = 0;
    for (int mask = 0; mask < 1 << audiences.length; mask++) {
      double cost = 0;
      Set<Long> covered = new HashSet<>();
      for (int i = 0; i < audiences.length; i++) {
        if ((mask & 1 << i) != 0) {
          cost += costs[i];
          for (long m : audiences[i]) {
            covered.add(m);
          }
        }
      }
      if (cost <= budget) {
        best = Math.max(best, covered.size());
      }
    }
    return best;
  }

  /** The eager ratio greedy, written plainly: every round, every affordable candidate's gain / cost. */
  private static List<Integer> eagerBudgetedGreedy(long[][] audiences, double[] costs, double budget) {
    Set<Long> covered = new HashSet<>();
    List<Integer> picks = new ArrayList<>();
    double left = budget;
    while (true) {
      int best = -1;
      double bestRatio = 0;
      for (int i = 0; i < audiences.length; i++) {
        if (picks.contains(i) || costs[i] > left) {
          continue;
        }
        long gain = 0;
        for (long m : audiences[i]) {
          gain += covered.contains(m) ? 0 : 1;
        }
        double ratio = gain == 0 ? 0 : costs[i] == 0 ? Double.POSITIVE_INFINITY : gain / costs[i];
        if (ratio > bestRatio) {
          best = i;
          bestRatio = ratio;
        }
      }
      if (best < 0) {
        return picks;
      }
      picks.add(best);
      left -= costs[best];
      for (long m : audiences[best]) {
        covered.add(m);
      }
    }
  }

  @Test
  void budgetedPlansFitTheBudgetMatchTheEagerGreedyAndReachTheGuaranteedShareOfTheOptimum() {
    Random random = new Random(7);
    double guarantee = (1 - Math.exp(-1)) / 2;
    int bestSingleWins = 0;
    double worst = 1;
    for (int trial = 0; trial < 300; trial++) {
      int n = 3 + random.nextInt(8); // up to 10 candidates: 1,024 subsets
      long[][] audiences = new long[n][];
      double[] costs = new double[n];
      for (int i = 0; i < n; i++) {
        Set<Long> members = new java.util.TreeSet<>();
        int size = random.nextInt(12);
        for (int m = 0; m < size; m++) {
          members.add((long) random.nextInt(30));
        }
        audiences[i] = members.stream().mapToLong(Long::longValue).toArray();
        costs[i] = 1 + random.nextInt(9);
      }
      double budget = 1 + random.nextInt(20);
      MaxCoverage.BudgetedPlan plan = MaxCoverage.budgeted(audiences, costs, budget);
      Set<Long> covered = new HashSet<>();
      double cost = 0;
      for (MaxCoverage.BudgetedPick p : plan.picks()) {
        cost += costs[p.index()];
        for (long m : audiences[p.index()]) {
          covered.add(m);
        }
        assertEquals(covered.size(), p.cumulative(), "cumulative reach, trial " + trial);
        assertEquals(cost, p.cumulativeCost(), 1e-12, "cumulative cost, trial " + trial);
      }
      assertTrue(cost <= budget, "trial " + trial + ": cost " + cost + " over budget " + budget);
      if (plan.method().equals(MaxCoverage.GREEDY)) {
        assertEquals(eagerBudgetedGreedy(audiences, costs, budget),
            plan.picks().stream().map(MaxCoverage.BudgetedPick::index).toList(), "trial " + trial);
      } else {
        bestSingleWins++;
        assertEquals(1, plan.picks().size());
      }
      long optimum = exhaustive(audiences, costs, budget);
      assertTrue(plan.reach() >= guarantee * optimum, "trial " + trial + ": " + plan.reach() + " vs optimum " + optimum);
      if (optimum > 0) {
        worst = Math.min(worst, (double) plan.reach() / optimum);
      }
    }
    assertTrue(bestSingleWins > 0, "the fixtures include cases where the best single pick wins");
    assertTrue(worst < 1, "the fixtures include cases where the plan is not optimal: " + worst);
  }
}
