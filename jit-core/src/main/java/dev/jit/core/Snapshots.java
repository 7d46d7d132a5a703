package dev.jit.core;

import dev.jit.core.internal.store.IssueIds;
import dev.jit.core.internal.store.Store;
import dev.jit.core.internal.store.StoreStamp;
import dev.jit.core.model.Issue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whole-store reads for long-running processes (the REST server, the dispatcher) that keep derived data:
 * a {@link Snapshot} is every issue read under one shared lock, tagged with the store's {@link Version}; a
 * later {@link #refresh} re-reads only the issues the event log says changed since, when that is safe.
 */
public final class Snapshots {
    private final Store store;

    Snapshots(Store store) {
        this.store = store;
    }

    /** What a snapshot was read at: equal versions mean nothing was committed in between. */
    public static final class Version {
        private final StoreStamp stamp;

        private Version(StoreStamp stamp) {
            this.stamp = stamp;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Version v && v.stamp.equals(stamp);
        }

        @Override
        public int hashCode() {
            return stamp.hashCode();
        }
    }

    /** Every issue that could be read, in creation order, and the ids the index lists. Immutable. */
    public static final class Snapshot {
        private final Version version;
        private final List<Issue> issues;
        private final List<String> listed;
        private final Map<String, Issue> byId;

        private Snapshot(Version version, List<Issue> issues, List<String> listed) {
            this.version = version;
            this.issues = List.copyOf(issues);
            this.listed = List.copyOf(listed);
            this.byId = new HashMap<>(issues.size() * 2);
            for (Issue i : this.issues) {
                byId.put(i.id(), i);
            }
        }

        public Version version() {
            return version;
        }

        /** The issues, in creation order. */
        public List<Issue> issues() {
            return issues;
        }

        /** The issue with exactly this id, or null. */
        public Issue find(String id) {
            return byId.get(id);
        }

        /** The issue a full id or unique 4+ character prefix names, by the same rule as every command. */
        public Issue resolve(String idOrPrefix) {
            return byId.get(IssueIds.resolve(idOrPrefix, byId.keySet(), byId.containsKey(idOrPrefix)));
        }

        /** Ids the index lists whose file could not be read (damaged, a directory, a link). */
        public List<String> skipped() {
            List<String> out = new ArrayList<>();
            for (String id : listed) {
                if (!byId.containsKey(id)) {
                    out.add(id);
                }
            }
            return out;
        }
    }

    /** The store's version now: four stat calls, no lock. */
    public Version version() {
        return new Version(StoreStamp.of(store.paths()));
    }

    /** Every issue, read under one shared lock. */
    public Snapshot read() {
        return refresh(null, Set.of(), true);
    }

    /**
     * A snapshot as of now that reuses {@code previous}'s unchanged issues: those the events appended since
     * name, and {@code edited} (issues a file watcher saw edited in place), are re-read from their files. A
     * full read happens when {@code reloadAll}, when there is no previous snapshot, or when the log cannot say
     * what changed (it shrank, nothing was logged, or an event names no issue).
     */
    public Snapshot refresh(Snapshot previous, Collection<String> edited, boolean reloadAll) {
        // The stamp is taken under the same shared lock as the data, so the two always agree.
        try (Store.OpenView open = store.openView()) {
            var view = open.view();
            StoreStamp stamp = StoreStamp.of(view.paths());
            Set<String> touched = previous == null || reloadAll ? null : touchedSince(previous.version.stamp, stamp);
            if (touched != null && !edited.isEmpty()) {
                touched = new HashSet<>(touched);
                touched.addAll(edited);
            }
            if (touched == null) {
                // Edited issues first, from their files: the binary cache (keyed on directory stamps, which an
                // in-place edit leaves alone) would hand back their old content.
                for (String id : edited) {
                    view.find(id);
                }
                return new Snapshot(new Version(stamp), view.issues(), view.ids());
            }
            List<Issue> issues = new ArrayList<>();
            for (String id : view.ids()) {
                Issue unchanged = touched.contains(id) ? null : previous.find(id);
                Issue issue = unchanged != null ? unchanged : view.find(id).orElse(null);
                if (issue != null) {
                    issues.add(issue);
                }
            }
            return new Snapshot(new Version(stamp), issues, view.ids());
        }
    }

    /** Ids the events appended between two stamps name, or null when only a full reload is safe. */
    private Set<String> touchedSince(StoreStamp from, StoreStamp to) {
        if (to.equals(from)) {
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
}
