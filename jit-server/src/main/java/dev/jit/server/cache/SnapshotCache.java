package dev.jit.server.cache;

import dev.jit.core.model.Issue;
import dev.jit.core.store.Store;
import dev.jit.core.store.StoreStamp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
    private final Store store;
    private final StoreWatcher watcher;
    private final AtomicLong generation = new AtomicLong();
    private volatile Snapshot current;

    public SnapshotCache(Store store) {
        this.store = store;
        this.watcher = new StoreWatcher(store.paths().dataDir(), store.paths().issuesDir());
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
            Snapshot previous = s;
            // Taken before the read: an edit noticed later is re-read by the next request.
            StoreWatcher.Edits edits = watcher.drain();
            // The stamp is taken under the same shared lock as the data, so the two always agree.
            s = store.read(view -> {
                StoreStamp stamp = StoreStamp.of(view.paths());
                Set<String> touched = previous == null || edits.all() ? null : touchedSince(previous.stamp(), stamp);
                if (touched != null && !edits.ids().isEmpty()) {
                    touched = new HashSet<>(touched);
                    touched.addAll(edits.ids());
                }
                if (touched == null) {
                    // Edited issues first, from their files: the binary cache (keyed on directory stamps, which
                    // an in-place edit leaves alone) would hand back their old content.
                    edits.ids().forEach(view::find);
                    return new Snapshot(stamp, gen, view.issues(), view.ids());
                }
                List<Issue> issues = new ArrayList<>();
                for (String id : view.ids()) {
                    Issue unchanged = touched.contains(id) ? null : previous.find(id);
                    Issue issue = unchanged != null ? unchanged : view.find(id).orElse(null);
                    if (issue != null) {
                        issues.add(issue);
                    }
                }
                return new Snapshot(stamp, gen, issues, view.ids());
            });
            current = s;
            return s;
        }
    }

    /**
     * Ids of the issues the events appended since {@code from} name, or null when only a full reload is
     * safe: no new events (a change made without the event log), a log that shrank, or an event that names no
     * issue (e.g. removing a gate definition edits every issue that required it).
     */
    private Set<String> touchedSince(StoreStamp from, StoreStamp to) {
        if (to.equals(from)) {
            // Only our generation moved (a write that changed nothing): every issue is as it was.
            return Set.of();
        }
        if (to.eventsSize() <= from.eventsSize() || from.eventsSize() < 0) {
            return null;
        }
        Set<String> touched = new HashSet<>();
        boolean[] complete = {true};
        long end = store.events().readFrom(from.eventsSize(), e -> {
            if (e.issueId() == null) {
                complete[0] = false;
            } else {
                touched.add(e.issueId());
            }
        });
        return complete[0] && end == to.eventsSize() ? touched : null;
    }

    /** Call after every write this process makes. */
    public void invalidate() {
        generation.incrementAndGet();
    }

    private boolean isFresh(Snapshot s) {
        return s.generation() == generation.get() && !watcher.pending() && s.stamp().equals(StoreStamp.of(store.paths()));
    }

    /** Stops watching the store. */
    public void close() {
        watcher.close();
    }
}
