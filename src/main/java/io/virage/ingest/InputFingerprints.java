package io.virage.ingest;

import io.virage.schema.InputContract.InputDataset;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.SparkSession;

/**
 * What version of the Parquet inputs a run read, for job_runs.input_versions: per dataset, the data
 * files, their bytes, the latest modification time and a fingerprint (SHA-256 of every file's path
 * relative to the dataset folder, length and modification time). Same files, same fingerprint; any
 * file added, removed or rewritten changes it. Lists file metadata only, reads no data.
 */
public final class InputFingerprints {
  private InputFingerprints() {}

  public static Map<String, Object> of(SparkSession spark, String inputRoot, List<InputDataset> datasets) throws IOException {
    Map<String, Object> out = new LinkedHashMap<>();
    for (InputDataset d : datasets) {
      Path dir = new Path(inputRoot, d.folder());
      FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(dir)) {
        continue;
      }
      List<String> lines = new ArrayList<>();
      long bytes = 0;
      long modified = 0;
      String prefix = fs.makeQualified(dir).toString() + "/";
      RemoteIterator<LocatedFileStatus> files = fs.listFiles(dir, true);
      while (files.hasNext()) {
        LocatedFileStatus f = files.next();
        String name = f.getPath().getName();
        if (name.startsWith("_") || name.startsWith(".")) {
          continue; // _SUCCESS, .crc: not data
        }
        String relative = f.getPath().toString().startsWith(prefix)
            ? f.getPath().toString().substring(prefix.length()) : f.getPath().toString();
        lines.add(relative + "|" + f.getLen() + "|" + f.getModificationTime());
        bytes += f.getLen();
        modified = Math.max(modified, f.getModificationTime());
      }
      java.util.Collections.sort(lines);
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("files", lines.size());
      v.put("bytes", bytes);
      v.put("modified", lines.isEmpty() ? null : Instant.ofEpochMilli(modified).toString());
      v.put("fingerprint", sha256(String.join("\n", lines)).substring(0, 16));
      out.put(d.folder(), v);
    }
    return out;
  }

  /** Total bytes of the data files in {@code of}'s result. */
  public static long totalBytes(Map<String, Object> fingerprints) {
    long total = 0;
    for (Object v : fingerprints.values()) {
      total += ((Number) ((Map<?, ?>) v).get("bytes")).longValue();
    }
    return total;
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
