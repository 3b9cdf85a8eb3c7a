package io.virage.graph.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One k-core round's h-index loop alone, without Spark: {@link CoreDecomposition#hIndex} reading
 * the estimates as ints against reading them as bytes, on a uniform random graph (every user with
 * DEGREE neighbours drawn by a seeded generator, sorted as a block keeps them: no locality to help),
 * cut into PARTS blocks of consecutive users as the range partitioning cuts it, the blocks taken in
 * turn by one thread per core as Spark's tasks would. The estimates are drawn from 1 to 40 (the
 * demo graphs' core numbers are at most 14). Each round times both ways, one after the other, so
 * that the machine's drift falls on both; printed: every round, then the median seconds per round
 * of each way and a checksum of the results that must be equal for both.
 * <pre>
 *   java -cp target/virage.jar:target/virage-bench.jar io.virage.graph.engine.CoreLoopBench [USERS] [DEGREE] [PARTS] [ROUNDS]
 * </pre>
 * Defaults: 10,000,000 users, 20 neighbours each (the 10M demo's undirected graph has 195M
 * neighbour entries for 10M users), 49 parts (the engine's count at 10M), 5 rounds. The JVM needs
 * about 1.2 GB of heap at the defaults.
 */
public final class CoreLoopBench {
  private CoreLoopBench() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
    int degree = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int parts = args.length > 2 ? Integer.parseInt(args[2]) : 49;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    int cores = Runtime.getRuntime().availableProcessors();

    Random random = new Random(1);
    int[] offsets = new int[n + 1];
    int[] neighbours = new int[Math.multiplyExact(n, degree)];
    for (int v = 0; v < n; v++) {
      offsets[v + 1] = offsets[v] + degree;
      for (int e = offsets[v]; e < offsets[v + 1]; e++) {
        neighbours[e] = random.nextInt(n);
      }
      Arrays.sort(neighbours, offsets[v], offsets[v + 1]);
    }
    int[] wide = new int[n];
    byte[] narrow = new byte[n];
    for (int v = 0; v < n; v++) {
      wide[v] = 1 + random.nextInt(40);
      narrow[v] = (byte) wide[v];
    }
    System.out.printf("%d users, %d neighbour entries, %d parts, %d threads; estimates %d MB as ints, %d MB as bytes%n",
        n, neighbours.length, parts, cores, (4L * n) >> 20, ((long) n) >> 20);

    ExecutorService pool = Executors.newFixedThreadPool(cores);
    try {
      double[][] seconds = new double[2][rounds];
      long[] checksums = new long[2];
      for (int r = -1; r < rounds; r++) { // round -1 compiles both loops, untimed
        for (int way = 0; way < 2; way++) {
          long t0 = System.nanoTime();
          List<Future<Long>> sums = new ArrayList<>();
          for (int p = 0; p < parts; p++) {
            int lo = (int) ((long) n * p / parts);
            int hi = (int) ((long) n * (p + 1) / parts);
            int[] blockOffsets = Arrays.copyOfRange(offsets, lo, hi + 1);
            boolean bytes = way == 1;
            sums.add(pool.submit(() -> {
              int[] out = bytes ? CoreDecomposition.hIndex(blockOffsets, neighbours, narrow, lo)
                  : CoreDecomposition.hIndex(blockOffsets, neighbours, wide, wide, lo);
              long s = 0;
              for (int i = 0; i < out.length; i++) {
                s += (long) (lo + i) * out[i];
              }
              return s;
            }));
          }
          long checksum = 0;
          for (Future<Long> f : sums) {
            checksum += f.get();
          }
          double s = (System.nanoTime() - t0) / 1e9;
          if (r >= 0) {
            seconds[way][r] = s;
            checksums[way] = checksum;
            System.out.printf("round %d, %s estimates: %.3f s%n", r + 1, bytes(way), s);
          }
        }
      }
      System.out.println();
      System.out.println("| estimates | s per round (median) | ns per neighbour entry | checksum |");
      System.out.println("|---|---|---|---|");
      for (int way = 0; way < 2; way++) {
        double[] sorted = seconds[way].clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        System.out.printf("| %s | %.3f | %.2f | %d |%n", bytes(way), median, median * 1e9 / neighbours.length,
            checksums[way]);
      }
    } finally {
      pool.shutdown();
    }
  }

  private static String bytes(int way) {
    return way == 1 ? "bytes" : "ints";
  }
}
