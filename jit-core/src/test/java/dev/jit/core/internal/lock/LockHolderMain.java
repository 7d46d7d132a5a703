package dev.jit.core.internal.lock;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Run in a child JVM by {@link StoreLockTest}: takes the lock on {@code args[0]} ({@code exclusive} or
 * {@code shared} per {@code args[1]}), prints {@code LOCKED}, then sleeps until killed.
 */
public final class LockHolderMain {
    private LockHolderMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        StoreLock lock = StoreLock.forFile(Path.of(args[0]));
        StoreLock.Held held = args[1].equals("shared") ? lock.acquireShared(Duration.ofSeconds(10))
                : lock.acquireExclusive(Duration.ofSeconds(10), "test holder");
        System.out.println("LOCKED");
        System.out.flush();
        Thread.sleep(120_000);
        held.close();
    }
}
