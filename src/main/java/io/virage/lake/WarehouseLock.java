package io.virage.lake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One writer per warehouse: every command that writes tables holds {@code <warehouse>/_virage.lock}
 * while it runs, and a second one fails fast ({@link WarehouseBusyException}, exit code 4) naming
 * the holder. The file is created exclusively (O_EXCL on a local disk, HDFS's create-if-absent
 * elsewhere; object stores without an atomic create-if-absent, such as S3, only narrow the race).
 * A lock left by a process that died on this same host is taken over, with a warning; one from
 * another host must be removed by hand once its process is known dead (the message says how).
 * Readers ({@code sql}, {@code report}, {@code status}) take no lock: Delta gives them a consistent version.
 */
public final class WarehouseLock implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WarehouseLock.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  public static final String FILE = "_virage.lock";

  private final FileSystem fs;
  private final Path path;
  private final String token;

  private WarehouseLock(FileSystem fs, Path path, String token) {
    this.fs = fs;
    this.path = path;
    this.token = token;
  }

  /** Thrown when another live process holds the warehouse. */
  public static final class WarehouseBusyException extends RuntimeException {
    public WarehouseBusyException(String message) {
      super(message);
    }
  }

  /** Takes the warehouse for {@code command}, or fails fast if another live process holds it. */
  public static WarehouseLock acquire(SparkSession spark, String warehouse, String command) {
    Path root = new Path(warehouse);
    Path path = new Path(root, FILE);
    try {
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      fs.mkdirs(root);
      String token = UUID.randomUUID().toString();
      Map<String, Object> holder = new LinkedHashMap<>();
      holder.put("command", command);
      holder.put("pid", ProcessHandle.current().pid());
      holder.put("host", host());
      holder.put("started_at", Instant.now().toString());
      holder.put("token", token);
      byte[] content = JSON.writeValueAsBytes(holder);
      for (int attempt = 0; attempt < 2; attempt++) {
        if (createExclusively(fs, path, content)) {
          return new WarehouseLock(fs, path, token);
        }
        JsonNode held = read(fs, path);
        if (held == null) {
          continue; // released between our attempt and the read
        }
        if (host().equals(held.path("host").asText()) && ProcessHandle.of(held.path("pid").asLong()).isEmpty()) {
          LOG.warn("warehouse lock {} was left by {} (pid {}), which is no longer running: taking it over", path,
              held.path("command").asText(), held.path("pid").asLong());
          fs.delete(path, false);
          continue;
        }
        throw new WarehouseBusyException("warehouse " + warehouse + " is in use by '" + held.path("command").asText()
            + "' (pid " + held.path("pid").asLong() + " on " + held.path("host").asText() + ", since "
            + held.path("started_at").asText() + "); retry when it ends, or, if that process is dead, delete " + path);
      }
      throw new WarehouseBusyException("warehouse " + warehouse + ": could not take " + path + " (contended)");
    } catch (IOException e) {
      throw new Lakehouse.LakehouseUnwritableException("warehouse " + warehouse + " is not writable: cannot create "
          + path + ": " + e.getMessage(), e);
    }
  }

  /** Who holds the warehouse, as JSON text, or null when it is free. */
  public static String holder(SparkSession spark, String warehouse) throws IOException {
    Path path = new Path(new Path(warehouse), FILE);
    JsonNode held = read(path.getFileSystem(spark.sparkContext().hadoopConfiguration()), path);
    return held == null ? null : held.toString();
  }

  @Override
  public void close() {
    try {
      JsonNode held = read(fs, path);
      if (held != null && token.equals(held.path("token").asText())) {
        fs.delete(path, false);
      }
    } catch (IOException e) {
      LOG.warn("could not release warehouse lock {}: {}", path, e.getMessage());
    }
  }

  private static boolean createExclusively(FileSystem fs, Path path, byte[] content) throws IOException {
    if ("file".equals(fs.getUri().getScheme())) {
      java.nio.file.Path local = java.nio.file.Path.of(path.toUri().getPath());
      try {
        Files.write(local, content, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
        return true;
      } catch (FileAlreadyExistsException e) {
        return false;
      }
    }
    try (OutputStream out = fs.create(path, false)) {
      out.write(content);
      return true;
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
      return false;
    }
  }

  private static JsonNode read(FileSystem fs, Path path) throws IOException {
    try (var in = fs.open(path)) {
      return JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (java.io.FileNotFoundException e) {
      return null;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return JSON.createObjectNode().put("command", "unknown (unreadable lock file)");
    }
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown-host";
    }
  }
}
