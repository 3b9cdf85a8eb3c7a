package io.virage.graph.engine;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * The PageRank engine's shuffle path ({@link RankPropagation#runShuffled}): the iteration of
 * {@link RankPropagation}, with the K rank vectors held by the executors instead of the driver, for
 * graphs whose vectors do not fit in the driver's memory.
 *
 * <p>Each partition that holds a block <em>owns</em> a contiguous range of users: its block's
 * destinations and the users up to the next block (the first owner starts at user 0, the last ends
 * at n), and keeps their ranks (a {@link State}). Built once ({@link #of}, cached): every block's
 * distinct sources, the block reading them from a compact array, and, at each owner, which of its
 * users' shares every other partition reads (one shuffle of those lists). An iteration:
 * <pre>
 *   job 1: owner p sends partition q the shares r(u) / W(u) of the users of p that q's block reads
 *          (one message per pair of partitions with edges between them; a shuffle), q lays the
 *          messages end to end (in p order, which is the order of its sources) and sums its
 *          destinations' contributions with the broadcast path's loop; K sums per partition go to
 *          the driver, which adds them in partition order: the mass that flowed along edges
 *   job 2: each owner adds the teleport, (d * dangling + 1 - d) * s, and returns its L1 changes
 * </pre>
 * The sums are the broadcast path's, term for term and in the same order, so the ranks and the
 * iterations are bit for bit the same. The driver holds K doubles per partition, the teleport's
 * seeds, and once, while building, 1 / W(u) for every user (8 bytes x n); an executor holds, per
 * partition, its ranks twice (the last iteration's and the new), its contributions and the shares
 * it received.
 *
 * <p>Lineage: the layout and every iteration's ranks are checkpointed locally (Spark's cache is the
 * checkpoint), so an iteration's lineage reaches back one iteration, the previous ranks and the
 * broadcasts are released as soon as they are read, and old shuffles become collectable. The price
 * of a local checkpoint: a lost executor fails the run (which a rerun repeats safely) instead of
 * recomputing.
 */
final class ShuffledPropagation implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ShuffledPropagation.class);

  /** A partition's part of the graph, built once: what it owns, reads and sends. */
  static final class Node implements Serializable {
    /** Owned users {@code start .. start + count - 1}, and 1 / W(u) of each (0 when dangling). */
    final int start;
    final int count;
    final double[] inverseOutWeight;
    /** The in-edges of the block's destinations, sources as positions in its source list; null when none. */
    final TiledBlock block;
    final int sourceCount;
    /** Partitions that read some of the owned users' shares, and for each the users (offsets from start, ascending). */
    final int[] targets;
    final int[][] sends;

    Node(int start, int count, double[] inverseOutWeight, TiledBlock block, int sourceCount, int[] targets,
        int[][] sends) {
      this.start = start;
      this.count = count;
      this.inverseOutWeight = inverseOutWeight;
      this.block = block;
      this.sourceCount = sourceCount;
      this.targets = targets;
      this.sends = sends;
    }
  }

  /** An owner's ranks after an iteration (node-major, K per user), its teleport seeds and its L1 changes. */
  static final class State implements Serializable {
    final int start;
    final int count;
    final double[] ranks;
    /** Per vector: seeds in the owned range (offsets from start) and weights, in the teleport's order; null = uniform. */
    final int[][] seedOffsets;
    final double[][] seedWeights;
    final double[] change;

    State(int start, int count, double[] ranks, int[][] seedOffsets, double[][] seedWeights, double[] change) {
      this.start = start;
      this.count = count;
      this.ranks = ranks;
      this.seedOffsets = seedOffsets;
      this.seedWeights = seedWeights;
      this.change = change;
    }
  }

  /** Shares sent by one owner to one partition. */
  record Shares(int from, double[] values) implements Serializable {}

  /** The contributions a partition's block sums for its destinations, and their sum per vector. */
  record Flow(int offset, double[] acc, double[] sum) implements Serializable {}

  /** A request of partition {@code reader} for the shares of some users of an owner. */
  record Request(int reader, int[] offsets) implements Serializable {}

  /** Sends a record keyed by partition number to that partition. */
  static final class ToPartition extends Partitioner {
    private final int partitions;

    ToPartition(int partitions) {
      this.partitions = partitions;
    }

    @Override
    public int numPartitions() {
      return partitions;
    }

    @Override
    public int getPartition(Object key) {
      return (Integer) key;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ToPartition p && p.partitions == partitions;
    }

    @Override
    public int hashCode() {
      return partitions;
    }
  }

  private final JavaSparkContext jsc;
  private final JavaRDD<Node> nodes;
  private final int partitions;
  private final int n;

  private ShuffledPropagation(JavaSparkContext jsc, JavaRDD<Node> nodes, int n) {
    this.jsc = jsc;
    this.nodes = nodes;
    this.partitions = nodes.getNumPartitions();
    this.n = n;
  }

  /**
   * Builds and caches the owners' parts from cached {@code blocks} (destination ranges ascending
   * with the partition number, as a range partitioning gives) and 1 / W(u) per user. Runs two
   * jobs: the blocks' first destinations, then the layout, with one shuffle of the read lists (one
   * int per distinct (block, source)).
   */
  static ShuffledPropagation of(JavaSparkContext jsc, JavaRDD<TiledBlock> blocks, int n, double[] inverseOutWeight) {
    // Bounded: one (partition, first destination) per partition.
    List<Tuple2<Integer, Integer>> firsts = blocks
        .mapPartitionsWithIndex((i, it) -> it.hasNext() ? List.of(new Tuple2<>(i, it.next().lo)).iterator()
            : Collections.<Tuple2<Integer, Integer>>emptyIterator(), true)
        .collect();
    if (firsts.isEmpty()) {
      // No edges: one owner of every user, which reads and sends nothing.
      Node all = new Node(0, n, inverseOutWeight.clone(), null, 0, new int[0], new int[0][]);
      JavaRDD<Node> one = jsc.parallelize(List.of(all), 1).persist(StorageLevel.MEMORY_AND_DISK());
      one.count();
      return new ShuffledPropagation(jsc, one, n);
    }
    Broadcast<double[]> inverse = jsc.broadcast(inverseOutWeight);
    try {
      // Owner j (the j-th partition with a block) starts at its block's first destination (the
      // first owner at 0); owners[partition] = j, -1 for a partition without a block.
      int[] owners = new int[blocks.getNumPartitions()];
      int[] ownerStart = new int[firsts.size() + 1];
      java.util.Arrays.fill(owners, -1);
      for (int j = 0; j < firsts.size(); j++) {
        int start = j == 0 ? 0 : firsts.get(j)._2();
        if (j > 0 && start <= firsts.get(j - 1)._2()) {
          throw new IllegalStateException("blocks are not in ascending destination order: partition "
              + firsts.get(j)._1() + " starts at " + start + ", after " + firsts.get(j - 1)._2());
        }
        owners[firsts.get(j)._1()] = j;
        ownerStart[j] = start;
      }
      ownerStart[firsts.size()] = n;
      int[] ownerPartition = firsts.stream().mapToInt(Tuple2::_1).toArray();

      // Each block's sources, the block reading them by position, and its requests to their owners.
      JavaRDD<Tuple2<TiledBlock, int[]>> local = blocks.map(b -> {
        int[] sources = b.sources();
        return new Tuple2<>(b.withSourcesAt(sources), sources);
      }).persist(StorageLevel.MEMORY_AND_DISK());
      JavaPairRDD<Integer, Request> requests = local.mapPartitionsWithIndex((q, it) -> {
        List<Tuple2<Integer, Request>> out = new ArrayList<>();
        it.forEachRemaining(b -> out.addAll(requests(q, b._2(), ownerStart, ownerPartition)));
        return out.iterator();
      }, true).mapToPair(t -> t).partitionBy(new ToPartition(owners.length));

      JavaRDD<Node> nodes = requests.zipPartitions(local, (req, blk) -> {
        if (!blk.hasNext()) {
          return Collections.emptyIterator();
        }
        Tuple2<TiledBlock, int[]> b = blk.next();
        int owner = owners[org.apache.spark.TaskContext.getPartitionId()];
        int start = ownerStart[owner];
        int count = ownerStart[owner + 1] - start;
        Reads reads = Reads.of(req);
        double[] inv = java.util.Arrays.copyOfRange(inverse.value(), start, start + count);
        return List.of(new Node(start, count, inv, b._1(), b._2().length, reads.readers(), reads.offsets())).iterator();
      }).persist(StorageLevel.MEMORY_AND_DISK());
      checkpointed(nodes);
      local.unpersist(false);
      return new ShuffledPropagation(jsc, nodes, n);
    } finally {
      inverse.destroy();
    }
  }

  /**
   * Materializes a persisted RDD as its own local checkpoint: later jobs read its cached partitions,
   * not its lineage. A zipped RDD also drops its function then (and the broadcasts it read); a map
   * keeps its function, which later tasks still serialize.
   */
  private static <T> void checkpointed(JavaRDD<T> rdd) {
    rdd.rdd().localCheckpoint();
    rdd.count();
  }

  /**
   * What partition {@code reader} asks each owner for: its {@code sources} (ascending) split by the
   * owner ranges that start at {@code ownerStart} (one more entry: the end), as offsets from the
   * owner's start, each keyed by the owner's partition ({@code ownerPartition}).
   */
  static List<Tuple2<Integer, Request>> requests(int reader, int[] sources, int[] ownerStart, int[] ownerPartition) {
    List<Tuple2<Integer, Request>> out = new ArrayList<>();
    int i = 0;
    while (i < sources.length) {
      int owner = ownerOf(ownerStart, sources[i]);
      int end = i;
      while (end < sources.length && sources[end] < ownerStart[owner + 1]) {
        end++;
      }
      int[] offsets = new int[end - i];
      for (int s = i; s < end; s++) {
        offsets[s - i] = sources[s] - ownerStart[owner];
      }
      out.add(new Tuple2<>(ownerPartition[owner], new Request(reader, offsets)));
      i = end;
    }
    return out;
  }

  /** The requests an owner received, by reader: the readers ascending, and the offsets each reads. */
  record Reads(int[] readers, int[][] offsets) {
    static Reads of(Iterator<Tuple2<Integer, Request>> received) {
      List<Request> list = new ArrayList<>();
      received.forEachRemaining(t -> list.add(t._2()));
      list.sort(Comparator.comparingInt(Request::reader));
      return new Reads(list.stream().mapToInt(Request::reader).toArray(),
          list.stream().map(Request::offsets).toArray(int[][]::new));
    }
  }

  /** The owner whose range holds {@code user}: the last start at most the user. */
  static int ownerOf(int[] starts, int user) {
    int lo = 0;
    int hi = starts.length - 2;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (starts[mid] <= user) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  /** Runs to the tolerance or {@code maxIter}; the result's ranks stay cached until it is closed. */
  PageRank.Distributed run(PageRank.Teleport teleport, double damping, double tolerance, int maxIter) {
    int k = teleport.vectors();
    // Bounded: the teleport's seeds, which the caller holds already. Released with the result: the
    // initial ranks (a map, which keeps its function when checkpointed) read it.
    Broadcast<PageRank.Teleport> seeds = jsc.broadcast(teleport);
    int users = n;
    JavaRDD<State> state = nodes.map(node -> initial(node, seeds.value(), users, k))
        .persist(StorageLevel.MEMORY_AND_DISK());
    checkpointed(state);
    int iterations = 0;
    double residual = Double.NaN;
    long sendNanos = 0;
    long finishNanos = 0;
    ToPartition byReader = new ToPartition(partitions);
    while (iterations < maxIter) {
      long t0 = System.nanoTime();
      JavaRDD<State> current = state;
      JavaPairRDD<Integer, Shares> sent = nodes.zipPartitions(current, (ns, ss) -> send(ns, ss, k))
          .mapToPair(t -> t).partitionBy(byReader);
      JavaRDD<Flow> flows = sent.zipPartitions(nodes, (ms, ns) -> gather(ms, ns, k))
          .persist(StorageLevel.MEMORY_AND_DISK());
      // Bounded: K sums per partition, added in partition order (the broadcast path's order).
      double[] flowed = new double[k];
      for (double[] part : flows.map(Flow::sum).collect()) {
        for (int j = 0; j < k; j++) {
          flowed[j] += part[j];
        }
      }
      long t1 = System.nanoTime();
      double[] mass = new double[k];
      for (int j = 0; j < k; j++) {
        mass[j] = damping * Math.max(0.0, 1.0 - flowed[j]) + 1 - damping;
      }
      JavaRDD<State> next = flows.zipPartitions(current, (fs, ss) -> finish(fs, ss, mass, damping, users, k))
          .persist(StorageLevel.MEMORY_AND_DISK());
      next.rdd().localCheckpoint();
      double[] change = new double[k];
      // Bounded: K changes per partition.
      for (double[] part : next.map(s -> s.change).collect()) {
        for (int j = 0; j < k; j++) {
          change[j] += part[j];
        }
      }
      flows.unpersist(false);
      current.unpersist(false);
      state = next;
      residual = java.util.Arrays.stream(change).max().orElse(0.0);
      iterations++;
      sendNanos += t1 - t0;
      finishNanos += System.nanoTime() - t1;
      if (iterations % 10 == 0) {
        LOG.info("pagerank, shuffle path ({} vector{}) iteration {}: L1 change {}", k, k == 1 ? "" : "s",
            iterations, residual);
      }
      if (residual < tolerance) {
        break;
      }
    }
    LOG.info("pagerank, shuffle path ({} vector{}): {} iterations, shares and sums {} s, teleport and changes {} s",
        k, k == 1 ? "" : "s", iterations, sendNanos / 1e9, finishNanos / 1e9);
    JavaRDD<State> result = state;
    JavaRDD<PageRank.Slice> slices = result.map(s -> new PageRank.Slice(s.start, s.count, s.ranks));
    return new PageRank.Distributed(slices, n, k, iterations, residual, () -> {
      result.unpersist(false);
      seeds.destroy();
    });
  }

  /** The teleport distribution itself, restricted to the node's users. */
  private static State initial(Node node, PageRank.Teleport t, int users, int k) {
    int[][] offsets = null;
    double[][] weights = null;
    if (!t.isUniform()) {
      offsets = new int[k][];
      weights = new double[k][];
      for (int v = 0; v < k; v++) {
        CsrBlock.IntArray o = new CsrBlock.IntArray();
        List<Double> w = new ArrayList<>();
        for (int i = 0; i < t.nodes()[v].length; i++) {
          int user = t.nodes()[v][i];
          if (user >= node.start && user < node.start + node.count) {
            o.add(user - node.start);
            w.add(t.weights()[v][i]);
          }
        }
        offsets[v] = o.toArray();
        weights[v] = w.stream().mapToDouble(Double::doubleValue).toArray();
      }
    }
    double[] ranks = new double[node.count * k];
    double[] ones = new double[k];
    java.util.Arrays.fill(ones, 1.0);
    State empty = new State(node.start, node.count, ranks, offsets, weights, new double[k]);
    addTeleport(ranks, empty, ones, users, k);
    return empty;
  }

  /** ranks[v][j] += mass[j] * s[j](v) over the owned users, in the teleport's order (as the broadcast path). */
  private static void addTeleport(double[] ranks, State s, double[] mass, int users, int k) {
    for (int j = 0; j < k; j++) {
      if (s.seedOffsets == null) {
        double share = mass[j] / users;
        for (int v = 0; v < s.count; v++) {
          ranks[v * k + j] += share;
        }
      } else {
        int[] o = s.seedOffsets[j];
        double[] w = s.seedWeights[j];
        for (int i = 0; i < o.length; i++) {
          ranks[o[i] * k + j] += mass[j] * w[i];
        }
      }
    }
  }

  /** Job 1, map side: the owner's shares, one message per reading partition. */
  private static Iterator<Tuple2<Integer, Shares>> send(Iterator<Node> ns, Iterator<State> ss, int k) {
    if (!ns.hasNext()) {
      return Collections.emptyIterator();
    }
    Node node = ns.next();
    double[] r = ss.next().ranks;
    int from = org.apache.spark.TaskContext.getPartitionId();
    List<Tuple2<Integer, Shares>> out = new ArrayList<>(node.targets.length);
    for (int t = 0; t < node.targets.length; t++) {
      int[] users = node.sends[t];
      double[] values = new double[users.length * k];
      for (int i = 0; i < users.length; i++) {
        int u = users[i];
        double inverse = node.inverseOutWeight[u];
        for (int j = 0; j < k; j++) {
          values[i * k + j] = r[u * k + j] * inverse;
        }
      }
      out.add(new Tuple2<>(node.targets[t], new Shares(from, values)));
    }
    return out.iterator();
  }

  /** Job 1, reduce side: the messages end to end in owner order, then the block's contributions. */
  private static Iterator<Flow> gather(Iterator<Tuple2<Integer, Shares>> ms, Iterator<Node> ns, int k) {
    if (!ns.hasNext()) {
      return Collections.emptyIterator();
    }
    Node node = ns.next();
    List<Shares> in = new ArrayList<>();
    ms.forEachRemaining(m -> in.add(m._2()));
    in.sort(Comparator.comparingInt(Shares::from));
    double[] share = new double[node.sourceCount * k];
    int at = 0;
    for (Shares s : in) {
      System.arraycopy(s.values(), 0, share, at, s.values().length);
      at += s.values().length;
    }
    if (at != share.length) {
      throw new IllegalStateException("partition received " + at / Math.max(1, k) + " shares for "
          + node.sourceCount + " sources");
    }
    if (node.block == null) {
      return List.of(new Flow(0, new double[0], new double[k])).iterator();
    }
    double[] acc = node.block.contributions(share, k);
    double[] sum = new double[k];
    for (int i = 0; i < acc.length; i += k) {
      for (int j = 0; j < k; j++) {
        sum[j] += acc[i + j];
      }
    }
    return List.of(new Flow(node.block.lo - node.start, acc, sum)).iterator();
  }

  /** Job 2: d x contributions plus the teleport, and the owner's L1 change per vector. */
  private static Iterator<State> finish(Iterator<Flow> fs, Iterator<State> ss, double[] mass, double damping,
      int users, int k) {
    if (!ss.hasNext()) {
      return Collections.emptyIterator();
    }
    State s = ss.next();
    double[] next = new double[s.count * k];
    if (fs.hasNext()) {
      Flow f = fs.next();
      int base = f.offset() * k;
      for (int i = 0; i < f.acc().length; i++) {
        next[base + i] = damping * f.acc()[i];
      }
    }
    addTeleport(next, s, mass, users, k);
    double[] change = new double[k];
    for (int i = 0; i < next.length; i += k) {
      for (int j = 0; j < k; j++) {
        change[j] += Math.abs(next[i + j] - s.ranks[i + j]);
      }
    }
    return List.of(new State(s.start, s.count, next, s.seedOffsets, s.seedWeights, change)).iterator();
  }

  @Override
  public void close() {
    nodes.unpersist(false);
  }
}
