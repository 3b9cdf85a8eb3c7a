package io.virage.demo;

import io.virage.schema.InputContract.Brands;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The demo's {@code brands}. */
final class DemoBrands extends DemoModel {
  DemoBrands(SparkSession spark, DemoGenerator.Params p) {
    super(spark, p);
  }

  /** The five brands of {@link DemoVocabulary#BRANDS}, a stale duplicate and a row with no id. */
  Dataset<Row> of() {
    StructType schema = new StructType()
        .add(Brands.BRAND_ID, DataTypes.StringType)
        .add(Brands.NAME, DataTypes.StringType)
        .add(Brands.HANDLES, DataTypes.createArrayType(DataTypes.StringType))
        .add(Brands.KEYWORDS, DataTypes.createArrayType(DataTypes.StringType));
    List<Row> rows = new ArrayList<>();
    for (DemoVocabulary.Brand b : DemoVocabulary.BRANDS) {
      rows.add(RowFactory.create(b.id(), b.name(), b.handles().toArray(String[]::new),
          b.keywords().toArray(String[]::new)));
    }
    // Bad rows: a stale duplicate of the first brand (sorts after it, so the original is kept) and a row with no id.
    DemoVocabulary.Brand first = DemoVocabulary.BRANDS.get(0);
    rows.add(RowFactory.create(first.id(), null, new String[0], new String[0]));
    rows.add(RowFactory.create(null, "Unnamed brand", new String[0], new String[] {"unnamed"}));
    return spark.createDataFrame(rows, schema).coalesce(1);
  }
}
