package dev.jit.core.internal.lock;

import dev.jit.core.internal.CurrentProcess;
import dev.jit.core.error.ErrorCode;
import dev.jit.core.error.JitException;
import dev.jit.core.error.WriteFailure;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
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
 * <p><b>The lock cannot be stolen by deleting or replacing its file.</b> The lock is an inode with two
 * names, {@code .store.lock} and {@code store.lock} (hard links; the second one is what
 * {@code ls .jit/*.lock} shows). A process locks the inode at every name that holds a regular file (one
 * inode normally, two if someone replaced one name), in a fixed order, and then checks that each name
 * still holds one of the inodes it locked, else it lets go and starts over. A holder therefore keeps the
 * lock as long as one of the names still leads to its inode: whoever comes next finds that name and waits
 * on it. A writer repairs a missing or replaced name from the other one (link to a temp name, rename
 * over) while it holds the inodes of both, so one deleted name is harmless; only removing both names
 * while the lock is held lets a newcomer in (it creates a fresh inode).
 *
 * <p>Readers need no write access: the shared lock opens the file read-only, and if there is no lock file
 * and it cannot be created (read-only store, directory of another user), it reads without one. That is
 * safe enough: without a lock file no writer of this store is running either (a writer keeps both names
 * in place), and every single file is replaced atomically, so at worst a reader racing a writer that
 * starts just then sees some files of before and some of after one command, never a torn file.
 *
 * <p>The writer records its pid and command in the lock file so a waiter that times out can say who
 * holds the lock; that note is advisory and skipped when the disk is full.
 */
public final class StoreLock {
    private static final Map<Path, StoreLock> BY_FILE = new ConcurrentHashMap<>();

    /** The lock file's name as the store has always had it. */
    private final Path file;
    /** Its second name: the same inode, without the leading dot. */
    private final Path visible;
    private final ReentrantReadWriteLock threads = new ReentrantReadWriteLock(true);
    private final Object sharedGuard = new Object();
    private Locked shared;
    private int sharedHolders;

    private StoreLock(Path file) {
        this.file = file;
        this.visible = file.resolveSibling(file.getFileName().toString().substring(1));
    }

    /**
     * The one lock object for this lock file in this JVM; {@code file} is either of its names (the dotted
     * one, e.g. {@code .store.lock}, or the visible one, {@code store.lock}).
     */
    public static StoreLock forFile(Path file) {
        String name = file.getFileName().toString();
        Path key = canonical(name.startsWith(".") ? file : file.resolveSibling("." + name));
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
                    if (shared != null) {
                        shared.release();
                    }
                    shared = null;
                }
            }
            threads.readLock().unlock();
        }
    }

    /** The exclusive lock: the file lock, unless the same thread re-entered (then only the thread lock). */
    private final class ExclusiveHold implements Held {
        private final Locked locked;

        ExclusiveHold(Locked locked) {
            this.locked = locked;
        }

        @Override
        public void close() {
            if (locked != null) {
                try {
                    locked.first.truncate(0);
                } catch (IOException ignored) {
                    // the holder note is advisory; the lock itself is released below
                }
                locked.release();
            }
            threads.writeLock().unlock();
        }
    }

    /** The file locks one holder took: on the inode at each name (two only while the names differ). */
    private static final class Locked {
        final FileChannel first;
        final FileLock firstLock;
        FileChannel second;
        FileLock secondLock;

        Locked(FileChannel first, FileLock firstLock) {
            this.first = first;
            this.firstLock = firstLock;
        }

        void release() {
            if (second != null) {
                StoreLock.release(secondLock, second);
            }
            StoreLock.release(firstLock, first);
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
                    shared = lockFile(true, deadline);
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
            return new ExclusiveHold(null); // re-entered by the same thread: file lock already held
        }
        Locked locked;
        try {
            locked = lockFile(false, deadline);
        } catch (RuntimeException e) {
            threads.writeLock().unlock();
            throw e;
        }
        try {
            locked.first.truncate(0);
            locked.first.write(ByteBuffer.wrap((CurrentProcess.pid() + " " + purpose + "\n")
                    .getBytes(StandardCharsets.UTF_8)), 0);
        } catch (IOException ignored) {
            // the note only names the holder in a waiter's timeout message; a full disk may refuse it
        }
        return new ExclusiveHold(locked);
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

    /**
     * Locks the inode at each name (see the class comment), or returns null for a reader that has no lock
     * file and cannot create one.
     */
    private Locked lockFile(boolean shared, long deadline) {
        String kind = shared ? "shared" : "exclusive";
        while (true) {
            Object fileKey = regularFileKey(file);
            Object visibleKey = regularFileKey(visible);
            if (fileKey == null && visibleKey == null) {
                if (!createLockFile(shared)) {
                    return null;
                }
                continue;
            }
            Locked locked = lockAt(fileKey != null ? file : visible, shared, deadline, kind, null);
            if (locked == null) {
                continue;
            }
            if (fileKey != null && visibleKey != null && !fileKey.equals(visibleKey)
                    && lockAt(visible, shared, deadline, kind, locked) == null) {
                continue; // someone replaced one name: hold both (and the second vanished: look again)
            }
            Object fileNow = regularFileKey(file);
            Object visibleNow = regularFileKey(visible);
            if ((fileNow == null && visibleNow == null) || !isOneOf(fileNow, fileKey, visibleKey)
                    || !isOneOf(visibleNow, fileKey, visibleKey)) {
                locked.release(); // the names changed while we waited: what we locked may not be the lock
                continue;
            }
            if (!shared && (fileNow == null || !fileNow.equals(visibleNow))) {
                repair(fileNow == null ? visible : file, fileNow == null ? file : visible);
            }
            return locked;
        }
    }

    private static boolean isOneOf(Object key, Object a, Object b) {
        return key == null || key.equals(a) || key.equals(b);
    }

    /**
     * Opens {@code name} (no-follow) and locks it; with {@code into}, as that holder's second lock. Null
     * (with {@code into} released) if the name vanished since it was looked at.
     */
    private Locked lockAt(Path name, boolean shared, long deadline, String kind, Locked into) {
        FileChannel channel;
        FileLock lock;
        try {
            channel = open(name, shared);
            if (channel == null) {
                if (into != null) {
                    into.release();
                }
                return null;
            }
            try {
                lock = pollFileLock(channel, shared, deadline, kind);
            } catch (RuntimeException e) {
                closeQuietly(channel);
                throw e;
            }
        } catch (RuntimeException e) {
            if (into != null) {
                into.release();
            }
            throw e;
        }
        if (into == null) {
            return new Locked(channel, lock);
        }
        into.second = channel;
        into.secondLock = lock;
        return into;
    }

    /**
     * Creates the lock file under a name that holds nothing, never replacing an entry (a rename over a name
     * could take it from under its holder); false for a reader that may not create it.
     */
    private boolean createLockFile(boolean shared) {
        Path at = exists(file) ? visible : file;
        if (exists(at)) {
            throw notALockFile(); // both names are taken by something that is not a regular file
        }
        try {
            Files.newByteChannel(at, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
            return true;
        } catch (FileAlreadyExistsException e) {
            return true; // someone else created it just now: look again
        } catch (IOException e) {
            if (shared) {
                return false;
            }
            throw ioError(at, e);
        }
    }

    /**
     * Points {@code broken} at the inode of {@code good}, with both inodes locked by this writer: a hard
     * link under a temp name, renamed over the broken name (a symbolic link there is replaced, never
     * followed). Best effort: without the second name the lock still holds, only less robustly.
     */
    private static void repair(Path good, Path broken) {
        Path temp = broken.resolveSibling(broken.getFileName() + "." + CurrentProcess.pid() + ".link");
        try {
            Files.deleteIfExists(temp);
            Files.createLink(temp, good);
            Files.move(temp, broken, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | UnsupportedOperationException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // a stray hard link of the lock file is harmless
            }
        }
    }

    /** The file key of the regular file at {@code name} (not following a link), or null if there is none. */
    private static Object regularFileKey(Path name) {
        try {
            BasicFileAttributes a = Files.readAttributes(name, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return a.isRegularFile() ? a.fileKey() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean exists(Path name) {
        return Files.exists(name, LinkOption.NOFOLLOW_LINKS);
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
                throw ioError(file, e);
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

    /**
     * Read-only for the shared lock (readers need no write access), never following a link; null if the
     * name vanished since it was looked at.
     */
    private FileChannel open(Path name, boolean shared) {
        try {
            return shared ? FileChannel.open(name, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)
                    : FileChannel.open(name, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw shared ? lockFileError(name, e) : ioError(name, e);
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

    /** "pid 1234 (jit issue claim)" when a live writer left its note in the locked file, else "". */
    private String holderDescription() {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer buf = ByteBuffer.allocate(512);
            channel.read(buf, 0);
            String note = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).trim();
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

    private JitException notALockFile() {
        return new JitException(ErrorCode.IO_ERROR, "Neither " + file + " nor " + visible + " is a regular file",
                Map.of("lock_file", file.toString()), List.of("Remove both (they hold no data), then retry"));
    }

    /** A writer that cannot use the lock file: exit 5 naming the path if it is a matter of permission. */
    private JitException ioError(Path name, IOException e) {
        if (WriteFailure.isPermission(e, name.getParent())) {
            return WriteFailure.nothingChanged(e, name.getParent());
        }
        return lockFileError(name, e);
    }

    private static JitException lockFileError(Path name, IOException e) {
        return new JitException(ErrorCode.IO_ERROR, "Cannot use lock file " + name + ": " + e.getMessage(),
                Map.of("lock_file", name.toString()), List.of("Check the store directory and its disk"), e);
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
