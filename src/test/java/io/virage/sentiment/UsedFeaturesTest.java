package io.virage.sentiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.virage.SparkTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Logistic regression fitted in the used-feature space and expanded equals MLlib's own fit in the
 * full space (the reference): same coefficients and intercepts, zeros where no training row has
 * the feature, same probabilities on rows that carry features never seen in training.
 */
class UsedFeaturesTest extends SparkTestBase {
  private static final int SIZE = 2_000;
  private static final StructType SCHEMA = new StructType().add("y", DataTypes.DoubleType)
      .add("v", SQLDataTypes.VectorType());

  /** Sparse rows over the first {@code maxIndex} features; the class leans on a few of them. */
  private static List<Row> rows(int n, int classes, int maxIndex, long seed) {
    Random r = new Random(seed);
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int y = i % classes;
      java.util.TreeMap<Integer, Double> f = new java.util.TreeMap<>();
      for (int k = 0; k < 6; k++) {
        f.put(r.nextInt(maxIndex) * 3 + 1, 1.0 + r.nextInt(3)); // only indices 1, 4, 7, ...: gaps to skip
      }
      f.put(1000 + 3 * y, 2.0); // an informative feature per class
      out.add(RowFactory.create((double) y, Vectors.sparse(SIZE, f.keySet().stream().mapToInt(Integer::intValue).toArray(),
          f.values().stream().mapToDouble(Double::doubleValue).toArray())));
    }
    return out;
  }

  @Test
  void theCompactFitIsMllibsFullSpaceFit() {
    for (int classes : List.of(2, 3)) {
      List<Row> trainRows = rows(120, classes, 300, 7);
      java.util.Set<Integer> seen = new java.util.TreeSet<>();
      trainRows.forEach(r -> seen.addAll(java.util.Arrays.stream(((Vector) r.get(1)).toSparse().indices()).boxed().toList()));
      Dataset<Row> train = spark.createDataFrame(trainRows, SCHEMA);
      LogisticRegression lr = new LogisticRegression().setFeaturesCol("v").setLabelCol("y").setRegParam(0.01)
          .setStandardization(false).setMaxIter(100).setFamily(classes > 2 ? "multinomial" : "binomial");
      LogisticRegressionModel reference = lr.fit(train);

      UsedFeatures used = UsedFeatures.of(train, "v", SIZE);
      assertEquals(seen.size(), used.count(), "the distinct indices of the training rows");
      Dataset<Row> compact = spark.createDataFrame(used.compact(train.javaRDD(), 1), SCHEMA);
      LogisticRegressionModel expanded = used.expand(lr.fit(compact), classes > 2);

      Matrix a = reference.coefficientMatrix();
      Matrix b = expanded.coefficientMatrix();
      assertEquals(a.numRows(), b.numRows());
      assertEquals(SIZE, b.numCols(), "the full space again");
      for (int j = 0; j < SIZE; j++) {
        for (int k = 0; k < a.numRows(); k++) {
          assertEquals(a.apply(k, j), b.apply(k, j), 1e-9, classes + " classes, coefficient " + k + "," + j);
          if (j % 3 != 1 && j < 1000) {
            assertEquals(0.0, b.apply(k, j), 0.0, "never in a training row: exactly 0");
          }
        }
      }
      assertArrayEquals(reference.interceptVector().toArray(), expanded.interceptVector().toArray(), 1e-9);

      // Rows with features no training row had (indices 2, 5, ...): those count for nothing in both.
      Dataset<Row> test = spark.createDataFrame(List.of(
          RowFactory.create(0.0, Vectors.sparse(SIZE, new int[] {1, 2, 1000, 1999}, new double[] {1, 5, 2, 7})),
          RowFactory.create(1.0, Vectors.sparse(SIZE, new int[] {5, 1003}, new double[] {3, 2}))), SCHEMA);
      List<Row> p = reference.transform(test).select("probability").collectAsList();
      List<Row> q = expanded.transform(test).select("probability").collectAsList();
      for (int i = 0; i < p.size(); i++) {
        assertArrayEquals(((Vector) p.get(i).get(0)).toArray(), ((Vector) q.get(i).get(0)).toArray(), 1e-9,
            classes + " classes, test row " + i);
      }
    }
  }
}
