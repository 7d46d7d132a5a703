package dev.jit.core.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jit.core.model.Issue;
import dev.jit.core.model.Priority;
import dev.jit.core.model.State;
import java.util.List;
import org.junit.jupiter.api.Test;

class DependencyTreeTest {
    /** An issue whose id is its one-letter title repeated (ids sort like titles). */
    static Issue issue(String letter, String... deps) {
        return Issue.create(id(letter), letter, "", Priority.NORMAL, List.of(), List.of(), "t")
                .withState(deps.length == 0 ? State.READY : State.BACKLOG)
                .withDependencies(java.util.Arrays.stream(deps).map(DependencyTreeTest::id).toList());
    }

    static String id(String letter) {
        return letter.repeat(8);
    }

    static String label(DependencyTree.Node n) {
        return (n.missing() ? n.id().substring(0, 1) + "?" : n.issue().title()) + (n.shared() ? " (shared)" : "");
    }

    @Test
    void sharedSubTreesAreMarkedNotRepeated() {
        List<Issue> all = List.of(issue("a", "b", "e"), issue("b", "c", "z"), issue("c", "d"), issue("d"),
                issue("e", "c"));
        DependencyTree.Node root = DependencyTree.of(all, id("a"));
        assertThat(DependencyTree.lines(root, true, DependencyTreeTest::label)).containsExactly(
                "a",
                "├── b",
                "│   ├── c",
                "│   │   └── d",
                "│   └── z?",
                "└── e",
                "    └── c (shared)");
        assertThat(DependencyTree.lines(root, false, DependencyTreeTest::label)).containsExactly(
                "a", "  b", "    c", "      d", "    z?", "  e", "    c (shared)");
        assertThat(root.children().get(0).children().get(1).missing()).isTrue();
    }

    @Test
    void forestCoversEveryIssueEvenInACycle() {
        // p and q depend on each other (a damaged store): nothing is "on top", yet both must appear.
        List<Issue> all = List.of(issue("x"), issue("t", "x"), issue("p", "q"), issue("q", "p"));
        List<String> lines = DependencyTree.forest(all).stream()
                .flatMap(t -> DependencyTree.lines(t, false, DependencyTreeTest::label).stream()).toList();
        assertThat(lines).containsExactly("t", "  x", "p", "  q", "    p (shared)");
    }

    @Test
    void chainsLongerThanTheCallStackAllowAreFine() {
        int n = 50_000;
        List<Issue> chain = new java.util.ArrayList<>();
        for (int k = 0; k < n; k++) {
            String id = String.format("%08d-0000-4000-8000-000000000000", k);
            List<String> deps = k == 0 ? List.of() : List.of(chain.get(k - 1).id());
            chain.add(Issue.create(id, "c" + k, "", Priority.NORMAL, List.of(), List.of(), "t").withDependencies(deps));
        }
        DependencyTree.Node root = DependencyTree.of(chain, chain.get(n - 1).id());
        List<DependencyTree.Entry> flat = DependencyTree.flatten(root);
        assertThat(flat).hasSize(n);
        assertThat(flat.get(n - 1).depth()).isEqualTo(n - 1);
        assertThat(DependencyTree.forest(chain)).hasSize(1);
    }
}
