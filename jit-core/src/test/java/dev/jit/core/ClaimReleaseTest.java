package dev.jit.core;

import dev.jit.core.model.Outcome;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jit.core.error.ErrorCode;
import dev.jit.core.events.Event;
import dev.jit.core.model.Issue;
import dev.jit.core.model.Priority;
import dev.jit.core.model.State;
import dev.jit.core.query.IssueFilter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** claim, claim-next, release, assign, unassign. */
class ClaimReleaseTest extends ServiceTestBase {

    private Event lastEvent(String type) {
        List<Event> es = store.events().query(e -> e.type().equals(type), 1);
        assertThat(es).hasSize(1);
        return es.get(0);
    }

    @Test
    void claimTakesAnUnassignedReadyIssue() {
        Issue a = create("A");
        long m = mark();
        Outcome o = issues.claim(a.id().substring(0, 5), "agent:w1");
        assertThat(o.issue().assignee()).isEqualTo("agent:w1");
        assertThat(o.issue().state()).isEqualTo(State.IN_PROGRESS);
        assertThat(reload(a)).isEqualTo(o.issue());
        assertThat(eventsSince(m)).containsExactly("issue_claimed A", "issue_state_changed A ready->in_progress");
        assertThat(lastEvent("issue_claimed").json().get("assignee").asText()).isEqualTo("agent:w1");
    }

    @Test
    void claimOfAnAssignedIssueFailsNamingTheAssignee() throws Exception {
        Issue a = create("A");
        issues.claim(a.id(), "agent:w1");
        assertFailsUnchanged(ErrorCode.ALREADY_ASSIGNED, () -> issues.claim(a.id(), "agent:w2"),
                "already assigned to agent:w1");
        assertThat(ErrorCode.ALREADY_ASSIGNED.exitCode()).isEqualTo(1);
        Issue b = create("B");
        issues.assign(b.id(), "human:alice");
        assertFailsUnchanged(ErrorCode.ALREADY_ASSIGNED, () -> issues.claim(b.id(), "agent:w2"), "human:alice");
    }

    @Test
    void claimRefusesBlockedAndClosedIssues() throws Exception {
        Issue a = create("A");
        Issue b = create("B");
        deps.add(a.id(), b.id());
        assertFailsUnchanged(ErrorCode.TRANSITION_BLOCKED, () -> issues.claim(a.id(), "agent:w1"), b.id());
        for (State closed : List.of(State.DONE, State.REJECTED, State.ARCHIVED)) {
            Issue c = create("C " + closed);
            if (closed == State.REJECTED) {
                issues.reject(c.id(), "no");
            } else {
                setState(c, closed);
            }
            assertFailsUnchanged(ErrorCode.TRANSITION_BLOCKED, () -> issues.claim(c.id(), "agent:w1"),
                    closed.wire());
        }
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> issues.claim(b.id(), "agent w1"));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> issues.claim(b.id(), ""));
    }

    @Test
    void claimOfAnUnblockedBacklogIssueStartsIt() {
        Issue a = create("A");
        setState(a, State.BACKLOG);
        assertThat(issues.claim(a.id(), "agent:w1").issue().state()).isEqualTo(State.IN_PROGRESS);
    }

    @Test
    void claimNextTakesMostUrgentThenOldestAndNeverAnythingNotReady() {
        Issue low = create("low", Priority.LOW);
        Issue normal = create("normal", Priority.NORMAL);
        Issue high1 = create("high1", Priority.HIGH);
        Issue high2 = create("high2", Priority.HIGH);
        // Critical issues that must never be picked.
        Issue assigned = create("assigned", Priority.CRITICAL);
        issues.assign(assigned.id(), "human:bob");
        Issue inProgress = create("in progress", Priority.CRITICAL);
        setState(inProgress, State.IN_PROGRESS);
        gates.define("review", "Review", null, false, null);
        Issue gated = create(new Issues.NewIssue("gated", null, Priority.CRITICAL, List.of("review"), null, null));
        setState(gated, State.DONE);
        assertThat(state(gated)).isEqualTo(State.GATED);
        Issue done = create("done", Priority.CRITICAL);
        setState(done, State.DONE);
        Issue blocked = create("blocked", Priority.CRITICAL);
        deps.add(blocked.id(), low.id());
        Issue parked = create("parked", Priority.CRITICAL);
        setState(parked, State.BACKLOG); // unblocked but not ready
        Issue archived = create("archived", Priority.CRITICAL);
        setState(archived, State.ARCHIVED);
        Issue rejected = create("rejected", Priority.CRITICAL);
        issues.reject(rejected.id(), null);

        List<String> order = new java.util.ArrayList<>();
        for (int k = 0; k < 4; k++) {
            Outcome o = issues.claimNext("agent:w" + k, IssueFilter.ALL);
            assertThat(o.issue().state()).isEqualTo(State.IN_PROGRESS);
            assertThat(o.issue().assignee()).isEqualTo("agent:w" + k);
            order.add(o.issue().title());
        }
        assertThat(order).containsExactly("high1", "high2", "normal", "low");
        assertFails(ErrorCode.NO_READY_ISSUES, () -> issues.claimNext("agent:w9", IssueFilter.ALL), "No ready issues");
        assertThat(List.of(high1, high2, normal, low)).allSatisfy(i -> assertThat(state(i)).isEqualTo(State.IN_PROGRESS));
    }

    @Test
    void claimNextHonoursTheFilter() throws Exception {
        create("normal auth", Priority.NORMAL, "epic:auth");
        create("critical other", Priority.CRITICAL, "epic:billing");
        create("high auth", Priority.HIGH, "epic:auth");
        create("low", Priority.LOW);

        assertThat(issues.claimNext("agent:a", IssueFilter.parse("label:epic:auth")).issue().title())
                .isEqualTo("high auth");
        assertThat(issues.claimNext("agent:b", IssueFilter.parse("priority:high|critical")).issue().title())
                .isEqualTo("critical other");
        assertFailsUnchanged(ErrorCode.NO_READY_ISSUES,
                () -> issues.claimNext("agent:c", IssueFilter.parse("priority:high|critical")));
        assertThat(issues.claimNext("agent:c", IssueFilter.parse("label:epic:*,priority:normal|low")).issue().title())
                .isEqualTo("normal auth");
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> issues.claimNext("agent:c", IssueFilter.parse("colour:red")));
        assertThat(issues.claimNext("agent:d", IssueFilter.parse("blocked:false")).issue().title()).isEqualTo("low");
    }

    @Test
    void releaseReturnsToReadyWithEvents() {
        Issue a = create("A");
        issues.claim(a.id(), "agent:w1");
        long m = mark();
        Outcome o = issues.release(a.id(), "timeout");
        assertThat(o.issue().assignee()).isNull();
        assertThat(o.issue().state()).isEqualTo(State.READY);
        assertThat(eventsSince(m)).containsExactly("issue_released A", "issue_state_changed A in_progress->ready");
        Event released = lastEvent("issue_released");
        assertThat(released.json().get("assignee").asText()).isEqualTo("agent:w1");
        assertThat(released.json().get("reason").asText()).isEqualTo("timeout");
        // Claimable again.
        assertThat(issues.claimNext("agent:w2", IssueFilter.ALL).issue().id()).isEqualTo(a.id());
    }

    @Test
    void releaseOfABlockedIssueReturnsItToBacklog() {
        Issue a = create("A");
        Issue b = create("B");
        issues.claim(a.id(), "agent:w1");
        deps.add(a.id(), b.id());
        assertThat(state(a)).isEqualTo(State.IN_PROGRESS); // started work is not pulled back by dep add
        long m = mark();
        assertThat(issues.release(a.id(), "blocked").issue().state()).isEqualTo(State.BACKLOG);
        assertThat(eventsSince(m)).containsExactly("issue_released A", "issue_state_changed A in_progress->backlog");
        finish(b);
        assertThat(state(a)).isEqualTo(State.READY);
    }

    @Test
    void releaseNeedsAReasonAndWorksOnUnassignedIssues() throws Exception {
        Issue a = create("A");
        assertFailsUnchanged(ErrorCode.INVALID_ARGUMENT, () -> issues.release(a.id(), " "), "reason");
        long m = mark();
        assertThat(issues.release(a.id(), "tidy").issue().state()).isEqualTo(State.READY);
        assertThat(eventsSince(m)).containsExactly("issue_released A");
        assertThat(lastEvent("issue_released").json().get("assignee").asText()).isEmpty();
    }

    @Test
    void assignAndUnassignChangeOnlyTheAssignee() {
        Issue a = create("A");
        long m = mark();
        assertThat(issues.assign(a.id(), "human:alice").issue().state()).isEqualTo(State.READY);
        issues.assign(a.id(), "human:bob");
        issues.assign(a.id(), "human:bob"); // no-op
        Outcome o = issues.unassign(a.id());
        assertThat(o.issue().assignee()).isNull();
        assertThat(o.issue().state()).isEqualTo(State.READY);
        issues.unassign(a.id()); // no-op
        assertThat(eventsSince(m)).containsExactly("issue_assigned A", "issue_assigned A", "issue_unassigned A");
        Event bob = store.events().query(e -> e.type().equals("issue_assigned"), 1).get(0);
        assertThat(bob.json().get("assignee").asText()).isEqualTo("human:bob");
        assertThat(bob.json().get("previous").asText()).isEqualTo("human:alice");
        assertThat(lastEvent("issue_unassigned").json().get("assignee").asText()).isEqualTo("human:bob");
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> issues.assign(a.id(), "two words"));
    }
}
