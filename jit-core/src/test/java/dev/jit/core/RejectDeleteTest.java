package dev.jit.core;

import dev.jit.core.model.Outcome;
import dev.jit.core.model.StateChange;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jit.core.error.ErrorCode;
import dev.jit.core.model.Issue;
import dev.jit.core.model.State;
import dev.jit.core.query.IssueFilter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** reject (close without doing) and delete (with and without dependents). */
class RejectDeleteTest extends ServiceTestBase {

    @Test
    void rejectBypassesGatesAndReleasesDependents() {
        gates.define("review", "Review", null, false, null);
        Issue a = create(new Issues.NewIssue("A", null, null, List.of("review"), null, null));
        Issue b = create("B");
        deps.add(b.id(), a.id());
        setState(a, State.DONE);
        assertThat(state(a)).isEqualTo(State.GATED);

        long m = mark();
        Outcome o = issues.reject(a.id(), "duplicate");

        assertThat(o.issue().state()).isEqualTo(State.REJECTED);
        assertThat(o.stateChanges()).containsExactly(new StateChange(a.id(), State.GATED, State.REJECTED),
                new StateChange(b.id(), State.BACKLOG, State.READY));
        assertThat(eventsSince(m)).containsExactly("issue_rejected A", "issue_state_changed A gated->rejected",
                "issue_state_changed B backlog->ready");
        assertThat(store.events().query(e -> e.type().equals("issue_rejected"), 1).get(0).json().get("reason")
                .asText()).isEqualTo("duplicate");
        assertThat(query.show(b.id()).blocked()).isFalse();

        // Reopening a rejected issue blocks its dependents again.
        setState(a, State.READY);
        assertThat(state(b)).isEqualTo(State.BACKLOG);
    }

    @Test
    void deleteRefusesWhileOthersDependUnlessForced() throws Exception {
        Issue a = create("A");
        Issue b = create("B");
        Issue c = create("C");
        Issue x = create("X");
        deps.add(b.id(), a.id());
        deps.add(c.id(), a.id());
        deps.add(c.id(), x.id());

        assertFailsUnchanged(ErrorCode.HAS_DEPENDENTS, () -> issues.delete(List.of(a.id()), false), b.id(), c.id());

        long m = mark();
        Issues.Deletion d = issues.delete(List.of(a.id()), true);

        assertThat(d.deleted()).containsExactly(a.id());
        assertThat(d.detachedDependents()).containsExactlyInAnyOrder(b.id(), c.id()).isSorted();
        assertThat(d.stateChanges()).containsExactly(new StateChange(b.id(), State.BACKLOG, State.READY));
        assertThat(store.paths().issue(a.id())).doesNotExist();
        assertThat(query.list(IssueFilter.ALL)).extracting(v -> v.issue().id()).containsExactly(b.id(), c.id(), x.id());
        assertThat(reload(b).dependencies()).isEmpty();
        assertThat(reload(c).dependencies()).containsExactly(x.id());
        assertThat(state(c)).isEqualTo(State.BACKLOG); // still waits for X
        // Dependents are detached in id order.
        List<String> bEvents = List.of("dependency_removed B", "issue_state_changed B backlog->ready");
        List<String> cEvents = List.of("dependency_removed C");
        List<String> expected = new java.util.ArrayList<>(List.of("issue_deleted A"));
        expected.addAll(b.id().compareTo(c.id()) < 0 ? bEvents : cEvents);
        expected.addAll(b.id().compareTo(c.id()) < 0 ? cEvents : bEvents);
        assertThat(eventsSince(m)).containsExactlyElementsOf(expected);
        assertFails(ErrorCode.ISSUE_NOT_FOUND, () -> query.show(a.id()));
    }

    @Test
    void deletingAnIssueTogetherWithItsDependentsNeedsNoForce() {
        Issue a = create("A");
        Issue b = create("B");
        Issue keep = create("keep");
        deps.add(b.id(), a.id());
        Issues.Deletion d = issues.delete(List.of(b.id().substring(0, 6), a.id(), b.id()), false);
        assertThat(d.deleted()).containsExactly(b.id(), a.id());
        assertThat(d.detachedDependents()).isEmpty();
        assertThat(query.list(IssueFilter.ALL)).extracting(v -> v.issue().id()).containsExactly(keep.id());
    }

    @Test
    void deleteIsAllOrNothing() throws Exception {
        Issue a = create("A");
        assertFailsUnchanged(ErrorCode.ISSUE_NOT_FOUND, () -> issues.delete(List.of(a.id(), "abcdef12"), true),
                "abcdef12");
        assertFailsUnchanged(ErrorCode.INVALID_ARGUMENT, () -> issues.delete(List.of(), true));
        assertThat(reload(a).title()).isEqualTo("A");
    }
}
