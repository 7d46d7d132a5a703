package dev.jit.server.cache;

import dev.jit.core.Jit;
import dev.jit.core.Snapshots;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps the last {@link Snapshot} while the store is unchanged. Every request compares the store's stamp
 * (a few stat calls) and asks the {@link StoreWatcher} whether files were edited in place (inotify), so writes
 * by other processes and edits made outside jit show up on the next request; this server's own writes
 * also bump a generation counter, so a read after a write here never sees the old snapshot. After a change
 * only the issues named by the new events are re-read (jit-core's services log every issue they touch);
 * anything else falls back to a full reload. A write that changes issues without logging them (today only
 * {@code jit validate --fix}) is seen only when no logged write lands between the same two requests.
 */
public final class SnapshotCache {
    private final Snapshots snapshots;
    private final StoreWatcher watcher;
    private final AtomicLong generation = new AtomicLong();
    private volatile Snapshot current;

    public SnapshotCache(Jit jit) {
        this.snapshots = jit.snapshots();
        this.watcher = new StoreWatcher(jit.dataDir(), jit.dataDir().resolve("issues"));
    }

    public Snapshot get() {
        Snapshot s = current;
        if (s != null && isFresh(s)) {
            return s;
        }
        synchronized (this) {
            s = current;
            if (s != null && isFresh(s)) {
                return s;
            }
            long gen = generation.get();
            // Taken before the read: an edit noticed later is re-read by the next request.
            StoreWatcher.Edits edits = watcher.drain();
            s = new Snapshot(snapshots.refresh(s == null ? null : s.store(), edits.ids(), edits.all()), gen);
            current = s;
            return s;
        }
    }

    /** Call after every write this process makes. */
    public void invalidate() {
        generation.incrementAndGet();
    }

    private boolean isFresh(Snapshot s) {
        return s.generation() == generation.get() && !watcher.pending()
                && s.store().version().equals(snapshots.version());
    }

    /** Stops watching the store. */
    public void close() {
        watcher.close();
    }
}
