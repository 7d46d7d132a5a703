package dev.jit.core;

import dev.jit.core.internal.rules.Transitions;

import dev.jit.core.internal.docs.DocumentCheck;
import dev.jit.core.internal.docs.Git;
import dev.jit.core.internal.log.EventLog;
import dev.jit.core.error.JitException;
import dev.jit.core.events.EventHeader;
import dev.jit.core.events.StoreRepaired;
import dev.jit.core.graph.DependencyGraph;
import dev.jit.core.model.Issue;
import dev.jit.core.model.State;
import dev.jit.core.internal.store.IssueIds;
import dev.jit.core.internal.store.GateRunFiles;
import dev.jit.core.internal.store.Store;
import dev.jit.core.internal.store.StoreLayout;
import dev.jit.core.internal.store.StoreView;
import dev.jit.core.internal.store.Transaction;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a store for every kind of damage at once (not just the first) and, on request, repairs what is
 * safe to repair: rebuilds the index from the files, drops dangling dependency edges, removes leftover temp
 * files and moves issues between backlog and ready to match their dependencies.
 */
public final class Validation {
    private final Store store;

    Validation(Store store) {
        this.store = store;
    }

    /**
     * One problem found.
     *
     * @param code    stable machine-readable kind, e.g. {@code dangling_dependency}
     * @param fixable whether {@code --fix} repairs it
     */
    public record Problem(String code, String message, String issueId, String file, boolean fixable) {
    }

    /** Problems found (before any repair) and the repairs made. */
    public record Report(List<Problem> problems, List<String> repairs) {
        public boolean valid() {
            return problems.isEmpty();
        }

        /** Problems that remain after the repairs. */
        public List<Problem> remaining() {
            return repairs.isEmpty() ? problems : problems.stream().filter(p -> !p.fixable()).toList();
        }
    }

    public Report check() {
        return store.inspect(false, tx -> inspect(tx, null));
    }

    public Report fix() {
        return store.inspect(true, tx -> {
            Report report = inspect(tx, tx);
            if (!report.repairs().isEmpty()) {
                // Readers that follow the event log (the server's snapshot) learn that files changed.
                tx.emit(new StoreRepaired(EventHeader.next(null), report.repairs()));
            }
            return report;
        });
    }

    /** Finds every problem in {@code tx}; with a {@code fixer} (the same transaction) also stages the safe repairs. */
    private Report inspect(Transaction tx, Transaction fixer) {
        boolean fix = fixer != null;
        List<Problem> problems = new ArrayList<>();
        List<String> repairs = new ArrayList<>();
        boolean indexUnreadable = false;
        boolean indexRepairable = true; // false for a directory with content where index.json belongs

        // Entries of the wrong kind (links, directories, FIFOs), an unreadable index, an unusable journal.
        for (StoreLayout.Damage d : tx.damage()) {
            problems.add(new Problem(d.code(), d.message(), null, d.file(), d.fixable()));
            if (d.file().equals("index.json")) {
                indexUnreadable = true;
                indexRepairable &= d.fixable();
            }
            if (fix && d.fixable() && !d.code().equals("index_unreadable")) {
                fixer.repairLayout(d);
                repairs.add("removed " + d.file() + " (" + d.code() + ")"
                        + (d.file().equals(".journal.json") ? ": the interrupted write it recorded is abandoned" : ""));
            }
        }
        // Gate-run records are history: what cannot be read is reported, never repaired. (gate-runs/ itself is a
        // layout entry, reported above.)
        GateRunFiles.readAll(tx.paths(), d -> {
            if (!d.file().equals(GateRunFiles.DIR + "/")) {
                problems.add(new Problem(d.code(), d.message(), null, d.file(), false));
            }
        });
        for (String id : tx.invalidIndexIds()) {
            problems.add(new Problem("invalid_id", "index.json lists '" + id + "', which is not a valid issue id",
                    null, "index.json", true));
        }
        boolean rebuildIndex = indexUnreadable || !tx.invalidIndexIds().isEmpty();

        StoreView.FileScan scan = tx.scanFiles();
        String issuesDir = "issues/";
        scan.unreadable().forEach((id, error) -> problems.add(new Problem("unreadable_file",
                "Cannot read " + issuesDir + id + ".json: " + error, id, issuesDir + id + ".json", false)));
        Set<String> present = new LinkedHashSet<>(scan.readable().keySet());
        present.addAll(scan.unreadable().keySet());
        for (Map.Entry<String, StoreLayout.Damage> wrong : scan.wrongKind().entrySet()) {
            String file = wrong.getKey();
            StoreLayout.Damage d = wrong.getValue();
            String id = issueIdOf(file);
            problems.add(new Problem(d.code(), d.message(), id, file, d.fixable()));
            if (!d.fixable() && id != null) {
                present.add(id); // left in place (a directory with content): its id stays listed
            }
            if (fix && d.fixable()) {
                fixer.removeStray(file);
                repairs.add("removed " + file + " (" + d.code() + ")");
            }
        }
        for (String stray : scan.strayFiles()) {
            boolean temp = stray.endsWith(".tmp");
            problems.add(new Problem(temp ? "leftover_temp_file" : "unexpected_file",
                    (temp ? "Leftover temp file from an interrupted write: " : "Unexpected file: ") + stray,
                    null, stray, temp));
            if (fix && temp) {
                fixer.removeStray(stray);
                repairs.add("removed " + stray);
            }
        }

        // index.json against the files: what --fix writes is the listed ids that still have a file, in their
        // order, then files the index does not list, oldest first (by created_at, then id).
        Set<String> indexed = new LinkedHashSet<>(tx.ids());
        List<String> newIndex = new ArrayList<>();
        for (String id : indexed) {
            if (present.contains(id)) {
                newIndex.add(id);
            } else if (!scan.wrongKind().containsKey(issuesDir + id + ".json")) {
                problems.add(new Problem("missing_file", "index.json lists " + id + " but issues/" + id
                        + ".json does not exist", id, issuesDir + id + ".json", true));
                if (fix) {
                    repairs.add("dropped " + id + " from index.json (no file)");
                }
            }
        }
        List<Issue> unlisted = new ArrayList<>();
        for (Map.Entry<String, Issue> e : scan.readable().entrySet()) {
            if (!indexed.contains(e.getKey())) {
                unlisted.add(e.getValue());
                if (!indexUnreadable) { // else every file would be one
                    problems.add(new Problem("orphan_file", "issues/" + e.getKey() + ".json is not listed in index.json",
                            e.getKey(), issuesDir + e.getKey() + ".json", true));
                    if (fix) {
                        repairs.add("added " + e.getKey() + " to index.json");
                    }
                }
            }
        }
        unlisted.sort(java.util.Comparator.comparing((Issue i) -> i.createdAt() == null ? "" : i.createdAt())
                .thenComparing(Issue::id));
        for (Issue i : unlisted) {
            newIndex.add(i.id());
        }
        if (fix && indexRepairable && (rebuildIndex || !newIndex.equals(List.copyOf(indexed)))) {
            fixer.rebuildIndex(newIndex);
            if (rebuildIndex) {
                repairs.add("rebuilt index.json from issues/ (" + newIndex.size() + " issue(s))");
            }
        }
        // Without an index to commit against (a directory with content where it belongs) no issue is repaired.
        fix &= !indexUnreadable || indexRepairable;

        Map<String, Issue> issues = scan.readable();
        Set<String> known = knownGates(tx, problems);
        for (Issue issue : issues.values()) {
            List<String> dangling = issue.dependencies().stream().filter(d -> !issues.containsKey(d)).toList();
            for (String d : dangling) {
                problems.add(new Problem("dangling_dependency", "Issue " + issue.id() + " depends on " + d
                        + ", which does not exist", issue.id(), null, true));
            }
            if (fix && !dangling.isEmpty()) {
                List<String> kept = new ArrayList<>(issue.dependencies());
                kept.removeAll(dangling);
                fixer.put(issue.withDependencies(kept).withUpdatedAt(Transitions.now()));
                repairs.add("dropped dangling dependencies of " + issue.id() + ": " + String.join(", ", dangling));
            }
            for (String g : issue.gatesRequired()) {
                if (known != null && !known.contains(g)) {
                    problems.add(new Problem("undefined_gate", "Issue " + issue.id() + " requires gate '" + g
                            + "', which is not in the registry", issue.id(), null, false));
                }
            }
        }

        DependencyGraph graph = new DependencyGraph(List.copyOf(issues.values()));
        List<String> cycle = graph.findCycle();
        if (!cycle.isEmpty()) {
            problems.add(new Problem("cycle", "Dependency cycle: " + String.join(" -> ", cycle), cycle.get(0), null,
                    false));
        }

        checkDocuments(tx, issues.values(), problems);

        Transitions transitions = fix ? new Transitions(fixer) : null;
        for (Issue issue : issues.values()) {
            if (issue.assignee() != null) {
                continue;
            }
            // After --fix drops dangling edges, only existing unfinished dependencies still block.
            boolean blocked = fix ? graph.dependencyReasons(issue).stream().anyMatch(r -> !r.status().equals("missing"))
                    : graph.isBlocked(issue);
            if (issue.state() == State.READY && blocked || issue.state() == State.BACKLOG && !blocked) {
                problems.add(new Problem("inconsistent_state", "Issue " + issue.id() + " is " + issue.state().wire()
                        + " but is " + (blocked ? "" : "not ") + "blocked by its dependencies", issue.id(), null, true));
                if (fix && cycle.isEmpty()) {
                    Issue current = tx.find(issue.id()).orElse(issue);
                    transitions.settle(current);
                    repairs.add("moved " + issue.id() + " to " + (blocked ? "backlog" : "ready"));
                }
            }
        }
        checkEventLog(problems);
        return new Report(problems, repairs);
    }

    /** The registry's gate keys, or null (and a problem) when gates.json cannot be read. */
    private static Set<String> knownGates(StoreView tx, List<Problem> problems) {
        try {
            return tx.registry().gates().keySet();
        } catch (JitException e) {
            if (problems.stream().noneMatch(p -> "gates.json".equals(p.file()))) {
                problems.add(new Problem("gates_unreadable", e.getMessage(), null, "gates.json", false));
            }
            return null;
        }
    }

    /** The issue id of {@code issues/<id>.json}, else null. */
    private static String issueIdOf(String relative) {
        String name = relative.substring(relative.indexOf('/') + 1);
        if (!name.endsWith(".json")) {
            return null;
        }
        String id = name.substring(0, name.length() - ".json".length());
        return IssueIds.isValid(id) ? id : null;
    }

    /** Lines of the event log that are not events: readers skip them; not fixable (the log is history). */
    private void checkEventLog(List<Problem> problems) {
        if (problems.stream().anyMatch(p -> "events.jsonl".equals(p.file()))) {
            return; // a link or a directory at events.jsonl: already reported, and its content is not ours to read
        }
        EventLog.MalformedLines bad = store.events().malformedLines();
        if (bad.count() > 0) {
            problems.add(new Problem("malformed_event_lines", bad.count() + " line(s) of events.jsonl are not events "
                    + "(the first at byte " + bad.firstOffset() + "); readers skip them", null, "events.jsonl", false));
        }
    }

    /** Broken document references (not fixable: the right path or commit is for a human to choose). */
    private static void checkDocuments(StoreView view, java.util.Collection<Issue> issues, List<Problem> problems) {
        if (issues.stream().allMatch(i -> i.documents().isEmpty())) {
            return;
        }
        java.util.Optional<Git> git = Git.find(view.paths().dataDir());
        if (git.isEmpty()) {
            issues.stream().filter(i -> !i.documents().isEmpty()).forEach(i -> problems.add(new Problem(
                    "broken_document_reference", "Issue " + i.id() + " references documents, but the store is not "
                    + "inside a git repository", i.id(), null, false)));
            return;
        }
        for (DocumentCheck.Broken b : DocumentCheck.check(git.get(), issues)) {
            problems.add(new Problem("broken_document_reference", "Invalid document reference in issue " + b.issueId()
                    + ": " + b.reason(), b.issueId(), b.reference().path(), false));
        }
    }
}
