package io.virage.lake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local file system without child processes: what it reports is what the OS (read by java.nio) says. */
class NioLocalFileSystemTest {
  @TempDir
  java.nio.file.Path dir;

  private static Configuration conf() {
    Configuration conf = new Configuration(false);
    conf.set("fs.file.impl", NioLocalFileSystem.class.getName());
    conf.set("fs.AbstractFileSystem.file.impl", NioLocalFileSystem.Fs.class.getName());
    conf.setBoolean("fs.file.impl.disable.cache", true);
    return conf;
  }

  @Test
  void permissionsOwnersAndListingsAreTheOnesTheOsHolds() throws Exception {
    FileSystem fs = FileSystem.get(dir.toUri(), conf());
    assertTrue(fs instanceof NioLocalFileSystem, fs.getClass().getName());
    Path file = new Path(dir.toUri().toString(), "a.txt");
    try (FSDataOutputStream out = fs.create(file, new FsPermission((short) 0640), true, 4096, (short) 1, 1 << 20, null)) {
      out.write("hello".getBytes(StandardCharsets.UTF_8));
    }
    java.nio.file.Path local = dir.resolve("a.txt");
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(local)), "created with 0640");

    fs.setPermission(file, new FsPermission((short) 0751));
    assertEquals("rwxr-x--x", PosixFilePermissions.toString(Files.getPosixFilePermissions(local)));

    PosixFileAttributes os = Files.readAttributes(local, PosixFileAttributes.class);
    FileStatus status = fs.getFileStatus(file);
    assertEquals(new FsPermission((short) 0751), status.getPermission());
    assertEquals(os.owner().getName(), status.getOwner());
    assertEquals(os.group().getName(), status.getGroup());
    assertEquals(5, status.getLen());
    assertFalse(status.isDirectory());

    Files.createDirectory(dir.resolve("sub"));
    Files.setPosixFilePermissions(dir.resolve("sub"), PosixFilePermissions.fromString("rwx------"));
    FileStatus[] listed = fs.listStatus(new Path(dir.toUri().toString()));
    // a.txt and sub; the checksum file it wrote beside a.txt is hidden, as Hadoop's LocalFileSystem hides it
    assertTrue(Files.exists(dir.resolve(".a.txt.crc")));
    assertArrayEquals(new String[] {"a.txt", "sub"},
        Arrays.stream(listed).map(s -> s.getPath().getName()).sorted().toArray(String[]::new));
    FileStatus sub = Arrays.stream(listed).filter(s -> s.getPath().getName().equals("sub")).findFirst().orElseThrow();
    assertTrue(sub.isDirectory());
    assertEquals(new FsPermission((short) 0700), sub.getPermission());

    assertThrows(FileNotFoundException.class, () -> fs.getFileStatus(new Path(dir.toUri().toString(), "missing")));
    assertThrows(FileNotFoundException.class, () -> fs.setPermission(new Path(dir.toUri().toString(), "missing"),
        new FsPermission((short) 0600)));
  }

  @Test
  void fileContextRenamesAndSeesLinksWithoutReadlink() throws Exception {
    FileContext fc = FileContext.getFileContext(dir.toUri(), conf());
    Path from = new Path(dir.toUri().toString(), "commit.tmp");
    Path to = new Path(dir.toUri().toString(), "00000000000000000001.json");
    try (FSDataOutputStream out = fc.create(from, java.util.EnumSet.of(org.apache.hadoop.fs.CreateFlag.CREATE))) {
      out.write("{}".getBytes(StandardCharsets.UTF_8));
    }
    fc.rename(from, to, Options.Rename.NONE); // what Delta's log store does to commit
    assertTrue(Files.exists(dir.resolve("00000000000000000001.json")));
    assertFalse(Files.exists(dir.resolve("commit.tmp")));
    assertThrows(org.apache.hadoop.fs.FileAlreadyExistsException.class, () -> {
      try (FSDataOutputStream out = fc.create(from, java.util.EnumSet.of(org.apache.hadoop.fs.CreateFlag.CREATE))) {
        out.write(1);
      }
      fc.rename(from, to, Options.Rename.NONE); // a second writer of the same version loses
    });

    Files.createSymbolicLink(dir.resolve("link"), dir.resolve("00000000000000000001.json"));
    FileStatus link = fc.getFileLinkStatus(new Path(dir.toUri().toString(), "link"));
    assertTrue(link.isSymlink());
    assertEquals(dir.resolve("00000000000000000001.json").toString(), link.getSymlink().toUri().getPath());
    assertFalse(fc.getFileLinkStatus(to).isSymlink());
    assertEquals(dir.resolve("00000000000000000001.json").toString(),
        fc.getLinkTarget(new Path(dir.toUri().toString(), "link")).toUri().getPath());
    assertThrows(java.io.IOException.class, () -> fc.getLinkTarget(to), "not a link");
  }
}
