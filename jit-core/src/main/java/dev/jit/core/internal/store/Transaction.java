package dev.jit.core.internal.store;

import dev.jit.core.internal.io.AtomicFiles;

import dev.jit.core.model.JitOptions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jit.core.error.JitException;
import dev.jit.core.events.EventCodec;
import dev.jit.core.events.JitEvent;
import dev.jit.core.model.GateRegistry;
import dev.jit.core.model.Issue;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A view of the store plus the changes a command stages. Reads see staged changes. Nothing reaches
 * disk until the store commits the transaction, which happens only if the command finished without error.
 */
public final class Transaction implements StoreView {
    private final StorePaths paths;
    private final IssueLoader loader;
    private final JitOptions options;
    private final boolean readOnly;

    private StoreFiles.Index index;
    private final LinkedHashSet<String> ids;
    /** Damage a lenient ({@code jit validate}) transaction found instead of failing; empty otherwise. */
    private final List<StoreLayout.Damage> damage = new ArrayList<>();
    /** Whether index.json could not be read: only {@link #rebuildIndex} makes such a transaction committable. */
    private boolean indexUnreadable;
    private final List<StoreLayout.Damage> layoutRepairs = new ArrayList<>();
    private final Map<String, Issue> loaded = new HashMap<>();
    private final Set<String> missing = new HashSet<>();
    private boolean allLoaded;
    private GateRegistry registry;

    private final Map<String, Issue> staged = new LinkedHashMap<>();
    private final Set<String> deleted = new LinkedHashSet<>();
    private boolean indexChanged;
    private boolean registryChanged;
    private DispatchState dispatchState;
    private boolean dispatchStateChanged;
    private final List<ObjectNode> events = new ArrayList<>();
    private final List<java.nio.file.Path> strays = new ArrayList<>();
    private final List<dev.jit.core.model.GateRun> gateRuns = new ArrayList<>();

    /**
     * @param lenient for {@code jit validate}: damage of the store layout and an unreadable index are recorded
     *                in {@link #damage()} (the index then reads as empty) instead of failing the command
     */
    Transaction(StorePaths paths, IssueLoader loader, JitOptions options, boolean readOnly, boolean lenient) {
        this.paths = paths;
        this.loader = loader;
        this.options = options;
        this.readOnly = readOnly;
        StoreFiles.Index read = null;
        if (lenient) {
            damage.addAll(StoreLayout.inspect(paths));
            try {
                read = StoreFiles.readIndex(paths);
            } catch (JitException e) {
                indexUnreadable = true;
                if (StoreLayout.check(paths, StoreLayout.INDEX) == null) { // else reported as a link, say
                    damage.add(new StoreLayout.Damage("index_unreadable", StoreLayout.INDEX.name(), e.getMessage(),
                            true));
                }
                read = new StoreFiles.Index(1, List.of(), List.of(), Map.of());
            }
        } else {
            StoreLayout.require(paths, StoreLayout.ISSUES);
            read = StoreFiles.readIndex(paths);
            if (!read.invalidIds().isEmpty()) {
                options.warnings().accept("ignoring " + read.invalidIds().size() + " invalid id(s) listed in "
                        + paths.index() + " (such as '" + read.invalidIds().get(0) + "'); run 'jit validate --fix'");
            }
        }
        this.index = read;
        this.ids = new LinkedHashSet<>(index.ids());
    }

    /** Damage found by a lenient transaction (see the constructor). */
    public List<StoreLayout.Damage> damage() {
        return List.copyOf(damage);
    }

    void addDamage(List<StoreLayout.Damage> found) {
        damage.addAll(found);
    }

    /** Ids listed in index.json that are not valid ids (never used as paths). */
    public List<String> invalidIndexIds() {
        return index.invalidIds();
    }

    /** Replaces the index with {@code newIds} (valid ids, in order), dropping every invalid entry. */
    public void rebuildIndex(List<String> newIds) {
        requireWritable();
        for (String id : newIds) {
            IssueIds.requireValid(id);
        }
        ids.clear();
        ids.addAll(newIds);
        index = new StoreFiles.Index(index.schemaVersion(), List.of(), List.of(), index.extra());
        indexUnreadable = false;
        indexChanged = true;
    }

    /**
     * Removes a wrongly kinded fixed entry of the store (fixable {@link #damage()}), before the commit's
     * journal is written: a link at {@code tmp/}, say, must be gone before temp files are made there.
     */
    public void repairLayout(StoreLayout.Damage fixable) {
        requireWritable();
        if (!fixable.fixable()) {
            throw new IllegalArgumentException("not fixable: " + fixable);
        }
        layoutRepairs.add(fixable);
    }

    @Override
    public StorePaths paths() {
        return paths;
    }

    /** The actor recorded on events of this transaction (e.g. {@code human:alice}, {@code agent:worker-1}). */
    public String actor() {
        return options.actor();
    }

    @Override
    public List<String> ids() {
        return List.copyOf(ids);
    }

    @Override
    public String resolveId(String idOrPrefix) {
        IssueIds.requireValid(idOrPrefix);
        return IssueIds.resolve(idOrPrefix, ids, ids.contains(idOrPrefix));
    }

    @Override
    public Issue issue(String idOrPrefix) {
        String id = resolveId(idOrPrefix);
        Issue issue = loaded.get(id);
        if (issue != null) {
            return issue;
        }
        try {
            issue = StoreFiles.readIssue(paths.issue(id));
        } catch (StoreFiles.CorruptFileException e) {
            throw e.toJitException();
        }
        if (issue == null) {
            throw JitException.issueNotFound(idOrPrefix);
        }
        loaded.put(id, issue);
        return issue;
    }

    @Override
    public Optional<Issue> find(String id) {
        if (!ids.contains(id) || missing.contains(id)) {
            return Optional.empty();
        }
        Issue issue = loaded.get(id);
        if (issue == null) {
            issue = loader.loadOrWarn(id);
            if (issue == null) {
                missing.add(id);
                return Optional.empty();
            }
            loaded.put(id, issue);
        }
        return Optional.of(issue);
    }

    @Override
    public List<Issue> issues() {
        if (!allLoaded) {
            List<String> toLoad = new ArrayList<>();
            for (String id : ids) {
                if (!loaded.containsKey(id) && !missing.contains(id)) {
                    toLoad.add(id);
                }
            }
            for (Issue issue : loader.loadAll(toLoad)) {
                loaded.put(issue.id(), issue);
            }
            for (String id : toLoad) {
                if (!loaded.containsKey(id)) {
                    missing.add(id);
                }
            }
            allLoaded = true;
        }
        List<Issue> out = new ArrayList<>(ids.size());
        for (String id : ids) {
            Issue issue = loaded.get(id);
            if (issue != null) {
                out.add(issue);
            }
        }
        return out;
    }

    @Override
    public GateRegistry registry() {
        if (registry == null) {
            registry = StoreFiles.readRegistry(paths);
        }
        return registry;
    }

    /** The dispatchers' per-issue state as this transaction sees it (read on first use). */
    @Override
    public DispatchState dispatchState() {
        if (dispatchState == null) {
            StoreLayout.require(paths, StoreLayout.DISPATCH);
            dispatchState = StoreFiles.readDispatchState(paths, options.warnings());
        }
        return dispatchState;
    }

    public void putDispatchState(DispatchState state) {
        requireWritable();
        dispatchState = state;
        dispatchStateChanged = true;
    }

    /** Stages a new issue; it joins the end of the index. */
    public void create(Issue issue) {
        IssueIds.requireValid(issue.id());
        requireWritable();
        if (ids.add(issue.id())) {
            indexChanged = true;
        }
        put(issue);
    }

    /** Stages a changed version of an existing issue. */
    public void put(Issue issue) {
        requireWritable();
        if (!ids.contains(issue.id())) {
            throw new IllegalStateException("put() of unknown issue " + issue.id() + "; use create()");
        }
        loaded.put(issue.id(), issue);
        missing.remove(issue.id());
        staged.put(issue.id(), issue);
        deleted.remove(issue.id());
    }

    public void delete(String id) {
        requireWritable();
        if (ids.remove(id)) {
            indexChanged = true;
        }
        loaded.remove(id);
        staged.remove(id);
        deleted.add(id);
    }

    public void putRegistry(GateRegistry newRegistry) {
        requireWritable();
        registry = newRegistry;
        registryChanged = true;
    }

    /** Stages a new gate-run record, {@code gate-runs/<run_id>/result.json}. */
    public void recordGateRun(dev.jit.core.model.GateRun run) {
        requireWritable();
        paths.gateRun(run.runId()); // a valid run id, or no path at all
        gateRuns.add(run);
    }

    /** Stages an event; the actor of this transaction is recorded when the event does not name one. */
    public void emit(JitEvent event) {
        requireWritable();
        events.add(EventCodec.toJson(event, options.actor()));
    }

    private void requireWritable() {
        if (readOnly) {
            throw new IllegalStateException("write attempted inside a read-only store view");
        }
    }

    /** What is really in {@code issues/}, read from the files (never the cache). */
    @Override
    public FileScan scanFiles() {
        Map<String, Issue> readable = new java.util.TreeMap<>();
        Map<String, String> unreadable = new java.util.TreeMap<>();
        List<String> stray = new ArrayList<>();
        Map<String, StoreLayout.Damage> wrongKind = new java.util.TreeMap<>();
        if (StoreLayout.check(paths, StoreLayout.ISSUES) != null) {
            return new FileScan(readable, unreadable, stray, wrongKind); // reported as layout damage
        }
        try (java.nio.file.DirectoryStream<java.nio.file.Path> files =
                     java.nio.file.Files.newDirectoryStream(paths.issuesDir())) {
            for (java.nio.file.Path file : files) {
                String name = file.getFileName().toString();
                String relative = paths.dataDir().relativize(file).toString();
                boolean issueName = name.endsWith(".json") && IssueIds.isValid(name.substring(0, name.length() - 5));
                StoreLayout.Damage kind = StoreLayout.check(paths.dataDir(), relative, false, false, false);
                if (kind != null && (issueName || kind.fixable())) {
                    wrongKind.put(relative, kind);
                    continue;
                }
                if (!issueName) {
                    stray.add(relative);
                    continue;
                }
                String id = name.substring(0, name.length() - 5);
                try {
                    Issue issue = StoreFiles.readIssue(file);
                    if (issue != null && !issue.id().equals(id)) {
                        unreadable.put(id, "file name says " + id + " but the issue inside has id " + issue.id());
                    } else if (issue != null) {
                        readable.put(id, staged.getOrDefault(id, issue));
                    }
                } catch (StoreFiles.CorruptFileException e) {
                    unreadable.put(id, e.reason());
                }
            }
        } catch (IOException e) {
            throw new JitException(dev.jit.core.error.ErrorCode.IO_ERROR, "Cannot list " + paths.issuesDir() + ": "
                    + e.getMessage());
        }
        return new FileScan(readable, unreadable, stray, wrongKind);
    }

    /**
     * Removes an entry of {@code issues/} that is not part of the store (a temp file left by a crash, a link,
     * a FIFO, an empty directory) as part of the commit; the entry itself, never what a link points to.
     */
    public void removeStray(String relativePath) {
        requireWritable();
        java.nio.file.Path file = paths.dataDir().resolve(relativePath).normalize();
        if (!paths.issuesDir().equals(file.getParent())) {
            throw new IllegalArgumentException("not directly under issues/: " + relativePath);
        }
        strays.add(file);
    }

    /** Issues this transaction writes, by id, in the order staged. */
    Map<String, Issue> writtenIssues() {
        return Collections.unmodifiableMap(staged);
    }

    /** Ids of the issues this transaction deletes. */
    Set<String> deletedIssueIds() {
        return Collections.unmodifiableSet(deleted);
    }

    /** See {@link Journal#commit}: null when applied completely, else what stopped it after its commit point. */
    IOException commit(Journal journal) throws IOException {
        if (indexUnreadable && indexChanged) {
            throw new IllegalStateException("index.json was unreadable: only rebuildIndex() may write it");
        }
        for (StoreLayout.Damage d : layoutRepairs) {
            StoreLayout.remove(paths, d);
        }
        if (!layoutRepairs.isEmpty() && AtomicFiles.kind(paths.issuesDir()) == AtomicFiles.Kind.ABSENT) {
            java.nio.file.Files.createDirectory(paths.issuesDir()); // a link at issues/ was removed
        }
        if (staged.isEmpty() && deleted.isEmpty() && !indexChanged && !registryChanged && !dispatchStateChanged
                && events.isEmpty() && strays.isEmpty() && gateRuns.isEmpty()) {
            return null;
        }
        // Temp files go to tmp/ and events to events.jsonl: neither may be a link (or a FIFO, which blocks).
        StoreLayout.require(paths, StoreLayout.ISSUES);
        StoreLayout.require(paths, StoreLayout.TMP);
        StoreLayout.require(paths, StoreLayout.EVENTS);
        if (!gateRuns.isEmpty()) {
            StoreLayout.require(paths, StoreLayout.GATE_RUNS); // before the commit point: a link there refuses cleanly
        }
        List<Journal.Change> changes = new ArrayList<>();
        for (Issue i : staged.values()) {
            changes.add(new Journal.Change(paths.issue(i.id()), StoreFiles.renderIssue(i)));
        }
        for (String id : deleted) {
            changes.add(new Journal.Change(paths.issue(id), null));
        }
        if (indexChanged) {
            changes.add(new Journal.Change(paths.index(), StoreFiles.renderIndex(
                    new StoreFiles.Index(index.schemaVersion(), List.copyOf(ids), index.invalidIds(), index.extra()))));
        }
        if (registryChanged) {
            changes.add(new Journal.Change(paths.gates(), StoreFiles.renderRegistry(registry)));
        }
        if (dispatchStateChanged) {
            StoreLayout.require(paths, StoreLayout.DISPATCH);
            changes.add(new Journal.Change(paths.dispatch(), StoreFiles.renderDispatchState(dispatchState)));
        }
        for (Path stray : strays) {
            changes.add(new Journal.Change(stray, null));
        }
        for (dev.jit.core.model.GateRun run : gateRuns) {
            changes.add(new Journal.Change(paths.gateRun(run.runId()), GateRunFiles.render(run)));
        }
        return journal.commit(changes, events);
    }
}
