package dev.jit.server.cache;

import dev.jit.core.Issues;
import dev.jit.core.error.JitException;
import dev.jit.core.model.Issue;
import dev.jit.core.model.State;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frees claims whose lease ran out as soon as they fall due, so that a lease lapses on time while jit-server runs
 * even if nothing else touches the store (without a server, the next command that lists ready work does it). One
 * daemon thread: it sleeps until the earliest expiry in the current snapshot, and looks again at least every
 * {@link #LOOK_AGAIN} for leases another process took.
 */
public final class LeaseExpiry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseExpiry.class);
    static final Duration LOOK_AGAIN = Duration.ofSeconds(1);

    private final SnapshotCache cache;
    private final Issues issues;
    private final Thread thread;
    private volatile boolean closed;

    public LeaseExpiry(SnapshotCache cache, Issues issues) {
        this.cache = cache;
        this.issues = issues;
        this.thread = new Thread(this::run, "jit-lease-expiry");
        thread.setDaemon(true);
    }

    public LeaseExpiry start() {
        thread.start();
        return this;
    }

    private void run() {
        while (!closed) {
            try {
                Instant due = earliestExpiry(cache.get());
                Instant now = Instant.now();
                if (due != null && !now.isBefore(due)) {
                    int freed = issues.expireLeases().size();
                    cache.invalidate();
                    if (freed > 0) {
                        LOG.info("freed {} claim(s) whose lease ran out", freed);
                    }
                    continue;
                }
                Duration wait = due == null ? LOOK_AGAIN : Duration.between(now, due);
                Thread.sleep(Math.max(1, Math.min(wait.toMillis() + 1, LOOK_AGAIN.toMillis())));
            } catch (InterruptedException e) {
                return;
            } catch (JitException e) {
                // A busy lock, a full or read-only disk: try again shortly; readers still see the claim.
                LOG.warn("cannot free expired leases yet: {}", e.getMessage());
                sleepQuietly();
            }
        }
    }

    private static Instant earliestExpiry(Snapshot snapshot) {
        Instant earliest = null;
        for (Issue issue : snapshot.issues()) {
            if (issue.lease() != null && issue.state() == State.IN_PROGRESS
                    && (earliest == null || issue.lease().expiry().isBefore(earliest))) {
                earliest = issue.lease().expiry();
            }
        }
        return earliest;
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(LOOK_AGAIN.toMillis());
        } catch (InterruptedException e) {
            closed = true;
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
