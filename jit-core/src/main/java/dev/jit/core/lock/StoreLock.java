package dev.jit.core.lock;

import dev.jit.core.CurrentProcess;
import dev.jit.core.error.ErrorCode;
import dev.jit.core.error.JitException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A readers-writer lock on one lock file, valid across processes (OS advisory locks) and across threads
 * of one JVM (a {@link ReentrantReadWriteLock} in front of the file lock, because the JVM refuses two
 * overlapping file locks on one file). The OS drops the file lock when its holder dies, so a crashed
 * process never leaves the store locked.
 *
 * <p>The writer records its pid and command in the lock file so a waiter that times out can say who
 * holds the lock.
 */
public final class StoreLock {
    private static final Map<Path, StoreLock> BY_FILE = new ConcurrentHashMap<>();

    private final Path file;
    private final ReentrantReadWriteLock threads = new ReentrantReadWriteLock(true);
    private final Object sharedGuard = new Object();
    private FileChannel sharedChannel;
    private FileLock sharedLock;
    private int sharedHolders;

    private StoreLock(Path file) {
        this.file = file;
    }

    /** The one lock object for this file in this JVM. */
    public static StoreLock forFile(Path file) {
        Path key = canonical(file);
        StoreLock lock = BY_FILE.get(key);
        if (lock == null) {
            StoreLock created = new StoreLock(key);
            lock = BY_FILE.putIfAbsent(key, created);
            return lock == null ? created : lock;
        }
        return lock;
    }

    /**
     * One key per file however it is reached (relative, {@code ..}, symlinked directory): two lock objects for
     * one file would make the JVM throw OverlappingFileLockException instead of waiting.
     */
    private static Path canonical(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        try {
            return abs.getParent().toRealPath().resolve(abs.getFileName());
        } catch (IOException e) {
            return abs; // no such directory yet: opening the lock file will report it
        }
    }

    public Path file() {
        return file;
    }

    /**
     * Held lock; closing it releases it. The three kinds are classes, not lambdas: a short CLI process that
     * links no lambda at all skips the JVM's method-handle start-up (about 10 ms).
     */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** Nothing to release: a writer reading what it writes. */
    private static final class Nested implements Held {
        @Override
        public void close() {
        }
    }

    /** One of the holders of the shared file lock. */
    private final class SharedHold implements Held {
        @Override
        public void close() {
            synchronized (sharedGuard) {
                if (--sharedHolders == 0) {
                    release(sharedLock, sharedChannel);
                    sharedLock = null;
                    sharedChannel = null;
                }
            }
            threads.readLock().unlock();
        }
    }

    /** The exclusive lock: the file lock, unless the same thread re-entered (then only the thread lock). */
    private final class ExclusiveHold implements Held {
        private final FileChannel channel;
        private final FileLock lock;

        ExclusiveHold(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        @Override
        public void close() {
            if (channel != null) {
                try {
                    channel.truncate(0);
                } catch (IOException ignored) {
                    // the holder note is advisory; the lock itself is released below
                }
                release(lock, channel);
            }
            threads.writeLock().unlock();
        }
    }

    public Held acquireShared(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (threads.isWriteLockedByCurrentThread()) {
            return new Nested(); // a writer may read what it is writing
        }
        tryThreadLock(threads.readLock(), deadline, "shared");
        try {
            synchronized (sharedGuard) {
                if (sharedHolders == 0) {
                    FileChannel channel = open();
                    try {
                        sharedLock = pollFileLock(channel, true, deadline, "shared");
                    } catch (RuntimeException e) {
                        closeQuietly(channel);
                        throw e;
                    }
                    sharedChannel = channel;
                }
                sharedHolders++;
            }
        } catch (RuntimeException e) {
            threads.readLock().unlock();
            throw e;
        }
        return new SharedHold();
    }

    public Held acquireExclusive(Duration timeout, String purpose) {
        if (threads.getReadHoldCount() > 0) {
            throw new IllegalStateException("cannot upgrade a shared store lock to an exclusive one");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        tryThreadLock(threads.writeLock(), deadline, "exclusive");
        if (threads.getWriteHoldCount() > 1) {
            return new ExclusiveHold(null, null); // re-entered by the same thread: file lock already held
        }
        FileChannel channel;
        FileLock lock;
        try {
            channel = open();
            try {
                lock = pollFileLock(channel, false, deadline, "exclusive");
                channel.truncate(0);
                channel.write(ByteBuffer.wrap((CurrentProcess.pid() + " " + purpose + "\n")
                        .getBytes(StandardCharsets.UTF_8)), 0);
            } catch (IOException e) {
                closeQuietly(channel);
                throw ioError(e);
            } catch (RuntimeException e) {
                closeQuietly(channel);
                throw e;
            }
        } catch (RuntimeException e) {
            threads.writeLock().unlock();
            throw e;
        }
        return new ExclusiveHold(channel, lock);
    }

    private void tryThreadLock(java.util.concurrent.locks.Lock lock, long deadline, String kind) {
        try {
            long wait = deadline - System.nanoTime();
            if (!lock.tryLock(Math.max(0, wait), TimeUnit.NANOSECONDS)) {
                throw timeout(kind);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JitException(ErrorCode.LOCK_TIMEOUT, "Interrupted while waiting for lock " + file);
        }
    }

    private FileLock pollFileLock(FileChannel channel, boolean shared, long deadline, String kind) {
        long sleepMillis = 1;
        while (true) {
            try {
                FileLock lock = channel.tryLock(0, Long.MAX_VALUE, shared);
                if (lock != null) {
                    return lock;
                }
            } catch (IOException e) {
                throw ioError(e);
            }
            if (System.nanoTime() >= deadline) {
                throw timeout(kind);
            }
            try {
                Thread.sleep(sleepMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JitException(ErrorCode.LOCK_TIMEOUT, "Interrupted while waiting for lock " + file);
            }
            sleepMillis = Math.min(25, sleepMillis * 2);
        }
    }

    private FileChannel open() {
        try {
            return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw ioError(e);
        }
    }

    private JitException timeout(String kind) {
        String holder = holderDescription();
        String message = "Lock timeout: could not acquire " + kind + " lock on " + file
                + (holder.isEmpty() ? "" : " (held by " + holder + ")");
        return new JitException(ErrorCode.LOCK_TIMEOUT, message, Map.of("lock_file", file.toString(), "holder", holder),
                List.of("Retry, or raise JIT_LOCK_TIMEOUT (seconds, default 5)",
                        "A lock is released as soon as its holder exits; check the process named above"));
    }

    /** "pid 1234 (jit issue claim)" when a live writer left its note in the lock file, else "". */
    private String holderDescription() {
        try {
            String note = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (note.isEmpty()) {
                return "";
            }
            int space = note.indexOf(' ');
            String pid = space < 0 ? note : note.substring(0, space);
            String purpose = space < 0 ? "" : note.substring(space + 1);
            boolean alive = ProcessHandle.of(Long.parseLong(pid)).isPresent();
            return alive ? "pid " + pid + (purpose.isEmpty() ? "" : " (" + purpose + ")") : "";
        } catch (IOException | NumberFormatException e) {
            return "";
        }
    }

    private JitException ioError(IOException e) {
        return new JitException(ErrorCode.IO_ERROR, "Cannot use lock file " + file + ": " + e.getMessage(),
                Map.of("lock_file", file.toString()), List.of("Check that the store directory is writable"), e);
    }

    private static void release(FileLock lock, FileChannel channel) {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel below releases it too
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing more to release
        }
    }
}
