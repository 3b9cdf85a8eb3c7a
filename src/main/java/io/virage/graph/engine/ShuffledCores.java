package io.virage.graph.engine;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * The k-core's shuffle path ({@link CoreDecomposition}): the same rounds as the driver path, with
 * the estimates held by the executors instead of the driver, for graphs whose estimates do not fit
 * in the driver's memory ({@link CoreDecomposition#path}).
 *
 * <p>Each part of the graph (a {@link CsrBlock} of the undirected simple graph, users
 * {@code lo .. lo + count - 1}) owns its users' estimates. Built once (cached): every block's
 * distinct neighbours, the block reading them by position, and, at each owner, which of its users'
 * estimates every other part reads (one shuffle of those lists). A round is one Spark job: owner p
 * sends part q the estimates of the users of p that q's block reads (a shuffle, one message per
 * pair of parts with edges between them); q lays them end to end in p order (the order of its
 * neighbours) and computes min(own estimate, h-index of the neighbours' estimates) with the driver
 * path's function; the number of estimates that changed comes to the driver (one number per part).
 * The rounds stop when none changed: the same fixed point, after the same rounds, as the driver
 * path. The driver holds a few numbers per part; an executor holds, per part, its users'
 * estimates twice and the estimates it received.
 *
 * <p>Lineage: the layout and every round's estimates are checkpointed locally (Spark's cache is the
 * checkpoint), as on PageRank's shuffle path ({@link ShuffledPropagation}).
 */
final class ShuffledCores {
  private static final Logger LOG = LoggerFactory.getLogger(ShuffledCores.class);

  private ShuffledCores() {}

  /** A part's block read by position: node v's neighbours are {@code positions[offsets[v] ..]} in its received estimates. */
  static final class Node implements Serializable {
    final int lo;
    final int[] offsets;
    final int[] positions;
    final int sourceCount;
    /** Parts that read some of the owned users' estimates, and for each the users (offsets from lo, ascending). */
    final int[] targets;
    final int[][] sends;

    Node(int lo, int[] offsets, int[] positions, int sourceCount, int[] targets, int[][] sends) {
      this.lo = lo;
      this.offsets = offsets;
      this.positions = positions;
      this.sourceCount = sourceCount;
      this.targets = targets;
      this.sends = sends;
    }
  }

  /** A part's estimates after a round, and how many of them that round changed. */
  record State(int lo, int[] est, long changed) implements Serializable {}

  /** Estimates sent by the part {@code from} to one reader. */
  record Estimates(int from, int[] values) implements Serializable {}

  /** Core numbers over cached {@code blocks} (ranges ascending with the partition number), which the caller owns. */
  static CoreDecomposition.Distributed run(JavaSparkContext jsc, JavaRDD<CsrBlock> blocks, int n) {
    // Bounded: one (partition, first user, users) per partition.
    List<int[]> owned = blocks.mapPartitionsWithIndex((i, it) -> {
      if (!it.hasNext()) {
        return Collections.<int[]>emptyIterator();
      }
      CsrBlock b = it.next();
      return List.of(new int[] {i, b.lo, b.count()}).iterator();
    }, true).collect();
    if (owned.isEmpty()) {
      // No edges: every core number is 0, after the one round that changes nothing.
      return new CoreDecomposition.Distributed(jsc.parallelize(List.<CoreDecomposition.Slice>of(), 1), n,
          n == 0 ? 0 : 1, () -> {});
    }
    int[] ownerPartition = new int[owned.size()];
    int[] ownerLo = new int[owned.size() + 1];
    for (int j = 0; j < owned.size(); j++) {
      ownerPartition[j] = owned.get(j)[0];
      ownerLo[j] = owned.get(j)[1];
      if (j > 0 && ownerLo[j] < ownerLo[j - 1] + owned.get(j - 1)[2]) {
        throw new IllegalStateException("k-core blocks are not in ascending user order: partition "
            + ownerPartition[j] + " starts at " + ownerLo[j]);
      }
    }
    ownerLo[owned.size()] = Integer.MAX_VALUE;
    int partitions = blocks.getNumPartitions();
    ShuffledPropagation.ToPartition byPart = new ShuffledPropagation.ToPartition(partitions);

    // Each block's distinct neighbours (ascending), the block reading them by position.
    JavaRDD<Tuple2<Node, int[]>> local = blocks.map(b -> {
      int[] sources = java.util.Arrays.stream(b.neighbours).sorted().distinct().toArray();
      int[] positions = new int[b.neighbours.length];
      for (int e = 0; e < positions.length; e++) {
        positions[e] = java.util.Arrays.binarySearch(sources, b.neighbours[e]);
      }
      return new Tuple2<>(new Node(b.lo, b.offsets, positions, sources.length, null, null), sources);
    }).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      // Each owner learns which of its users' estimates every part reads: the layout of PageRank's
      // shuffle path, with the blocks' neighbours as the sources.
      JavaPairRDD<Integer, ShuffledPropagation.Request> requests = local.mapPartitionsWithIndex((q, it) -> {
        List<Tuple2<Integer, ShuffledPropagation.Request>> out = new ArrayList<>();
        it.forEachRemaining(b -> out.addAll(ShuffledPropagation.requests(q, b._2(), ownerLo, ownerPartition)));
        return out.iterator();
      }, true).mapToPair(t -> t).partitionBy(byPart);
      JavaRDD<Node> nodes = requests.zipPartitions(local, (req, blk) -> {
        if (!blk.hasNext()) {
          return Collections.<Node>emptyIterator();
        }
        Node b = blk.next()._1();
        ShuffledPropagation.Reads reads = ShuffledPropagation.Reads.of(req);
        return List.of(new Node(b.lo, b.offsets, b.positions, b.sourceCount, reads.readers(), reads.offsets()))
            .iterator();
      }).persist(StorageLevel.MEMORY_AND_DISK());
      nodes.rdd().localCheckpoint();
      nodes.count();
      local.unpersist(false);
      try {
        return rounds(nodes, byPart, n);
      } finally {
        nodes.unpersist(false);
      }
    } finally {
      local.unpersist(false);
    }
  }

  /** Rounds from the degrees to the fixed point over the laid-out {@code nodes}. */
  private static CoreDecomposition.Distributed rounds(JavaRDD<Node> nodes, ShuffledPropagation.ToPartition byPart,
      int n) {
    JavaRDD<State> state = nodes.map(node -> {
      int[] degrees = new int[node.offsets.length - 1];
      for (int v = 0; v < degrees.length; v++) {
        degrees[v] = node.offsets[v + 1] - node.offsets[v];
      }
      return new State(node.lo, degrees, 0);
    }).persist(StorageLevel.MEMORY_AND_DISK());
    state.rdd().localCheckpoint();
    state.count();
    int rounds = 0;
    long started = System.nanoTime();
    while (true) {
      JavaRDD<State> current = state;
      JavaRDD<Tuple2<Node, State>> both = nodes.zipPartitions(current, ShuffledCores::pair);
      JavaPairRDD<Integer, Estimates> sent = both.mapPartitions(ShuffledCores::send).mapToPair(t -> t)
          .partitionBy(byPart);
      JavaRDD<State> next = sent.zipPartitions(both, ShuffledCores::round).persist(StorageLevel.MEMORY_AND_DISK());
      next.rdd().localCheckpoint();
      long changed = 0;
      // Bounded: one number per part.
      for (long c : next.map(State::changed).collect()) {
        changed += c;
      }
      current.unpersist(false);
      state = next;
      rounds++;
      LOG.debug("k-core, shuffle path, round {}: {} estimates changed", rounds, changed);
      if (changed == 0) {
        break;
      }
    }
    LOG.info("k-core, shuffle path: {} rounds in {} s", rounds, Math.round((System.nanoTime() - started) / 1e6) / 1000.0);
    JavaRDD<State> result = state;
    return new CoreDecomposition.Distributed(result.map(s -> new CoreDecomposition.Slice(s.lo(), s.est())), n, rounds,
        () -> result.unpersist(false));
  }

  private static Iterator<Tuple2<Node, State>> pair(Iterator<Node> ns, Iterator<State> ss) {
    return ns.hasNext() ? List.of(new Tuple2<>(ns.next(), ss.next())).iterator() : Collections.emptyIterator();
  }

  /** The map side of a round: the owner's estimates, one message per reading part. */
  private static Iterator<Tuple2<Integer, Estimates>> send(Iterator<Tuple2<Node, State>> it) {
    if (!it.hasNext()) {
      return Collections.emptyIterator();
    }
    Tuple2<Node, State> t = it.next();
    Node node = t._1();
    int[] est = t._2().est();
    int from = TaskContext.getPartitionId();
    List<Tuple2<Integer, Estimates>> out = new ArrayList<>(node.targets.length);
    for (int i = 0; i < node.targets.length; i++) {
      int[] users = node.sends[i];
      int[] values = new int[users.length];
      for (int u = 0; u < users.length; u++) {
        values[u] = est[users[u]];
      }
      out.add(new Tuple2<>(node.targets[i], new Estimates(from, values)));
    }
    return out.iterator();
  }

  /** The reduce side: the messages end to end in owner order, then the driver path's h-index step. */
  private static Iterator<State> round(Iterator<Tuple2<Integer, Estimates>> ms, Iterator<Tuple2<Node, State>> it) {
    if (!it.hasNext()) {
      return Collections.emptyIterator();
    }
    Tuple2<Node, State> t = it.next();
    Node node = t._1();
    int[] own = t._2().est();
    List<Estimates> in = new ArrayList<>();
    ms.forEachRemaining(m -> in.add(m._2()));
    in.sort(Comparator.comparingInt(Estimates::from));
    int[] received = new int[node.sourceCount];
    int at = 0;
    for (Estimates e : in) {
      System.arraycopy(e.values(), 0, received, at, e.values().length);
      at += e.values().length;
    }
    if (at != received.length) {
      throw new IllegalStateException("k-core part at " + node.lo + " received " + at + " estimates for "
          + received.length + " neighbours");
    }
    int[] next = CoreDecomposition.hIndex(node.offsets, node.positions, received, own, 0);
    long changed = 0;
    for (int v = 0; v < next.length; v++) {
      if (next[v] != own[v]) {
        changed++;
      }
    }
    return List.of(new State(node.lo, next, changed)).iterator();
  }
}
