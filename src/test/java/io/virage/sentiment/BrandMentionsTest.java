package io.virage.sentiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.virage.SparkTestBase;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Brand detection matches keywords and handles literally: special characters cannot break it. */
class BrandMentionsTest extends SparkTestBase {
  @Test
  void matchesKeywordsAndHandlesLiterallyIgnoringCase() {
    check(0);
  }

  /** Past {@link BrandMentions#INLINE_MAX_BRANDS} brands the tags come from a join: same answers. */
  @Test
  void manyBrandsGiveTheSameTags() {
    check(BrandMentions.INLINE_MAX_BRANDS);
  }

  private static void check(int fillerBrands) {
    StructType posts = new StructType().add("post_id", DataTypes.StringType).add("text", DataTypes.StringType);
    StructType brands = new StructType().add("brand_id", DataTypes.StringType)
        .add("handles", DataTypes.createArrayType(DataTypes.StringType))
        .add("keywords", DataTypes.createArrayType(DataTypes.StringType));
    Map<String, List<String>> found = new HashMap<>();
    for (Row r : BrandMentions.tag(
        rows(posts,
            new Object[] {"p1", "J'adore ÉLAN Motors !"},
            new Object[] {"p2", "price is $5.99 (really) at c*star"},
            new Object[] {"p3", "merci @Dune_FR 😍 et \"Café\" Dune"},
            new Object[] {"p4", "nothing to see"},
            new Object[] {"p5", "both Élan Motors and c*star"}),
        rows(brands, brands(fillerBrands)))
        .collectAsList()) {
      found.put(r.getAs("post_id"), r.getList(r.fieldIndex("brand_ids")));
    }
    assertEquals(List.of("elan"), found.get("p1"), "accents and case");
    assertEquals(List.of("cstar"), found.get("p2"), "regex characters match literally");
    assertEquals(List.of("dune"), found.get("p3"), "handles, quotes and emoji");
    assertEquals(List.of(), found.get("p4"), "blank keywords match nothing");
    assertEquals(List.of("cstar", "elan"), found.get("p5"), "several brands, sorted");
  }

  private static Object[][] brands(int fillers) {
    List<Object[]> all = new java.util.ArrayList<>(List.of(
        new Object[] {"elan", new String[] {"@elan"}, new String[] {"Élan Motors"}},
        new Object[] {"cstar", new String[] {}, new String[] {"$5.99 (really)", "c*star", "", "  "}},
        new Object[] {"dune", new String[] {"@dune_fr"}, new String[] {"\"café\" dune", "😍"}},
        new Object[] {"none", null, null}));
    for (int i = 0; i < fillers; i++) {
      all.add(new Object[] {"filler" + i, new String[] {}, new String[] {"zqx-" + i + "-never"}});
    }
    return all.toArray(Object[][]::new);
  }
}
