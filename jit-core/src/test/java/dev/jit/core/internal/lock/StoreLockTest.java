package dev.jit.core.internal.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jit.core.TestStores;
import dev.jit.core.error.ErrorCode;
import dev.jit.core.error.JitException;
import dev.jit.core.Issues;
import dev.jit.core.model.JitOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreLockTest {
    private static final Duration SHORT = Duration.ofMillis(300);

    @TempDir
    Path tmp;

    private final ExecutorService pool = Executors.newCachedThreadPool();
    private Process child;

    @AfterEach
    void tearDown() throws InterruptedException {
        pool.shutdownNow();
        if (child != null) {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private StoreLock lock() {
        return StoreLock.forFile(tmp.resolve(".store.lock"));
    }

    private static void assertTimeout(Runnable attempt, String... messageParts) {
        assertThatThrownBy(attempt::run).isInstanceOfSatisfying(JitException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.LOCK_TIMEOUT);
            assertThat(e.getMessage()).startsWith("Lock timeout").contains(messageParts);
        });
    }

    @Test
    void oneLockObjectPerFile() {
        assertThat(StoreLock.forFile(tmp.resolve("x/../.store.lock"))).isSameAs(lock());
    }

    /** The same store reached through a symlink (e.g. JIT_DATA_DIR=/var/lib/jit -> /srv/jit) is one lock. */
    @Test
    void pathsThroughASymlinkShareOneLock() throws Exception {
        Path real = java.nio.file.Files.createDirectories(tmp.resolve("real"));
        Path link = java.nio.file.Files.createSymbolicLink(tmp.resolve("link"), real);
        StoreLock viaReal = StoreLock.forFile(real.resolve(".store.lock"));
        StoreLock viaLink = StoreLock.forFile(link.resolve(".store.lock"));
        StoreLock.Held w = viaReal.acquireExclusive(SHORT, "writer");
        try {
            Future<?> other = pool.submit(() -> {
                assertTimeout(() -> viaLink.acquireExclusive(SHORT, "other"), "exclusive");
                assertTimeout(() -> viaLink.acquireShared(SHORT), "shared");
                return null;
            });
            other.get();
        } finally {
            w.close();
        }
        StoreLock.Held r1 = viaLink.acquireShared(SHORT);
        pool.submit(() -> viaReal.acquireShared(SHORT).close()).get();
        r1.close();
    }

    @Test
    void sharedHoldersCoexistAcrossThreads() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Future<?> reader = pool.submit(() -> {
            StoreLock.Held h = lock().acquireShared(SHORT);
            held.countDown();
            done.await();
            h.close();
            return null;
        });
        held.await();
        lock().acquireShared(SHORT).close();
        assertTimeout(() -> lock().acquireExclusive(SHORT, "w"), tmp.resolve(".store.lock").toString());
        done.countDown();
        reader.get();
        lock().acquireExclusive(SHORT, "w").close();
    }

    @Test
    void exclusiveExcludesOtherThreadsAndNamesTheHolder() throws Exception {
        long pid = ProcessHandle.current().pid();
        StoreLock.Held w = lock().acquireExclusive(SHORT, "jit issue claim");
        try {
            Future<?> other = pool.submit(() -> {
                assertTimeout(() -> lock().acquireShared(SHORT), tmp.resolve(".store.lock").toString(),
                        "held by pid " + pid + " (jit issue claim)");
                assertTimeout(() -> lock().acquireExclusive(SHORT, "x"), "exclusive", "pid " + pid);
                return null;
            });
            other.get();
            // The holder may re-enter and read what it writes.
            lock().acquireExclusive(SHORT, "nested").close();
            lock().acquireShared(SHORT).close();
        } finally {
            w.close();
        }
        assertThat(pool.submit(() -> {
            lock().acquireExclusive(SHORT, "after").close();
            return true;
        }).get()).isTrue();
    }

    @Test
    void writersAreMutuallyExclusiveAcrossThreads() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        Future<?>[] fs = new Future<?>[6];
        for (int t = 0; t < fs.length; t++) {
            fs[t] = pool.submit(() -> {
                for (int i = 0; i < 30; i++) {
                    StoreLock.Held h = lock().acquireExclusive(Duration.ofSeconds(20), "w");
                    maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    Thread.onSpinWait();
                    inside.decrementAndGet();
                    h.close();
                }
                return null;
            });
        }
        for (Future<?> f : fs) {
            f.get();
        }
        assertThat(maxInside.get()).isEqualTo(1);
    }

    @Test
    void sharedCannotBeUpgraded() {
        StoreLock.Held r = lock().acquireShared(SHORT);
        assertThatThrownBy(() -> lock().acquireExclusive(SHORT, "upgrade")).isInstanceOf(IllegalStateException.class);
        r.close();
        lock().acquireExclusive(SHORT, "fine now").close();
    }

    private long startHolder(String mode) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LockHolderMain.class.getName(), tmp.resolve(".store.lock").toString(), mode)
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).as("child output").isEqualTo("LOCKED");
        return child.pid();
    }

    @Test
    void lockHeldByAnotherProcessTimesOutAndIsFreedWhenItIsKilled() throws Exception {
        long pid = startHolder("exclusive");

        assertTimeout(() -> lock().acquireExclusive(SHORT, "me"), tmp.resolve(".store.lock").toString(),
                "pid " + pid + " (test holder)");
        assertTimeout(() -> lock().acquireShared(SHORT), "shared", "pid " + pid);
        // Through the store, with the timeout a user sets in JIT_LOCK_TIMEOUT.
        Duration fromEnv = JitOptions.lockTimeoutFrom(Map.of("JIT_LOCK_TIMEOUT", "0.3"));
        TestStores.Opened s = TestStores.init(tmp, "test:unit", fromEnv);
        assertThatThrownBy(() -> s.jit().issues()
                .create(new Issues.NewIssue("x", null, null, null, null, null)))
                .isInstanceOfSatisfying(JitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.LOCK_TIMEOUT);
                    assertThat(e.details()).containsEntry("lock_file", tmp.resolve(".store.lock").toString());
                    assertThat(e.getMessage()).contains("pid " + pid);
                });

        child.destroyForcibly();
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();

        // No stale lock: the OS released it with the process, so it is free at once (no waiting for a timeout).
        lock().acquireExclusive(SHORT, "me").close();
        s.jit().issues().create(new Issues.NewIssue("x", null, null, null, null, null));
    }

    @Test
    void aHeldLockSurvivesItsFileBeingDeletedOrReplaced() throws Exception {
        lock().acquireExclusive(SHORT, "first").close(); // creates the lock with both of its names
        assertThat(fileKey("store.lock")).isEqualTo(fileKey(".store.lock"));
        startHolder("exclusive");

        Files.delete(tmp.resolve(".store.lock"));
        assertTimeout(() -> lock().acquireExclusive(SHORT, "me"), "exclusive");
        Files.writeString(tmp.resolve(".store.lock"), "a new file under the old name");
        assertTimeout(() -> lock().acquireExclusive(SHORT, "me"), "exclusive");
        assertTimeout(() -> lock().acquireShared(SHORT), "shared");

        child.destroyForcibly();
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        lock().acquireExclusive(SHORT, "me").close();
        // The writer repaired the names: one inode again, so deleting either stays harmless.
        assertThat(fileKey("store.lock")).isEqualTo(fileKey(".store.lock"));
    }

    private Object fileKey(String name) throws IOException {
        return Files.readAttributes(tmp.resolve(name), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
    }

    @Test
    void sharedLockOfAnotherProcessAdmitsReadersButNotWriters() throws Exception {
        startHolder("shared");
        lock().acquireShared(SHORT).close();
        assertTimeout(() -> lock().acquireExclusive(SHORT, "me"), "exclusive");
        child.destroyForcibly();
        child.waitFor(10, TimeUnit.SECONDS);
        lock().acquireExclusive(Duration.ofSeconds(2), "me").close();
    }

    @Test
    void lockTimeoutFromEnvironment() {
        assertThat(JitOptions.lockTimeoutFrom(Map.of())).isEqualTo(Duration.ofSeconds(5));
        assertThat(JitOptions.lockTimeoutFrom(Map.of("JIT_LOCK_TIMEOUT", "12"))).isEqualTo(Duration.ofSeconds(12));
        assertThat(JitOptions.lockTimeoutFrom(Map.of("JIT_LOCK_TIMEOUT", "0.5"))).isEqualTo(Duration.ofMillis(500));
        assertThat(JitOptions.lockTimeoutFrom(Map.of("JIT_LOCK_TIMEOUT", "soon"))).isEqualTo(Duration.ofSeconds(5));
        assertThat(JitOptions.lockTimeoutFrom(Map.of("JIT_LOCK_TIMEOUT", "-1"))).isEqualTo(Duration.ofSeconds(5));
    }
}
