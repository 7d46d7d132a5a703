package dev.jit.server.webhooks;

import dev.jit.core.error.ErrorCode;
import dev.jit.core.error.JitException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code <store>/cache/webhooks/}: the server's webhook state (endpoints made through the API, with their
 * secrets, and each endpoint's cursor and delivery log). {@code cache/} is the store's git-ignored directory for
 * local files that are not history (jit init ignores it, backups leave it out, {@code jit validate} does not
 * look inside); this directory also carries its own {@code .gitignore} of {@code *}, so its files stay untracked
 * even in a store whose ignore file lacks {@code cache/}. As everywhere in the store nothing is followed: the two
 * directories must be real directories, files are read only when they are regular files, and each write goes to
 * an exclusively created temp file (owner-only permissions) that is fsynced and renamed over the entry itself.
 */
final class StateDir {
    private static final String IGNORE_ALL = "# jit-server's webhook state (it holds secrets): never tracked\n*\n";

    private final Path dir;

    private StateDir(Path dir) {
        this.dir = dir;
    }

    /** Opens (creating) the directory; CORRUPT_DATA if it or {@code cache/} is a link or not a directory. */
    static StateDir open(Path dataDir) {
        Path cache = dataDir.resolve("cache");
        Path dir = cache.resolve("webhooks");
        try {
            requireDirectory(dataDir, cache);
            requireDirectory(dataDir, dir);
            StateDir state = new StateDir(dir);
            if (state.read(".gitignore") == null) {
                state.write(".gitignore", IGNORE_ALL.getBytes(StandardCharsets.UTF_8));
            }
            return state;
        } catch (IOException e) {
            throw new JitException(ErrorCode.IO_ERROR, "Cannot use the webhook state directory "
                    + dataDir.relativize(dir) + ": " + e.getMessage(), Map.of(), List.of());
        }
    }

    private static void requireDirectory(Path dataDir, Path path) throws IOException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            try {
                Files.createDirectory(path);
            } catch (FileAlreadyExistsException raced) {
                // made by another writer meanwhile (the issue cache): checked below
            }
            a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        }
        if (!a.isDirectory()) {
            String entry = dataDir.relativize(path) + "/";
            throw new JitException(ErrorCode.CORRUPT_DATA, "Store entry " + entry + " is "
                    + (a.isSymbolicLink() ? "a symbolic link" : "not a directory") + ": jit-server keeps its webhook "
                    + "state there and never follows links inside a store", Map.of("file", entry),
                    List.of("Remove that entry (only the link itself), then start jit-server again: it makes the "
                            + "directory"));
        }
    }

    /** The file's bytes, or null when it does not exist; a link or special file there is an error. */
    byte[] read(String name) throws IOException {
        Path file = dir.resolve(name);
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
        if (!a.isRegularFile()) {
            throw new IOException(dir.getFileName() + "/" + name + " is not a regular file");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            return Channels.newInputStream(ch).readAllBytes();
        }
    }

    /** Replaces the file atomically and durably: a crash leaves the old content or the new, never a mix. */
    void write(String name, byte[] bytes) {
        Path target = dir.resolve(name);
        Path temp = dir.resolve("." + name + "." + ProcessHandle.current().pid() + "." + Thread.currentThread().getId()
                + ".tmp");
        try {
            Files.deleteIfExists(temp); // a leftover of this pid and thread from a crashed run
            try (FileChannel ch = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")))) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            syncDirectory();
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the write already failed; that is what is reported
            }
            throw new UncheckedIOException("cannot write " + dir.getFileName() + "/" + name + ": " + e.getMessage(), e);
        }
    }

    void delete(String name) {
        try {
            Files.deleteIfExists(dir.resolve(name));
            syncDirectory();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Names of the regular files ending in {@code suffix}. */
    List<String> list(String suffix) throws IOException {
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*" + suffix)) {
            for (Path p : entries) {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    out.add(p.getFileName().toString());
                }
            }
        }
        return out;
    }

    Path path() {
        return dir;
    }

    private void syncDirectory() throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
