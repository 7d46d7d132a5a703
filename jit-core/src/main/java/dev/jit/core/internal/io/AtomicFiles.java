package dev.jit.core.internal.io;

import dev.jit.core.internal.CurrentProcess;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Set;

/**
 * Durable file primitives: every write goes to a temp file that is fsynced and renamed into place. Nothing
 * here follows a symbolic link at the last component of a path or opens anything but a regular file, so a
 * link planted in a store can never make jit read, write or truncate what it points to.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** What a directory entry is, seen without following a link (lstat). */
    public enum Kind {
        ABSENT("does not exist"), FILE("is a regular file"), DIRECTORY("is a directory"),
        LINK("is a symbolic link"), OTHER("is a special file (FIFO, socket or device)");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        /** E.g. "is a symbolic link", to follow a path in a message. */
        public String description() {
            return description;
        }
    }

    /** The kind of the entry at {@code path} itself (a link is reported as a link, never followed). */
    public static Kind kind(Path path) throws IOException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Kind.ABSENT;
        }
        if (a.isSymbolicLink()) {
            return Kind.LINK;
        }
        return a.isDirectory() ? Kind.DIRECTORY : a.isRegularFile() ? Kind.FILE : Kind.OTHER;
    }

    /** A path that holds something other than the regular file expected there. */
    public static final class NotARegularFileException extends FileSystemException {
        private static final long serialVersionUID = 1L;
        private final Kind kind;

        public NotARegularFileException(Path file, Kind kind) {
            super(file.toString(), null, kind.description());
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }
    }

    /**
     * Opens a regular file (or creates it, given {@link StandardOpenOption#CREATE}) without following a link.
     * The kind is checked before opening because opening a FIFO blocks until a writer appears.
     */
    public static FileChannel openRegular(Path file, OpenOption... options) throws IOException {
        Kind kind = kind(file);
        if (kind != Kind.FILE && kind != Kind.ABSENT) {
            throw new NotARegularFileException(file, kind);
        }
        Set<OpenOption> all = new HashSet<>();
        for (OpenOption o : options) {
            all.add(o);
        }
        all.add(LinkOption.NOFOLLOW_LINKS);
        return FileChannel.open(file, all);
    }

    /** The whole content of a regular file; NoSuchFileException when absent, NotARegularFileException else. */
    public static byte[] readRegular(Path file) throws IOException {
        try (FileChannel ch = openRegular(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE - 16) {
                throw new FileSystemException(file.toString(), null, "too large to read (" + size + " bytes)");
            }
            ByteBuffer buf = ByteBuffer.allocate((int) size);
            while (buf.hasRemaining() && ch.read(buf) >= 0) {
                // a file that shrank while being read ends the loop at EOF
            }
            if (buf.hasRemaining()) {
                byte[] out = new byte[buf.position()];
                System.arraycopy(buf.array(), 0, out, 0, out.length);
                return out;
            }
            return buf.array();
        }
    }

    /** Creates {@code temp} (which must not exist: never an existing file, link or FIFO), writes and fsyncs it. */
    public static void writeDurably(Path temp, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
    }

    /** Replaces {@code target} atomically: readers see the old file or the new one, never a mix. */
    public static void replace(Path target, byte[] bytes) throws IOException {
        replace(target, bytes, target.getParent());
    }

    /**
     * As {@link #replace(Path, byte[])}, with the temp file in {@code tempDir} (same file system as target).
     * The rename replaces the entry at {@code target} itself: a link there is replaced, not written through.
     */
    public static void replace(Path target, byte[] bytes, Path tempDir) throws IOException {
        Path temp = tempDir.resolve(target.getFileName() + "." + CurrentProcess.pid() + "."
                + Thread.currentThread().getId() + ".tmp");
        try {
            Files.deleteIfExists(temp); // debris of a crashed process that had the same pid
            writeDurably(temp, bytes);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        syncDirectory(target.getParent());
    }

    /** Makes renames and deletions inside {@code dir} durable. */
    public static void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ch.force(true);
        } catch (IOException e) {
            // Some file systems refuse to open or sync directories; the rename itself is still atomic.
            if (kind(dir) != Kind.DIRECTORY) {
                throw e;
            }
        }
    }

    /** Appends bytes at the end of the regular file {@code file} (created if absent) and forces them to disk. */
    public static void appendDurably(Path file, byte[] bytes) throws IOException {
        try (FileChannel ch = openRegular(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
    }
}
