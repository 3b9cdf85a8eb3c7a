package io.virage.graph.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The broadcast path's loop alone, without Spark: what one iteration costs on this machine for a
 * graph size, a number of blocks, of vectors and a tile size, and whether visiting a group's blocks
 * tile by tile pays. A uniform random graph (every user with DEGREE out-edges to users drawn by a
 * seeded generator: no locality to help) is cut into BLOCKS ranges of destinations as the range
 * partitioning cuts it, built into {@link TiledBlock}s with tiles of 2^b sources for each b of
 * TILE_BITS, and the blocks gathered into groups of consecutive blocks as {@code RankPropagation}
 * gathers them (at most two per core); then a pool of one thread per core takes the groups one by
 * one as Spark's tasks would, for each vector count in VECTORS, each tile size and each way of
 * visiting a group: {@code block} (each block alone, as before the groups) and {@code group} (the
 * group's blocks tile by tile, what the engine does). Each round rebuilds the blocks of every tile
 * size in turn and times every way, ROUNDS rounds of ITERATIONS iterations after a warm-up, so that
 * the machine's drift falls on all of them alike; printed: the median seconds per iteration,
 * nanoseconds per edge and vector, and a checksum that must be equal across tiles and ways.
 * <pre>
 *   java -cp target/virage.jar:target/virage-bench.jar io.virage.graph.engine.LoopBench \
 *     [USERS] [DEGREE] [BLOCKS] [VECTORS] [ROUNDS] [ITERATIONS] [TILE_BITS] [WAYS]
 * </pre>
 * Defaults: 1,000,000 users, 10 edges per user, 5 blocks, vectors 1,5,10, 3 rounds of 5 iterations,
 * tile bits the engine's choice for the size ({@link TiledBlock#tileBits}), ways block,group.
 */
public final class LoopBench {
  private LoopBench() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int degree = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int blockCount = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    int[] vectors = ints(args, 3, new int[] {1, 5, 10});
    int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 3;
    int iterations = args.length > 5 ? Integer.parseInt(args[5]) : 5;
    int[] tileBits = ints(args, 6, new int[] {TiledBlock.tileBits(n)});
    List<String> ways = args.length > 7 ? List.of(args[7].split(",")) : List.of("block", "group");
    int cores = Runtime.getRuntime().availableProcessors();

    long t0 = System.nanoTime();
    long[] keys = sortedEdges(n, degree, new Random(42));
    System.out.printf("%d users, %d edges, %d blocks in %d groups, %d threads; edges drawn in %.1f s%n", n,
        keys.length, blockCount, Math.min(blockCount, RankPropagation.GROUPS_PER_CORE * cores), cores,
        (System.nanoTime() - t0) / 1e9);
    System.out.println();
    System.out.println("| vectors | tile bits | way | s per iteration (median) | ns per edge and vector | checksum |");
    System.out.println("|---|---|---|---|---|---|");
    ExecutorService pool = Executors.newFixedThreadPool(cores);
    try {
      for (int k : vectors) {
        double[][] share = RankPages.allocate(n, k);
        Random random = new Random(k);
        for (double[] page : share) {
          for (int i = 0; i < page.length; i++) {
            page[i] = random.nextDouble();
          }
        }
        double[][][] seconds = new double[tileBits.length][ways.size()][rounds * iterations];
        double[][] checksum = new double[tileBits.length][ways.size()];
        for (int r = 0; r < rounds; r++) {
          for (int t = 0; t < tileBits.length; t++) {
            List<TiledBlock> blocks = blocks(keys, n, blockCount, tileBits[t]);
            List<List<TiledBlock>> groups = groups(blocks, Math.min(blocks.size(),
                RankPropagation.GROUPS_PER_CORE * cores));
            for (int w = 0; w < ways.size(); w++) {
              boolean together = ways.get(w).equals("group");
              iterate(pool, groups, share, k, together, r == 0 ? 2 : 1); // warm-up: compiled, in cache
              for (int i = 0; i < iterations; i++) {
                long s = System.nanoTime();
                checksum[t][w] = iterate(pool, groups, share, k, together, 1);
                seconds[t][w][r * iterations + i] = (System.nanoTime() - s) / 1e9;
              }
            }
          }
        }
        for (int t = 0; t < tileBits.length; t++) {
          for (int w = 0; w < ways.size(); w++) {
            double[] sorted = seconds[t][w].clone();
            Arrays.sort(sorted);
            double median = sorted[sorted.length / 2];
            System.out.printf("| %d | %d | %s | %.3f | %.2f | %.17g |%n", k, tileBits[t], ways.get(w), median,
                median * 1e9 / keys.length / k, checksum[t][w]);
          }
        }
      }
    } finally {
      pool.shutdown();
    }
  }

  private static int[] ints(String[] args, int at, int[] otherwise) {
    return args.length > at ? Arrays.stream(args[at].split(",")).mapToInt(Integer::parseInt).toArray() : otherwise;
  }

  /**
   * {@code times} iterations of every group, the groups taken in turn by the pool's threads, its
   * blocks visited {@code together} or one by one; a checksum of the last iteration's results, added
   * in group order so that it does not depend on which thread took which group.
   */
  private static double iterate(ExecutorService pool, List<List<TiledBlock>> groups, double[][] share, int k,
      boolean together, int times) throws Exception {
    double[] perGroup = new double[groups.size()];
    for (int t = 0; t < times; t++) {
      AtomicInteger nextGroup = new AtomicInteger();
      List<Future<?>> done = new ArrayList<>();
      int threads = Math.min(groups.size(), Runtime.getRuntime().availableProcessors());
      for (int th = 0; th < threads; th++) {
        done.add(pool.submit(() -> {
          for (int g; (g = nextGroup.getAndIncrement()) < groups.size(); ) {
            List<TiledBlock> group = groups.get(g);
            double s = 0;
            if (together) {
              for (double[] acc : TiledBlock.contributions(group, share, RankPages.BITS, k)) {
                s += acc[acc.length / 2];
              }
            } else {
              for (TiledBlock block : group) {
                double[] acc = block.contributions(share, RankPages.BITS, k);
                s += acc[acc.length / 2];
              }
            }
            perGroup[g] = s;
          }
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    }
    double sum = 0;
    for (double s : perGroup) {
      sum += s;
    }
    return sum;
  }

  /** The random graph's edges, (destination, source) packed in one long each, sorted: destination then source. */
  static long[] sortedEdges(int n, int degree, Random random) {
    long[] keys = new long[Math.toIntExact((long) n * degree)];
    for (int u = 0, e = 0; u < n; u++) {
      for (int d = 0; d < degree; d++) {
        keys[e++] = ((long) random.nextInt(n) << 32) | u;
      }
    }
    Arrays.parallelSort(keys);
    return keys;
  }

  /** The edges in {@code count} blocks of consecutive destinations, as TiledBlock.of builds them. */
  static List<TiledBlock> blocks(long[] keys, int n, int count, int tileBits) {
    List<TiledBlock> blocks = new ArrayList<>();
    int e = 0;
    for (int b = 0; b < count; b++) {
      long hi = (long) n * (b + 1) / count;
      CsrBlock.SortedRows rows = new CsrBlock.SortedRows(true, keys.length / count + 1);
      while (e < keys.length && (keys[e] >>> 32) < hi) {
        rows.add((int) (keys[e] >>> 32), (int) keys[e], 1.0 + (e & 7) / 8.0);
        e++;
      }
      if (rows.size() > 0) {
        blocks.add(TiledBlock.of(rows, tileBits));
      }
    }
    return blocks;
  }

  /** Consecutive blocks in {@code count} groups as even as can be. */
  static List<List<TiledBlock>> groups(List<TiledBlock> blocks, int count) {
    List<List<TiledBlock>> groups = new ArrayList<>();
    for (int g = 0; g < count; g++) {
      groups.add(blocks.subList(blocks.size() * g / count, blocks.size() * (g + 1) / count));
    }
    return groups;
  }
}
