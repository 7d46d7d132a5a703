package dev.jit.core;

import dev.jit.core.model.Outcome;
import dev.jit.core.model.StateChange;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jit.core.error.ErrorCode;
import dev.jit.core.model.Issue;
import dev.jit.core.model.Priority;
import dev.jit.core.model.State;
import dev.jit.core.query.IssueFilter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** create and update: validation, state rules of update --state, dependents following, context and labels. */
class IssueLifecycleTest extends ServiceTestBase {

    @Test
    void createMakesAReadyIssueWithTimestampsAndAnEvent() {
        long m = mark();
        Issue a = create(new Issues.NewIssue("  Write docs  ", "the *why*", Priority.HIGH, null,
                List.of("type:task", "epic:docs"), Map.of("branch", "feat/x")));
        assertThat(a.title()).isEqualTo("Write docs");
        assertThat(a.state()).isEqualTo(State.READY);
        assertThat(a.priority()).isEqualTo(Priority.HIGH);
        assertThat(a.labels()).containsExactly("type:task", "epic:docs");
        assertThat(a.context()).containsExactly(Map.entry("branch", "feat/x"));
        assertThat(Instant.parse(a.createdAt())).isBeforeOrEqualTo(Instant.now());
        assertThat(a.createdAt()).endsWith("Z").isEqualTo(a.updatedAt());
        assertThat(reload(a)).isEqualTo(a);
        List<String> ids = store.read(v -> v.ids());
        assertThat(ids).containsExactly(a.id());
        assertThat(eventsSince(m)).containsExactly("issue_created Write docs");
        assertThat(store.events().tail(1).get(0).json().get("priority").asText()).isEqualTo("high");
    }

    @Test
    void createValidatesTitleLabelsAndGatesAndWritesNothingOnError() throws Exception {
        gates.define("review", "Review", null, false, null);
        assertFailsUnchanged(ErrorCode.INVALID_ARGUMENT, () -> create("   "), "Title");
        assertFailsUnchanged(ErrorCode.INVALID_ARGUMENT, () -> create("x".repeat(501)), "500");
        assertFailsUnchanged(ErrorCode.INVALID_ARGUMENT, () -> create("t", Priority.LOW, "nonamespace"),
                "nonamespace");
        assertFailsUnchanged(ErrorCode.INVALID_ARGUMENT, () -> create("t", Priority.LOW, "type:two words"));
        assertFailsUnchanged(ErrorCode.INVALID_ARGUMENT, () -> create("t", Priority.LOW, ":value"));
        assertFailsUnchanged(ErrorCode.GATE_NOT_FOUND, () -> create(new Issues.NewIssue("t", null, null,
                List.of("review", "tests"), null, null)), "'tests'", "known: review");
        assertFailsUnchanged(ErrorCode.INVALID_ARGUMENT, () -> create(new Issues.NewIssue("t", null, null,
                null, null, Map.of("bad key", "v"))), "bad key");
        assertThat(query.list(IssueFilter.ALL)).isEmpty();
    }

    @Test
    void updateStateReadyReallyMovesTheIssue() {
        Issue a = create("A");
        setState(a, State.IN_PROGRESS);
        long m = mark();
        Outcome o = setState(a, State.READY);
        assertThat(o.issue().state()).isEqualTo(State.READY);
        assertThat(state(a)).isEqualTo(State.READY);
        assertThat(o.stateChanges()).containsExactly(new StateChange(a.id(), State.IN_PROGRESS, State.READY));
        assertThat(eventsSince(m)).containsExactly("issue_state_changed A in_progress->ready");

        setState(a, State.BACKLOG);
        setState(a, State.READY);
        assertThat(state(a)).isEqualTo(State.READY);
        // Setting the state an issue already has changes nothing and logs nothing.
        m = mark();
        assertThat(setState(a, State.READY).stateChanges()).isEmpty();
        assertThat(eventsSince(m)).isEmpty();
    }

    @Test
    void blockedIssueCannotBeMovedToReadyInProgressOrDoneAndNothingIsSaved() throws Exception {
        Issue a = create("A");
        Issue b = create("B");
        deps.add(a.id(), b.id());
        assertThat(state(a)).isEqualTo(State.BACKLOG);
        for (State target : List.of(State.READY, State.IN_PROGRESS, State.DONE)) {
            assertFailsUnchanged(ErrorCode.TRANSITION_BLOCKED, () -> issues.update(a.id(),
                    new Issues.Edit("new title", null, null, target, null, null, null, null)),
                    a.id(), target.wire(), b.id());
        }
        assertThat(reload(a).title()).isEqualTo("A");
        // Manual moves that do not claim progress stay possible.
        setState(a, State.ARCHIVED);
        assertThat(state(a)).isEqualTo(State.ARCHIVED);
    }

    @Test
    void doneWithUnpassedGatesBecomesGated() {
        gates.define("review", "Review", null, false, null);
        Issue a = create(new Issues.NewIssue("A", null, null, List.of("review"), null, null));
        long m = mark();
        Outcome o = setState(a, State.DONE);
        assertThat(o.issue().state()).isEqualTo(State.GATED);
        assertThat(state(a)).isEqualTo(State.GATED);
        assertThat(eventsSince(m)).containsExactly("issue_state_changed A ready->gated");
    }

    @Test
    void doneReadiesEveryUnblockedDependentInTheSameCommand() {
        Issue a = create("A");
        Issue x = create("X");
        Issue b = create("B");
        Issue c = create("C");
        Issue d = create("D");
        deps.add(b.id(), a.id());
        deps.add(c.id(), a.id());
        deps.add(d.id(), a.id());
        deps.add(d.id(), x.id());
        assertThat(List.of(state(b), state(c), state(d))).containsOnly(State.BACKLOG);

        long m = mark();
        Outcome o = setState(a, State.DONE);

        assertThat(o.stateChanges()).containsExactly(new StateChange(a.id(), State.READY, State.DONE),
                new StateChange(b.id(), State.BACKLOG, State.READY),
                new StateChange(c.id(), State.BACKLOG, State.READY));
        assertThat(eventsSince(m)).containsExactly("issue_state_changed A ready->done", "issue_completed A",
                "issue_state_changed B backlog->ready", "issue_state_changed C backlog->ready");
        assertThat(state(d)).isEqualTo(State.BACKLOG);
        assertThat(query.ready(IssueFilter.ALL)).extracting(Issue::id).containsExactly(x.id(), b.id(), c.id());
    }

    @Test
    void reopeningADoneDependencySendsReadyDependentsBackToBacklog() {
        Issue a = create("A");
        Issue b = create("B");
        Issue c = create("C");
        deps.add(b.id(), a.id());
        deps.add(c.id(), a.id());
        finish(a);
        issues.claim(c.id(), "agent:w1");
        assertThat(state(b)).isEqualTo(State.READY);

        long m = mark();
        Outcome o = setState(a, State.READY);

        assertThat(o.stateChanges()).containsExactly(new StateChange(a.id(), State.DONE, State.READY),
                new StateChange(b.id(), State.READY, State.BACKLOG));
        assertThat(eventsSince(m)).containsExactly("issue_state_changed A done->ready",
                "issue_state_changed B ready->backlog");
        assertThat(state(c)).isEqualTo(State.IN_PROGRESS); // work already started is left alone
    }

    @Test
    void archivingADoneDependencyBlocksAgain() {
        Issue a = create("A");
        Issue b = create("B");
        deps.add(b.id(), a.id());
        finish(a);
        setState(a, State.ARCHIVED);
        assertThat(state(b)).isEqualTo(State.BACKLOG);
        assertThat(query.show(b.id()).blocked()).isTrue();
    }

    @Test
    void contextCanBeSetAndUnset() {
        Issue a = create("A");
        issues.update(a.id(), new Issues.Edit(null, null, null, null, null, null,
                Map.of("k1", "v1", "k2", "v2"), null));
        assertThat(reload(a).context()).containsExactly(Map.entry("k1", "v1"), Map.entry("k2", "v2"));
        long m = mark();
        issues.update(a.id(), new Issues.Edit(null, null, null, null, null, null,
                Map.of("k3", "v3"), List.of("k1", "absent")));
        assertThat(reload(a).context()).containsExactly(Map.entry("k2", "v2"), Map.entry("k3", "v3"));
        assertThat(eventsSince(m)).containsExactly("issue_updated A");
        var changes = store.events().tail(1).get(0).json().get("changes");
        assertThat(changes.get("context").get("from").toString()).isEqualTo("{\"k1\":\"v1\",\"k2\":\"v2\"}");
        assertThat(changes.get("context").get("to").toString()).isEqualTo("{\"k2\":\"v2\",\"k3\":\"v3\"}");
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> issues.update(a.id(), new Issues.Edit(null, null, null,
                null, null, null, Map.of("a/b", "v"), null)), "a/b");
    }

    @Test
    void labelsAreAddedRemovedAndValidated() throws Exception {
        Issue a = create("A", Priority.NORMAL, "type:task");
        issues.update(a.id(), new Issues.Edit(null, null, null, null, List.of("epic:auth", "type:task"),
                List.of("type:task"), null, null));
        assertThat(reload(a).labels()).containsExactly("epic:auth", "type:task");
        issues.update(a.id(), new Issues.Edit(null, null, null, null, null, List.of("type:task"), null, null));
        assertThat(reload(a).labels()).containsExactly("epic:auth");
        assertFailsUnchanged(ErrorCode.INVALID_ARGUMENT, () -> issues.update(a.id(), new Issues.Edit(null,
                null, null, null, List.of("epic"), null, null, null)), "epic");
        assertThat(query.list(IssueFilter.parse("label:epic:*"))).hasSize(1);
    }

    @Test
    void fieldEditsAreLoggedWithTheirChangesAndBumpUpdatedAt() throws Exception {
        Issue a = create("A");
        long m = mark();
        Thread.sleep(5);
        Outcome o = issues.update(a.id(), new Issues.Edit("A2", "desc", Priority.CRITICAL, null, null, null,
                null, null));
        assertThat(o.issue().title()).isEqualTo("A2");
        assertThat(o.issue().createdAt()).isEqualTo(a.createdAt());
        assertThat(Instant.parse(o.issue().updatedAt())).isAfter(Instant.parse(a.updatedAt()));
        assertThat(eventsSince(m)).containsExactly("issue_updated A");
        var changes = store.events().tail(1).get(0).json().get("changes");
        assertThat(changes.get("title").get("from").asText()).isEqualTo("A");
        assertThat(changes.get("title").get("to").asText()).isEqualTo("A2");
        assertThat(changes.get("priority").get("to").asText()).isEqualTo("critical");
        assertThat(changes.has("description")).isTrue();

        // No-op edits log nothing and keep the file as it is.
        m = mark();
        issues.update(a.id(), new Issues.Edit("A2", null, Priority.CRITICAL, null, null, null, null, null));
        assertThat(eventsSince(m)).isEmpty();
        assertFailsUnchanged(ErrorCode.INVALID_ARGUMENT, () -> issues.update(a.id(),
                new Issues.Edit(null, null, null, null, null, null, null, null)), "Nothing to update");
    }

    @Test
    void multiIssueUpdateIsAllOrNothing() throws Exception {
        Issue a = create("A");
        Issue b = create("B");
        assertFailsUnchanged(ErrorCode.ISSUE_NOT_FOUND, () -> issues.update(List.of(a.id(), "ffffffff"),
                new Issues.Edit(null, null, Priority.HIGH, null, null, null, null, null)), "ffffffff");
        assertThat(reload(a).priority()).isEqualTo(Priority.NORMAL);
        issues.update(List.of(a.id().substring(0, 8), b.id()),
                new Issues.Edit(null, null, Priority.HIGH, null, null, null, null, null));
        assertThat(List.of(reload(a).priority(), reload(b).priority())).containsOnly(Priority.HIGH);

        List<Outcome> changed = issues.updateMatching(IssueFilter.parse("priority:high"),
                new Issues.Edit(null, null, Priority.LOW, null, null, null, null, null));
        assertThat(changed).hasSize(2);
        assertThat(query.list(IssueFilter.parse("priority:low"))).hasSize(2);
    }
}
