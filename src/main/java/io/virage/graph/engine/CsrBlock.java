package io.virage.graph.engine;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * One partition of a graph in compressed-sparse-row form: the nodes {@code lo .. lo + count - 1}
 * (a contiguous range of dense ids, from a range partitioning), each with its neighbours and,
 * optionally, edge weights. Built from rows (node int, neighbour int[, weight double]) sorted by
 * node then neighbour; nodes of the range without rows simply have no neighbours.
 */
final class CsrBlock implements Serializable {
  final int lo;
  final int[] offsets;
  final int[] neighbours;
  final double[] weights;

  private CsrBlock(int lo, int[] offsets, int[] neighbours, double[] weights) {
    this.lo = lo;
    this.offsets = offsets;
    this.neighbours = neighbours;
    this.weights = weights;
  }

  int count() {
    return offsets.length - 1;
  }

  long edges() {
    return neighbours.length;
  }

  /**
   * The partition's block; an empty partition gives none. With {@code dropRepeats}, a row equal to
   * the previous one (same node and neighbour) is skipped, which makes a simple graph of sorted rows.
   */
  static Iterator<CsrBlock> of(Iterator<Row> rows, boolean weighted, boolean dropRepeats) {
    if (!rows.hasNext()) {
      return java.util.Collections.emptyIterator();
    }
    return List.of(of(SortedRows.read(rows, weighted, dropRepeats), weighted)).iterator();
  }

  /** The block of rows already read (at least one). */
  static CsrBlock of(SortedRows r, boolean weighted) {
    int lo = r.node.get(0);
    int count = r.node.get(r.size() - 1) - lo + 1;
    int[] offsets = new int[count + 1];
    for (int e = 0; e < r.size(); e++) {
      offsets[r.node.get(e) - lo + 1]++;
    }
    for (int i = 0; i < count; i++) {
      offsets[i + 1] += offsets[i];
    }
    return new CsrBlock(lo, offsets, r.nbr.toArray(), weighted ? r.weights() : null);
  }

  /**
   * A partition's rows (node int, neighbour int[, weight double]), sorted by node then neighbour,
   * read into arrays: what every block layout starts from.
   */
  static final class SortedRows {
    final IntArray node;
    final IntArray nbr;
    private double[] w;

    SortedRows(boolean weighted) {
      this(weighted, 1024);
    }

    /** Room for {@code capacity} rows before growing. */
    SortedRows(boolean weighted, int capacity) {
      int c = Math.max(1, capacity);
      node = new IntArray(c);
      nbr = new IntArray(c);
      w = weighted ? new double[c] : null;
    }

    /** With {@code dropRepeats}, a row equal to the previous one (same node and neighbour) is skipped. */
    static SortedRows read(Iterator<Row> rows, boolean weighted, boolean dropRepeats) {
      SortedRows r = new SortedRows(weighted);
      while (rows.hasNext()) {
        Row row = rows.next();
        int n = r.nbr.size();
        if (dropRepeats && n > 0 && r.node.get(n - 1) == row.getInt(0) && r.nbr.get(n - 1) == row.getInt(1)) {
          continue;
        }
        r.add(row.getInt(0), row.getInt(1), weighted ? row.getDouble(2) : 0.0);
      }
      return r;
    }

    /** Appends a row; the caller keeps the (node, neighbour) order. {@code weight} is ignored when unweighted. */
    void add(int node, int neighbour, double weight) {
      int n = nbr.size();
      if (w != null) {
        if (n == w.length) {
          w = Arrays.copyOf(w, w.length * 2);
        }
        w[n] = weight;
      }
      this.node.add(node);
      nbr.add(neighbour);
    }

    int size() {
      return nbr.size();
    }

    double weight(int e) {
      return w[e];
    }

    double[] weights() {
      return Arrays.copyOf(w, nbr.size());
    }
  }

  /** A growable int array (no boxing). */
  static final class IntArray {
    private int[] a;
    private int size;

    IntArray() {
      this(1024);
    }

    IntArray(int capacity) {
      a = new int[Math.max(1, capacity)];
    }

    void add(int v) {
      if (size == a.length) {
        a = Arrays.copyOf(a, a.length * 2);
      }
      a[size++] = v;
    }

    int get(int i) {
      return a[i];
    }

    int size() {
      return size;
    }

    int[] toArray() {
      return Arrays.copyOf(a, size);
    }
  }
}
