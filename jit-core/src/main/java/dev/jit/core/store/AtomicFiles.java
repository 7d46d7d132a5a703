package dev.jit.core.store;

import dev.jit.core.CurrentProcess;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Durable file primitives: every write goes to a temp file that is fsynced and renamed into place. */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Writes {@code bytes} to {@code temp} and forces them to disk. */
    public static void writeDurably(Path temp, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
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

    /** As {@link #replace(Path, byte[])}, with the temp file in {@code tempDir} (same file system as target). */
    public static void replace(Path target, byte[] bytes, Path tempDir) throws IOException {
        Path temp = tempDir.resolve(target.getFileName() + "." + CurrentProcess.pid() + "."
                + Thread.currentThread().getId() + ".tmp");
        try {
            writeDurably(temp, bytes);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        syncDirectory(target.getParent());
    }

    /** Makes renames and deletions inside {@code dir} durable. */
    public static void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some file systems refuse to open or sync directories; the rename itself is still atomic.
            if (!Files.isDirectory(dir)) {
                throw e;
            }
        }
    }

    /** Appends bytes at the end of {@code file} (created if absent) and forces them to disk. */
    public static void appendDurably(Path file, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
    }
}
