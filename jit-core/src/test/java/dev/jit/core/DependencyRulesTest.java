package dev.jit.core;

import dev.jit.core.model.StateChange;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jit.core.error.ErrorCode;
import dev.jit.core.model.Issue;
import dev.jit.core.model.State;
import java.util.List;
import org.junit.jupiter.api.Test;

/** dep add / dep rm: cycles, redundancy, transitive reduction and the ready/backlog moves they cause. */
class DependencyRulesTest extends ServiceTestBase {

    @Test
    void addMakesAReadyIssueWaitInBacklog() {
        Issue a = create("A");
        Issue b = create("B");
        long m = mark();
        Dependencies.DepResult r = deps.add(a.id().substring(0, 6), b.id().substring(0, 6));
        assertThat(r.status()).isEqualTo(Dependencies.AddStatus.ADDED);
        assertThat(r.from().dependencies()).containsExactly(b.id());
        assertThat(r.from().state()).isEqualTo(State.BACKLOG);
        assertThat(r.stateChanges()).containsExactly(new StateChange(a.id(), State.READY, State.BACKLOG));
        assertThat(eventsSince(m)).containsExactly("dependency_added A", "issue_state_changed A ready->backlog");
        assertThat(store.events().tail(2).get(0).json().get("dependency_id").asText()).isEqualTo(b.id());
        assertThat(query.show(a.id()).blocked()).isTrue();
    }

    @Test
    void addOnAClosedDependencyOrAStartedIssueChangesNoState() {
        Issue a = create("A");
        Issue done = create("done");
        finish(done);
        assertThat(deps.add(a.id(), done.id()).from().state()).isEqualTo(State.READY);
        Issue b = create("B");
        Issue c = create("C");
        issues.claim(b.id(), "agent:w");
        long m = mark();
        assertThat(deps.add(b.id(), c.id()).from().state()).isEqualTo(State.IN_PROGRESS);
        assertThat(eventsSince(m)).containsExactly("dependency_added B");
    }

    @Test
    void cyclesAreRefusedAndNothingChanges() throws Exception {
        Issue a = create("A");
        Issue b = create("B");
        Issue c = create("C");
        deps.add(a.id(), b.id());
        deps.add(b.id(), c.id());
        assertFailsUnchanged(ErrorCode.CYCLE_DETECTED, () -> deps.add(c.id(), a.id()), "cycle", c.id(), a.id());
        assertFailsUnchanged(ErrorCode.CYCLE_DETECTED, () -> deps.add(b.id(), a.id()), "cycle");
        assertThat(ErrorCode.CYCLE_DETECTED.exitCode()).isEqualTo(4);
    }

    @Test
    void selfDependencyIsACycle() throws Exception {
        Issue a = create("A");
        assertFailsUnchanged(ErrorCode.CYCLE_DETECTED, () -> deps.add(a.id(), a.id()));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> deps.add(a.id(), a.id().substring(0, 4)))
                .isInstanceOfSatisfying(dev.jit.core.error.JitException.class, e -> assertThat(e.suggestions())
                        .anySatisfy(s -> assertThat(s).contains("cannot depend on itself")));
    }

    @Test
    void existingAndTransitivelyImpliedEdgesAreSkipped() throws Exception {
        Issue a = create("A");
        Issue b = create("B");
        Issue c = create("C");
        deps.add(a.id(), b.id());
        deps.add(b.id(), c.id());
        long m = mark();
        Dependencies.DepResult again = deps.add(a.id(), b.id());
        assertThat(again.status()).isEqualTo(Dependencies.AddStatus.EXISTS);
        Dependencies.DepResult implied = deps.add(a.id(), c.id());
        assertThat(implied.status()).isEqualTo(Dependencies.AddStatus.SKIPPED);
        assertThat(reload(a).dependencies()).containsExactly(b.id());
        assertThat(eventsSince(m)).isEmpty();
    }

    @Test
    void addingAnEdgeThatImpliesExistingOnesReducesThem() {
        Issue a = create("A");
        Issue b = create("B");
        Issue c = create("C");
        Issue d = create("D");
        deps.add(a.id(), c.id());
        deps.add(a.id(), d.id());
        deps.add(b.id(), c.id());
        assertThat(reload(a).dependencies()).containsExactlyElementsOf(List.of(c.id(), d.id()).stream().sorted().toList());

        long m = mark();
        Dependencies.DepResult r = deps.add(a.id(), b.id());
        assertThat(r.status()).isEqualTo(Dependencies.AddStatus.ADDED);
        assertThat(r.removedRedundant()).containsExactly(c.id());
        assertThat(reload(a).dependencies()).containsExactlyElementsOf(List.of(b.id(), d.id()).stream().sorted().toList());
        assertThat(eventsSince(m)).containsExactly("dependency_added A", "dependency_removed A");
        // Still blocked by the same work, just expressed through B.
        assertThat(query.show(a.id()).blocked()).isTrue();
    }

    @Test
    void dependencyListsAreStoredSorted() throws Exception {
        Issue a = create("A");
        List<Issue> others = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            others.add(create("O" + i));
        }
        for (Issue o : others) {
            deps.add(a.id(), o.id());
        }
        List<String> stored = reload(a).dependencies();
        assertThat(stored).hasSize(6).isSorted();
        String file = java.nio.file.Files.readString(store.paths().issue(a.id()));
        int last = -1;
        for (String id : stored) {
            assertThat(file.indexOf(id)).isGreaterThan(last);
            last = file.indexOf(id);
        }
    }

    @Test
    void removeReadiesTheIssueWhenNothingElseBlocksIt() {
        Issue a = create("A");
        Issue b = create("B");
        Issue c = create("C");
        deps.add(a.id(), b.id());
        deps.add(a.id(), c.id());
        long m = mark();
        Dependencies.DepResult r1 = deps.remove(a.id(), b.id());
        assertThat(r1.from().state()).isEqualTo(State.BACKLOG);
        assertThat(r1.stateChanges()).isEmpty();
        Dependencies.DepResult r2 = deps.remove(a.id(), c.id().substring(0, 7));
        assertThat(r2.from().state()).isEqualTo(State.READY);
        assertThat(r2.from().dependencies()).isEmpty();
        assertThat(r2.stateChanges()).containsExactly(new StateChange(a.id(), State.BACKLOG, State.READY));
        assertThat(eventsSince(m)).containsExactly("dependency_removed A", "dependency_removed A",
                "issue_state_changed A backlog->ready");
        // Removing an absent edge is a no-op.
        m = mark();
        deps.remove(a.id(), c.id());
        assertThat(eventsSince(m)).isEmpty();
    }

    @Test
    void unknownIssuesAreNotFound() throws Exception {
        Issue a = create("A");
        assertFailsUnchanged(ErrorCode.ISSUE_NOT_FOUND, () -> deps.add(a.id(), "deadbeef"), "deadbeef");
        assertFailsUnchanged(ErrorCode.ISSUE_NOT_FOUND, () -> deps.add("deadbeef", a.id()), "deadbeef");
        assertFailsUnchanged(ErrorCode.INVALID_ARGUMENT, () -> deps.add(a.id(), "../x"));
    }

    /** The reference's delete left dangling edges behind; such an edge blocks and can still be removed. */
    @Test
    void danglingEdgeLeftByTheReferenceBlocksAndCanBeRemoved() throws Exception {
        Issue a = create("A");
        Issue b = create("B");
        deps.add(a.id(), b.id());
        java.nio.file.Files.delete(store.paths().issue(b.id()));
        java.nio.file.Files.writeString(store.paths().index(),
                "{\n  \"schema_version\": 1,\n  \"all_ids\": [\n    \"" + a.id() + "\"\n  ]\n}\n");

        assertThat(query.show(a.id()).blocked()).isTrue();
        assertThat(query.blocked()).singleElement().satisfies(bl -> assertThat(bl.reasons())
                .extracting(dev.jit.core.model.BlockReason::status).containsExactly("missing"));
        Dependencies.DepResult r = deps.remove(a.id(), b.id().substring(0, 8));
        assertThat(r.toId()).isEqualTo(b.id());
        assertThat(r.from().dependencies()).isEmpty();
        assertThat(r.from().state()).isEqualTo(State.READY);
    }

    @Test
    void createWithDependenciesAddsThemInTheSameCommitAndWaitsInBacklog() {
        Issue a = create("A");
        Issue b = create("B");
        deps.add(b.id(), a.id());
        Issue closed = create("closed");
        finish(closed);
        long m = mark();
        // a prefix, a dependency implied by another (b already depends on a), a done one, a repeat
        Issue c = create(new Issues.NewIssue("C", null, null, null, null, null,
                List.of(b.id().substring(0, 6), a.id(), closed.id(), b.id())));
        assertThat(c.dependencies()).containsExactlyInAnyOrder(b.id(), closed.id());
        assertThat(c.state()).isEqualTo(State.BACKLOG);
        assertThat(eventsSince(m)).containsExactly("issue_created C", "dependency_added C", "dependency_added C",
                "issue_state_changed C ready->backlog");
        assertThat(query.show(c.id()).blocked()).isTrue();

        Issue d = create(new Issues.NewIssue("D", null, null, null, null, null, List.of(closed.id())));
        assertThat(d.state()).as("every dependency is done").isEqualTo(State.READY);
    }

    @Test
    void createWithAnUnknownDependencyWritesNothing() throws Exception {
        Issue a = create("A");
        assertFailsUnchanged(ErrorCode.ISSUE_NOT_FOUND,
                () -> issues.create(new Issues.NewIssue("X", null, null, null, null, null, List.of(a.id(), "zzzzzzzz"))),
                "zzzzzzzz");
    }
}
