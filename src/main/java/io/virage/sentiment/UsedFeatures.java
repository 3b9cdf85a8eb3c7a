package io.virage.sentiment;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.DenseMatrix;
import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The feature indices a training set actually uses, and the logistic regression fitted in that
 * smaller space, turned back into a model of the full hashed space.
 *
 * <p>Why: the hashed space has {@code 2 x num-features} dimensions (524,288 by default) while a few
 * thousand texts use a few tens of thousands. Every L-BFGS iteration ships the dense coefficients
 * to each task and a dense gradient back, and the driver's update walks all of them, so the cost
 * of an iteration follows the dimension, not the data.
 *
 * <p>Why the model is the same: a feature that is zero in every training row has zero variance;
 * MLlib's logistic regression gives such a feature no gradient (its aggregators skip features whose
 * standard deviation is 0) and starts every coefficient at 0, so L-BFGS keeps it at exactly 0. The
 * problem restricted to the used features has the same objective and the same gradients on them,
 * hence the same iterates up to the order of floating-point sums. The full model returned has those
 * coefficients at their indices and 0 elsewhere: a feature seen only at prediction time contributes
 * nothing, as in a model fitted in the full space. {@code UsedFeaturesTest} checks both fits agree.
 */
final class UsedFeatures implements java.io.Serializable {
  private final int size;
  private final int[] used;

  private UsedFeatures(int size, int[] used) {
    this.size = size;
    this.used = used;
  }

  /**
   * Indices with a non-zero value in at least one row of {@code vectors}'s {@code column} (vectors
   * of length {@code size}). One bit set per partition, OR'ed on the driver: size / 8 bytes each.
   */
  static UsedFeatures of(Dataset<Row> vectors, String column, int size) {
    JavaRDD<BitSet> perPartition = vectors.select(column).javaRDD().mapPartitions((Iterator<Row> rows) -> {
      BitSet bits = new BitSet(size);
      while (rows.hasNext()) {
        SparseVector v = ((Vector) rows.next().get(0)).toSparse();
        int[] idx = v.indices();
        double[] val = v.values();
        for (int i = 0; i < idx.length; i++) {
          if (val[i] != 0.0) {
            bits.set(idx[i]);
          }
        }
      }
      return List.of(bits).iterator();
    });
    BitSet all = perPartition.fold(new BitSet(size), (a, b) -> {
      BitSet out = (BitSet) a.clone();
      out.or(b);
      return out;
    });
    return new UsedFeatures(size, all.stream().toArray());
  }

  /** Number of used features: the dimension of the compact space. */
  int count() {
    return used.length;
  }

  /** Dimension of the full space. */
  int size() {
    return size;
  }

  /**
   * {@code rows} with the vector {@code column} (at position {@code position}) replaced by its
   * compact form; features outside the used set are dropped (they are zero in the training rows).
   */
  JavaRDD<Row> compact(JavaRDD<Row> rows, int position) {
    Broadcast<UsedFeatures> self = new org.apache.spark.api.java.JavaSparkContext(rows.context()).broadcast(this);
    return rows.map(r -> {
      Object[] values = new Object[r.length()];
      for (int i = 0; i < values.length; i++) {
        values[i] = r.get(i);
      }
      values[position] = self.value().compact((Vector) r.get(position));
      return RowFactory.create(values);
    });
  }

  Vector compact(Vector full) {
    if (full.size() != size) {
      throw new IllegalArgumentException("feature vector of size " + full.size() + ", expected " + size);
    }
    SparseVector v = full.toSparse();
    int[] idx = v.indices();
    double[] val = v.values();
    int[] outIdx = new int[idx.length];
    double[] outVal = new double[idx.length];
    int n = 0;
    for (int i = 0; i < idx.length; i++) {
      int at = Arrays.binarySearch(used, idx[i]);
      if (at >= 0 && val[i] != 0.0) {
        outIdx[n] = at;
        outVal[n++] = val[i];
      }
    }
    return Vectors.sparse(used.length, Arrays.copyOf(outIdx, n), Arrays.copyOf(outVal, n));
  }

  /**
   * The model of the full space whose coefficients are {@code compact}'s at the used indices and 0
   * elsewhere, with the same intercepts and parameters. Dense and row-major, as MLlib's own fit returns them, so
   * scoring keeps its sparse-features-times-dense-coefficients products.
   */
  LogisticRegressionModel expand(LogisticRegressionModel compact, boolean multinomial) {
    Matrix c = compact.coefficientMatrix();
    int k = c.numRows();
    double[] values = new double[k * size]; // row-major (one row per class), as MLlib's fit lays them out
    for (int r = 0; r < k; r++) {
      for (int j = 0; j < used.length; j++) {
        values[r * size + used[j]] = c.apply(r, j);
      }
    }
    // The constructor is Spark-internal (private[spark] in Scala, public in the bytecode); Spark is
    // pinned to 4.1.0 (pom.xml), and UsedFeaturesTest fails if its meaning ever changes.
    LogisticRegressionModel full = new LogisticRegressionModel(compact.uid(), new DenseMatrix(k, size, values, true),
        compact.interceptVector(), compact.numClasses(), multinomial);
    return full.copy(compact.extractParamMap());
  }
}
