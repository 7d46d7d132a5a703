package dev.jit.core.service;

import dev.jit.core.docs.DocumentCheck;
import dev.jit.core.docs.Git;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jit.core.events.Event;
import dev.jit.core.events.EventLog;
import dev.jit.core.events.EventTypes;
import dev.jit.core.graph.DependencyGraph;
import dev.jit.core.json.Json;
import dev.jit.core.model.Issue;
import dev.jit.core.model.State;
import dev.jit.core.store.Store;
import dev.jit.core.store.StoreView;
import dev.jit.core.store.Transaction;
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
public final class ValidationService {
    private final Store store;

    public ValidationService(Store store) {
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
        return store.read(view -> inspect(view, null));
    }

    public Report fix() {
        return store.write("validate --fix", tx -> {
            Report report = inspect(tx, tx);
            if (!report.repairs().isEmpty()) {
                // Readers that follow the event log (the server's snapshot) learn that files changed.
                ObjectNode e = Event.create(EventTypes.STORE_REPAIRED, null);
                e.set("repairs", Json.toTree(report.repairs()));
                tx.emit(e);
            }
            return report;
        });
    }

    /** Finds every problem in {@code view}; with a {@code fixer} transaction also stages the safe repairs. */
    private Report inspect(StoreView tx, Transaction fixer) {
        boolean fix = fixer != null;
        List<Problem> problems = new ArrayList<>();
        List<String> repairs = new ArrayList<>();
        StoreView.FileScan scan = tx.scanFiles();
        Set<String> indexed = new LinkedHashSet<>(tx.ids());
        String issuesDir = "issues/";

        scan.unreadable().forEach((id, error) -> problems.add(new Problem("unreadable_file",
                "Cannot read " + issuesDir + id + ".json: " + error, id, issuesDir + id + ".json", false)));
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
        for (String id : indexed) {
            if (!scan.readable().containsKey(id) && !scan.unreadable().containsKey(id)) {
                problems.add(new Problem("missing_file", "index.json lists " + id + " but issues/" + id
                        + ".json does not exist", id, issuesDir + id + ".json", true));
                if (fix) {
                    fixer.delete(id);
                    repairs.add("dropped " + id + " from index.json (no file)");
                }
            }
        }
        for (Map.Entry<String, Issue> e : scan.readable().entrySet()) {
            if (!indexed.contains(e.getKey())) {
                problems.add(new Problem("orphan_file", "issues/" + e.getKey() + ".json is not listed in index.json",
                        e.getKey(), issuesDir + e.getKey() + ".json", true));
                if (fix) {
                    fixer.create(e.getValue());
                    repairs.add("added " + e.getKey() + " to index.json");
                }
            }
        }

        Map<String, Issue> issues = scan.readable();
        Set<String> known = tx.registry().gates().keySet();
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
                if (!known.contains(g)) {
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

    /** Lines of the event log that are not events: readers skip them; not fixable (the log is history). */
    private void checkEventLog(List<Problem> problems) {
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
