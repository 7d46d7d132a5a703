package dev.jit.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jit.core.model.BlockReason;
import dev.jit.core.model.GateStatus;
import dev.jit.core.model.Issue;
import dev.jit.core.model.Priority;
import dev.jit.core.model.State;
import dev.jit.core.query.IssueFilter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Read-side answers: ready, blocked (with reasons), status counts, search, list filters; and breakdown. */
class QueryServiceTest extends ServiceTestBase {

    @Test
    void readyIsUnassignedUnblockedReadyWorkMostUrgentFirstThenOldest() {
        Issue n1 = create("n1", Priority.NORMAL);
        Issue c1 = create("c1", Priority.CRITICAL);
        Issue n2 = create("n2", Priority.NORMAL);
        Issue h1 = create("h1", Priority.HIGH, "epic:auth");
        Issue taken = create("taken", Priority.CRITICAL);
        issues.claim(taken.id(), "agent:w");
        Issue waiting = create("waiting", Priority.CRITICAL);
        deps.add(waiting.id(), n1.id());
        assertThat(query.ready(IssueFilter.ALL)).extracting(Issue::title).containsExactly("c1", "h1", "n1", "n2");
        assertThat(query.ready(IssueFilter.parse("label:epic:auth"))).extracting(Issue::id).containsExactly(h1.id());
    }

    @Test
    void blockedListsDependencyAndGateReasons() {
        gates.define("review", "Review", null, false, null);
        Issue dep = create("dep");
        Issue a = create(new Issues.NewIssue("A", null, null, List.of("review"), null, null));
        deps.add(a.id(), dep.id());
        Issue g = create(new Issues.NewIssue("G", null, null, List.of("review"), null, null));
        setState(g, State.DONE);
        gates.record(g.id(), "review", GateStatus.FAILED, "human:x");

        List<Queries.Blocked> blocked = query.blocked();
        assertThat(blocked).extracting(b -> b.issue().title()).containsExactly("A", "G");
        assertThat(blocked.get(0).reasons()).extracting(BlockReason::type, BlockReason::target, BlockReason::status)
                .containsExactly(org.assertj.core.api.Assertions.tuple("dependency", dep.id(), "ready"),
                        org.assertj.core.api.Assertions.tuple("gate", "review", "pending"));
        assertThat(blocked.get(1).reasons()).extracting(BlockReason::type, BlockReason::status)
                .containsExactly(org.assertj.core.api.Assertions.tuple("gate", "failed"));
    }

    @Test
    void statusCountsEveryStateBlockedAndTotal() {
        Issue a = create("a");
        Issue b = create("b");
        create("c");
        deps.add(a.id(), b.id());
        issues.claim(b.id(), "agent:w");
        Issue r = create("r");
        issues.reject(r.id(), null);
        assertThat(query.status()).containsEntry("backlog", 1).containsEntry("ready", 1)
                .containsEntry("in_progress", 1).containsEntry("rejected", 1).containsEntry("done", 0)
                .containsEntry("gated", 0).containsEntry("archived", 0).containsEntry("blocked", 1)
                .containsEntry("total", 4);
    }

    @Test
    void listFiltersAndSearch() {
        Issue a = create(new Issues.NewIssue("Login page", "OAuth flow", Priority.HIGH, null,
                List.of("epic:auth"), null));
        Issue b = create("Billing", Priority.LOW, "epic:billing");
        deps.add(b.id(), a.id());
        issues.assign(a.id(), "human:alice");
        assertThat(query.list(IssueFilter.parse("blocked:true"))).extracting(v -> v.issue().id()).containsExactly(b.id());
        assertThat(query.list(IssueFilter.parse("blocked:false,assignee:human:alice"))).hasSize(1);
        assertThat(query.list(IssueFilter.parse("assignee:none"))).extracting(v -> v.issue().id()).containsExactly(b.id());
        assertThat(query.list(IssueFilter.parse("state:backlog|ready"))).hasSize(2);
        assertThat(query.search("oauth", IssueFilter.ALL)).extracting(v -> v.issue().id()).containsExactly(a.id());
        assertThat(query.search(b.id().substring(0, 6), IssueFilter.ALL)).extracting(v -> v.issue().id())
                .containsExactly(b.id());
        assertThat(query.search("", IssueFilter.parse("label:epic:b*"))).hasSize(1);
    }

    @Test
    void breakdownSplitsAnIssueIntoSubtasksInOneCommand() {
        Issue base = create("base");
        Issue parent = create("parent", Priority.HIGH, "epic:auth");
        deps.add(parent.id(), base.id());
        long m = mark();
        Issues.Breakdown bd = issues.breakdown(parent.id(), List.of(new Issues.Subtask("s1", null),
                new Issues.Subtask("s2", "d2")));
        assertThat(bd.subtasks()).hasSize(2).allSatisfy(s -> {
            assertThat(s.priority()).isEqualTo(Priority.HIGH);
            assertThat(s.labels()).containsExactly("epic:auth");
            assertThat(s.dependencies()).containsExactly(base.id());
            assertThat(s.state()).isEqualTo(State.BACKLOG);
        });
        assertThat(bd.parent().dependencies()).containsExactlyInAnyOrderElementsOf(
                bd.subtasks().stream().map(Issue::id).toList());
        assertThat(bd.parent().state()).isEqualTo(State.BACKLOG);
        assertThat(eventsSince(m)).hasSize(2 + 2 + 2 + 1 + 2); // created, dep added, backlog, parent edges
        finish(base);
        assertThat(query.ready(IssueFilter.ALL)).extracting(Issue::title).containsExactly("s1", "s2");
    }
}
