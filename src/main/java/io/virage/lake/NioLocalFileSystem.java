package io.virage.lake;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFs;
import org.apache.hadoop.fs.DelegateToFileSystem;
import org.apache.hadoop.fs.FSLinkResolver;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FsConstants;
import org.apache.hadoop.fs.FsServerDefaults;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.local.LocalConfigKeys;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file system ({@code file:}) with permissions, owners and links read and set
 * through {@code java.nio} instead of a child process per call.
 *
 * <p>Without Hadoop's native library (not shipped in Spark's distribution nor in this jar),
 * {@link RawLocalFileSystem} runs {@code chmod} to set a permission, {@code ls -ld} to read one
 * and {@code readlink} before every rename through {@code FileContext} (Delta's log commits and
 * checksum files): about 790 child processes per demo nightly run, each a fork of the driver's JVM
 * (counted with {@code strace -f -e trace=execve}). Local sessions use this class for
 * {@code fs.file.impl} and {@link Fs} for {@code fs.AbstractFileSystem.file.impl}
 * ({@link io.virage.jobs.SparkSessions}); every other behaviour is Hadoop's own. On a file system
 * without POSIX attributes (Windows) each call falls back to Hadoop's implementation.
 */
public class NioLocalFileSystem extends LocalFileSystem {
  public NioLocalFileSystem() {
    super(new Raw());
  }

  /** The raw (checksum-free) file system underneath, for {@link NioLocalFileSystem} and {@link Fs}. */
  public static class Raw extends RawLocalFileSystem {
    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
      try {
        Files.setPosixFilePermissions(pathToFile(p).toPath(), posix(permission));
      } catch (UnsupportedOperationException e) {
        super.setPermission(p, permission);
      } catch (NoSuchFileException e) {
        throw new FileNotFoundException("File " + p + " does not exist");
      }
    }

    @Override
    public FileStatus getFileStatus(Path f) throws IOException {
      return withAttributes(super.getFileStatus(f));
    }

    @Override
    public FileStatus[] listStatus(Path f) throws IOException {
      FileStatus[] statuses = super.listStatus(f);
      for (int i = 0; i < statuses.length; i++) {
        statuses[i] = withAttributes(statuses[i]);
      }
      return statuses;
    }

    /** As {@link RawLocalFileSystem#getFileLinkStatus}, with the link read by {@code java.nio}. */
    @Override
    public FileStatus getFileLinkStatus(Path f) throws IOException {
      java.nio.file.Path p = pathToFile(f).toPath();
      String target;
      try {
        target = Files.isSymbolicLink(p) ? Files.readSymbolicLink(p).toString() : "";
      } catch (UnsupportedOperationException e) {
        return super.getFileLinkStatus(f);
      }
      FileStatus fi;
      try {
        FileStatus fs = getFileStatus(f);
        if (target.isEmpty()) {
          return fs; // a file or directory
        }
        fi = new FileStatus(fs.getLen(), false, fs.getReplication(), fs.getBlockSize(), fs.getModificationTime(),
            fs.getAccessTime(), fs.getPermission(), fs.getOwner(), fs.getGroup(), new Path(target), f);
      } catch (FileNotFoundException e) {
        if (target.isEmpty()) {
          throw e;
        }
        fi = new FileStatus(0, false, 0, 0, 0, 0, FsPermission.getDefault(), "", "", new Path(target), f); // dangling
      }
      fi.setSymlink(FSLinkResolver.qualifySymlinkTarget(getUri(), fi.getPath(), fi.getSymlink()));
      return fi;
    }

    @Override
    public Path getLinkTarget(Path f) throws IOException {
      FileStatus fi = getFileLinkStatus(f);
      if (!fi.isSymlink()) {
        throw new IOException("Path " + f + " is not a symbolic link"); // Hadoop's own message
      }
      return fi.getSymlink();
    }

    /** The status with its permission, owner and group filled in now, from one attribute read. */
    private FileStatus withAttributes(FileStatus s) throws IOException {
      PosixFileAttributes a;
      try {
        a = Files.readAttributes(pathToFile(s.getPath()).toPath(), PosixFileAttributes.class);
      } catch (UnsupportedOperationException e) {
        return s;
      } catch (NoSuchFileException e) {
        return s; // gone since it was listed, or a dangling link: Hadoop's own status, as before
      }
      return new FileStatus(s.getLen(), s.isDirectory(), s.getReplication(), s.getBlockSize(),
          s.getModificationTime(), s.getAccessTime(), fsPermission(a.permissions()), a.owner().getName(),
          a.group().getName(), s.getPath());
    }
  }

  /** {@code FileContext}'s view of {@link NioLocalFileSystem}, as Hadoop's {@code LocalFs} is of its own. */
  public static class Fs extends ChecksumFs {
    public Fs(URI uri, Configuration conf) throws IOException, URISyntaxException {
      super(new RawFs(uri, conf));
    }
  }

  /** As Hadoop's {@code RawLocalFs}, over {@link Raw}. */
  static class RawFs extends DelegateToFileSystem {
    RawFs(URI uri, Configuration conf) throws IOException, URISyntaxException {
      super(uri, new Raw(), conf, FsConstants.LOCAL_FS_URI.getScheme(), false);
    }

    @Override
    public int getUriDefaultPort() {
      return -1;
    }

    @Override
    public FsServerDefaults getServerDefaults(Path f) throws IOException {
      return LocalConfigKeys.getServerDefaults();
    }

    @Override
    @Deprecated
    public FsServerDefaults getServerDefaults() throws IOException {
      return LocalConfigKeys.getServerDefaults();
    }

    @Override
    public boolean isValidName(String src) {
      return true;
    }
  }

  static Set<PosixFilePermission> posix(FsPermission permission) {
    // PosixFilePermission is declared from OWNER_READ (0400) down to OTHERS_EXECUTE (0001).
    short mode = permission.toShort();
    Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
    for (PosixFilePermission p : PosixFilePermission.values()) {
      if ((mode & (0400 >> p.ordinal())) != 0) {
        out.add(p);
      }
    }
    return out;
  }

  static FsPermission fsPermission(Set<PosixFilePermission> permissions) {
    int mode = 0;
    for (PosixFilePermission p : permissions) {
      mode |= 0400 >> p.ordinal();
    }
    return new FsPermission((short) mode);
  }
}
