package dev.jit.dispatch.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns SIGTERM/SIGINT into a graceful stop that exits 0: the JVM runs shutdown hooks on those signals, so
 * the hook asks the dispatcher to stop, waits for it to finish, and then ends the process with status 0
 * (a JVM that exits on a signal would otherwise report 143). A normal exit skips all this.
 */
public final class GracefulExit {
    private static volatile boolean normalExit;
    private final CountDownLatch finished = new CountDownLatch(1);

    private GracefulExit() {
    }

    /** Installs the hook; {@code stop} is called on a signal, and the process waits at most {@code bound}. */
    static GracefulExit install(Runnable stop, Duration bound) {
        GracefulExit g = new GracefulExit();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (normalExit) {
                return;
            }
            stop.run();
            try {
                g.finished.await(bound.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException ignored) {
                // exit anyway
            }
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(0);
        }, "jit-dispatch-shutdown"));
        return g;
    }

    /** Called when the command's work is over, signal or not. */
    void finished() {
        finished.countDown();
    }

    /** Called by main before System.exit so the hook lets the normal exit status through. */
    public static void exitingNormally() {
        normalExit = true;
    }
}
