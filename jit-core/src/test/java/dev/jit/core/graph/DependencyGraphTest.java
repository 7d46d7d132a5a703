package dev.jit.core.graph;

import dev.jit.core.model.BlockReason;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jit.core.model.Issue;
import dev.jit.core.model.Priority;
import dev.jit.core.model.State;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DependencyGraphTest {

    private static Issue issue(String id, State state, String... deps) {
        return Issue.create(id, id, "", Priority.NORMAL, List.of(), List.of(), "2026-01-01T00:00:00Z")
                .withState(state).withDependencies(List.of(deps));
    }

    @Test
    void blockedUnlessEveryDependencyIsDoneOrRejected() {
        DependencyGraph g = new DependencyGraph(List.of(issue("a", State.READY, "b", "c"), issue("b", State.DONE),
                issue("c", State.REJECTED), issue("d", State.READY, "e"), issue("e", State.ARCHIVED),
                issue("f", State.READY, "missing")));
        assertThat(g.isBlocked(g.get("a"))).isFalse();
        assertThat(g.isBlocked(g.get("d"))).isTrue();
        assertThat(g.isBlocked(g.get("f"))).isTrue();
        assertThat(g.dependencyReasons(g.get("f"))).extracting(BlockReason::status).containsExactly("missing");
        assertThat(g.dependencyReasons(g.get("d"))).extracting(BlockReason::status).containsExactly("archived");
    }

    @Test
    void walksBothDirections() {
        DependencyGraph g = new DependencyGraph(List.of(issue("a", State.READY, "b"), issue("b", State.READY, "c"),
                issue("c", State.READY), issue("x", State.READY, "c")));
        assertThat(g.dependentsOf("c")).containsExactly("b", "x");
        assertThat(g.downstream("c")).containsExactly("b", "x", "a");
        assertThat(g.upstream("a")).containsExactly("b", "c");
        assertThat(g.reaches("a", "c")).isTrue();
        assertThat(g.reaches("c", "a")).isFalse();
        assertThat(g.findCycle()).isEmpty();
    }

    @Test
    void findsCyclesIncludingSelfLoopsAndLongChains() {
        DependencyGraph loop = new DependencyGraph(List.of(issue("a", State.READY, "b"), issue("b", State.READY, "c"),
                issue("c", State.READY, "a")));
        List<String> cycle = loop.findCycle();
        assertThat(cycle).hasSize(4);
        assertThat(cycle.get(0)).isEqualTo(cycle.get(3));
        assertThat(new DependencyGraph(List.of(issue("s", State.READY, "s"))).findCycle()).containsExactly("s", "s");

        List<Issue> chain = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            chain.add(issue("n" + i, State.READY, "n" + (i + 1)));
        }
        assertThat(new DependencyGraph(chain).findCycle()).isEmpty(); // no stack overflow
    }

    @Test
    void transitiveReductionKeepsOnlyNecessaryEdges() {
        DependencyGraph g = new DependencyGraph(List.of(issue("b", State.READY, "c"), issue("c", State.READY),
                issue("d", State.READY)));
        assertThat(DependencyGraph.transitivelyReduce(List.of("b", "c", "d"), g::get)).containsExactly("b", "d");
    }
}
