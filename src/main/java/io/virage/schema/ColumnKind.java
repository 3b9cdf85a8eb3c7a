package io.virage.schema;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.trim;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.IntegralType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/**
 * The logical type of an input column: which Parquet (Spark) types the contract accepts for it,
 * and how a found column is brought to the one type the rest of the product sees.
 *
 * <p>Accepting a few physical types per logical type is deliberate: exports from social APIs
 * write counts as int or long and timestamps as timestamps or ISO-8601 strings. Anything else is a
 * contract violation, never a silent cast.
 */
public enum ColumnKind {
  STRING("string", DataTypes.StringType),
  LONG("integer (int or bigint)", DataTypes.LongType),
  BOOLEAN("boolean", DataTypes.BooleanType),
  /** Any numeric type (int, bigint, float, double, decimal), read as a double. */
  DOUBLE("number (int, bigint, float, double or decimal)", DataTypes.DoubleType),
  /** timestamp, timestamp_ntz, date, or an ISO-8601 string; unparseable strings become null. */
  TIMESTAMP("timestamp (or date, or ISO-8601 string)", DataTypes.TimestampType),
  /** array of strings, or one comma-separated string. */
  STRING_LIST("array<string> (or comma-separated string)",
      DataTypes.createArrayType(DataTypes.StringType, true));

  private final String expected;
  private final DataType target;

  ColumnKind(String expected, DataType target) {
    this.expected = expected;
    this.target = target;
  }

  /** Human text for errors: what the contract expects. */
  public String expected() {
    return expected;
  }

  /** The type every stage sees after conforming. */
  public DataType target() {
    return target;
  }

  public boolean accepts(DataType found) {
    return switch (this) {
      case STRING -> found instanceof StringType;
      case LONG -> found instanceof IntegralType;
      case BOOLEAN -> found.equals(DataTypes.BooleanType);
      case DOUBLE -> found instanceof NumericType;
      case TIMESTAMP -> found instanceof TimestampType || found instanceof TimestampNTZType
          || found instanceof DateType || found instanceof StringType;
      case STRING_LIST -> found instanceof StringType
          || (found instanceof ArrayType a && a.elementType() instanceof StringType);
    };
  }

  /**
   * The expression that turns a found column of an accepted type into {@link #target()}.
   * A timestamp string that does not parse becomes null here; validation compares with the raw
   * value to tell "missing" from "unparseable".
   */
  public Column conform(String name, DataType found) {
    Column c = col(name);
    return switch (this) {
      case TIMESTAMP -> found instanceof StringType
          ? org.apache.spark.sql.functions.try_to_timestamp(trim(c))
          : c.cast(DataTypes.TimestampType);
      case STRING_LIST -> found instanceof StringType
          ? transform(split(c, ","), x -> trim(x))
          : c;
      default -> c.cast(target);
    };
  }

  /** A typed null, for an optional column the input does not have. */
  public Column absent() {
    return lit(null).cast(target);
  }
}
