package io.virage.ranking;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;

/**
 * Budgeted maximum coverage for one brand's roster, in memory (one brand's candidate pool is small:
 * ranking.roster.candidate-pool users and their audiences).
 *
 * <p>{@link #greedy}: the classic greedy for maximum coverage, which reaches at least (1 - 1/e) of
 * the optimum coverage (Nemhauser, Wolsey and Fisher 1978), evaluated lazily as in CELF (Leskovec et
 * al. 2007): coverage is submodular, so a gain computed in an earlier round is an upper bound of the
 * gain now; the queue head is recomputed until a fresh gain stays on top. Ties go to the better rank
 * (lower index), so the picks equal the eager greedy's exactly. A candidate whose community already
 * has {@code maxPerCommunity} picks is skipped. Candidates that add nothing are not picked.
 *
 * <p>{@link #budgeted}: budgeted maximum coverage (each candidate has a cost, the picks' costs sum to at
 * most a budget), by the modified greedy of Khuller, Moss and Naor (1999): pick, among the candidates
 * that still fit the remaining budget, the one with the largest marginal audience per unit of cost,
 * until none adds anyone; then compare that plan with the best single candidate that fits alone and
 * keep the one that reaches more. The better of the two reaches at least (1 - 1/e) / 2 of the optimum
 * (the greedy alone can be arbitrarily bad: a cheap small audience first can leave no budget for a
 * large one). Also lazy (a ratio computed earlier bounds the ratio now, costs being fixed); ties go
 * to the better rank, so the picks equal the eager greedy's exactly.
 *
 * <p>{@link #communities}: label propagation (Raghavan, Albert and Kumara 2007) on the candidates,
 * two candidates linked by the number of audience members they share. Candidates start with their
 * own label; each sweep visits them in rank order and gives each the label with the largest total
 * link weight among its neighbours (ties: the smaller label), updates visible at once; sweeps stop
 * when nothing changes. Candidates that share much of their audience end with the same label; a
 * community is named by (the index of) its best-ranked member.
 */
public final class MaxCoverage {
  /** One pick: the candidate's index in the input, the audience it adds, the audience covered so far. */
  public record Pick(int index, long marginal, long cumulative) {}

  private MaxCoverage() {}

  /**
   * @param audiences audience of each candidate (distinct ids), candidates in rank order
   * @param community community label of each candidate
   */
  public static List<Pick> greedy(long[][] audiences, int[] community, int k, int maxPerCommunity) {
    record Entry(long gain, int index, int round) {}
    PriorityQueue<Entry> queue = new PriorityQueue<>((a, b) -> a.gain != b.gain
        ? Long.compare(b.gain, a.gain) : Integer.compare(a.index, b.index));
    for (int i = 0; i < audiences.length; i++) {
      queue.add(new Entry(audiences[i].length, i, 0));
    }
    Set<Long> covered = new HashSet<>();
    Map<Integer, Integer> perCommunity = new HashMap<>();
    List<Pick> picks = new ArrayList<>();
    while (picks.size() < k && !queue.isEmpty()) {
      Entry head = queue.poll();
      if (perCommunity.getOrDefault(community[head.index], 0) >= maxPerCommunity) {
        continue;
      }
      if (head.round == picks.size()) {
        if (head.gain == 0) {
          break;
        }
        for (long member : audiences[head.index]) {
          covered.add(member);
        }
        perCommunity.merge(community[head.index], 1, Integer::sum);
        picks.add(new Pick(head.index, head.gain, covered.size()));
      } else {
        queue.add(new Entry(gain(audiences[head.index], covered), head.index, picks.size()));
      }
    }
    return picks;
  }

  /** One pick of a budgeted plan: as {@link Pick}, with its cost and the plan's cost so far. */
  public record BudgetedPick(int index, long marginal, long cumulative, double cost, double cumulativeCost) {}

  /**
   * A budgeted plan: its picks in order, which of the two candidate plans it is ({@link #GREEDY} or
   * {@link #BEST_SINGLE}), and the reach of each of the two.
   */
  public record BudgetedPlan(List<BudgetedPick> picks, String method, long greedyReach, long bestSingleReach) {
    public long reach() {
      return picks.isEmpty() ? 0 : picks.get(picks.size() - 1).cumulative();
    }
  }

  public static final String GREEDY = "greedy";
  public static final String BEST_SINGLE = "best_single";

  /**
   * @param audiences audience of each candidate (distinct ids), candidates in rank order
   * @param costs cost of each candidate, at least 0 (a free candidate comes first if it adds anyone)
   * @param budget the most the picks may cost together
   */
  public static BudgetedPlan budgeted(long[][] audiences, double[] costs, double budget) {
    record Entry(double ratio, long gain, int index, int round) {}
    PriorityQueue<Entry> queue = new PriorityQueue<>((a, b) -> a.ratio != b.ratio
        ? Double.compare(b.ratio, a.ratio) : Integer.compare(a.index, b.index));
    int bestSingle = -1;
    for (int i = 0; i < audiences.length; i++) {
      if (costs[i] <= budget) {
        queue.add(new Entry(ratio(audiences[i].length, costs[i]), audiences[i].length, i, 0));
        if (audiences[i].length > 0 && (bestSingle < 0 || audiences[i].length > audiences[bestSingle].length)) {
          bestSingle = i;
        }
      }
    }
    Set<Long> covered = new HashSet<>();
    List<BudgetedPick> greedy = new ArrayList<>();
    double spent = 0;
    while (!queue.isEmpty()) {
      Entry head = queue.poll();
      if (costs[head.index] > budget - spent) {
        continue; // the remaining budget only shrinks: it never fits again
      }
      if (head.round == greedy.size()) {
        if (head.gain == 0) {
          break; // the best ratio left is 0: nobody left adds anyone
        }
        for (long member : audiences[head.index]) {
          covered.add(member);
        }
        spent += costs[head.index];
        greedy.add(new BudgetedPick(head.index, head.gain, covered.size(), costs[head.index], spent));
      } else {
        long gain = gain(audiences[head.index], covered);
        queue.add(new Entry(ratio(gain, costs[head.index]), gain, head.index, greedy.size()));
      }
    }
    long greedyReach = covered.size();
    long singleReach = bestSingle < 0 ? 0 : audiences[bestSingle].length;
    if (singleReach > greedyReach) {
      return new BudgetedPlan(List.of(new BudgetedPick(bestSingle, singleReach, singleReach, costs[bestSingle],
          costs[bestSingle])), BEST_SINGLE, greedyReach, singleReach);
    }
    return new BudgetedPlan(List.copyOf(greedy), GREEDY, greedyReach, singleReach);
  }

  /** Audience per unit of cost; a free candidate that adds anyone comes before every paid one. */
  private static double ratio(long gain, double cost) {
    if (gain == 0) {
      return 0;
    }
    return cost == 0 ? Double.POSITIVE_INFINITY : gain / cost;
  }

  /** Distinct audience of candidates 0..n-1, for every n up to k: the naive top-k's reach. */
  public static long[] prefixReach(long[][] audiences, int k) {
    Set<Long> covered = new HashSet<>();
    long[] reach = new long[Math.min(k, audiences.length)];
    for (int i = 0; i < reach.length; i++) {
      for (long member : audiences[i]) {
        covered.add(member);
      }
      reach[i] = covered.size();
    }
    return reach;
  }

  /** Distinct members over all candidates. */
  public static long union(long[][] audiences) {
    Set<Long> all = new HashSet<>();
    for (long[] a : audiences) {
      for (long member : a) {
        all.add(member);
      }
    }
    return all.size();
  }

  /** Community label (the index of a candidate) of each candidate after at most {@code sweeps} sweeps. */
  public static int[] communities(long[][] audiences, int sweeps) {
    int n = audiences.length;
    int[] label = new int[n];
    Arrays.setAll(label, i -> i);
    if (sweeps == 0 || n == 0) {
      return label;
    }
    // Weighted projection: neighbours[i].get(j) = audience members i and j share.
    Map<Long, List<Integer>> engagedWith = new HashMap<>();
    for (int i = 0; i < n; i++) {
      for (long member : audiences[i]) {
        engagedWith.computeIfAbsent(member, m -> new ArrayList<>()).add(i);
      }
    }
    List<Map<Integer, Long>> neighbours = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      neighbours.add(new TreeMap<>());
    }
    for (List<Integer> around : engagedWith.values()) {
      for (int a : around) {
        for (int b : around) {
          if (a != b) {
            neighbours.get(a).merge(b, 1L, Long::sum);
          }
        }
      }
    }
    for (int sweep = 0; sweep < sweeps; sweep++) {
      boolean changed = false;
      for (int i = 0; i < n; i++) { // in rank order, each update seen by the next (asynchronous)
        Map<Integer, Long> weightOf = new TreeMap<>();
        neighbours.get(i).forEach((j, w) -> weightOf.merge(label[j], w, Long::sum));
        int best = label[i];
        long bestWeight = 0;
        for (Map.Entry<Integer, Long> e : weightOf.entrySet()) { // ascending labels: ties keep the smaller
          if (e.getValue() > bestWeight) {
            best = e.getKey();
            bestWeight = e.getValue();
          }
        }
        changed |= best != label[i];
        label[i] = best;
      }
      if (!changed) {
        break;
      }
    }
    // Name each community by its best-ranked member.
    Map<Integer, Integer> name = new HashMap<>();
    for (int i = 0; i < n; i++) {
      name.putIfAbsent(label[i], i);
    }
    int[] named = new int[n];
    Arrays.setAll(named, i -> name.get(label[i]));
    return named;
  }

  private static long gain(long[] audience, Set<Long> covered) {
    long gain = 0;
    for (long member : audience) {
      if (!covered.contains(member)) {
        gain++;
      }
    }
    return gain;
  }
}
