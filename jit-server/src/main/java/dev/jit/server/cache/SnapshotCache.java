package dev.jit.server.cache;

import dev.jit.core.store.Store;
import dev.jit.core.store.StoreStamp;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps the last {@link Snapshot} while the store is unchanged. Every request compares the store's stamp
 * (a few stat calls), so writes by other processes show up on the next request; this server's own writes
 * also bump a generation counter, so a read after a write here never sees the old snapshot.
 */
public final class SnapshotCache {
    private final Store store;
    private final AtomicLong generation = new AtomicLong();
    private volatile Snapshot current;

    public SnapshotCache(Store store) {
        this.store = store;
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
            // The stamp is taken under the same shared lock as the data, so the two always agree.
            s = store.read(view -> new Snapshot(StoreStamp.of(view.paths()), gen, view.issues()));
            current = s;
            return s;
        }
    }

    /** Call after every write this process makes. */
    public void invalidate() {
        generation.incrementAndGet();
    }

    private boolean isFresh(Snapshot s) {
        return s.generation() == generation.get() && s.stamp().equals(StoreStamp.of(store.paths()));
    }
}
