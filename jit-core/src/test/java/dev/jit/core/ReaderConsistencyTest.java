package dev.jit.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jit.core.graph.DependencyGraph;
import dev.jit.core.model.Issue;
import dev.jit.core.model.State;
import dev.jit.core.internal.store.Store;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Readers running beside a writer never see a half-applied multi-file command. */
class ReaderConsistencyTest extends ServiceTestBase {

    @Test
    void readersNeverSeeAHalfAppliedCommand() throws Exception {
        Issue a = create("A");
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(pool.submit(() -> {
                    Store own = TestStores.open(store.paths().dataDir(), null, Duration.ofSeconds(30)).store();
                    int views = 0;
                    while (!stop.get()) {
                        own.read(view -> {
                            List<Issue> all = view.issues();
                            Set<String> ids = Set.copyOf(view.ids());
                            DependencyGraph graph = new DependencyGraph(all);
                            assertThat(all).hasSize(ids.size()); // no indexed issue without its file
                            for (Issue i : all) {
                                // Every edge points at an existing issue (delete --force detaches in the same
                                // commit) and unstarted issues are ready exactly when unblocked.
                                assertThat(ids).containsAll(i.dependencies());
                                if (i.assignee() == null) {
                                    assertThat(i.state() == State.READY).isEqualTo(!graph.isBlocked(i));
                                }
                            }
                            return null;
                        });
                        views++;
                    }
                    return views;
                }));
            }
            for (int k = 0; k < 25; k++) {
                Issue x = create("X" + k);
                deps.add(a.id(), x.id());
                issues.delete(List.of(x.id()), true);
            }
            stop.set(true);
            for (Future<Integer> f : readers) {
                assertThat(f.get(30, TimeUnit.SECONDS)).isPositive();
            }
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
        assertThat(state(a)).isEqualTo(State.READY);
        assertThat(warnings).isEmpty();
    }
}
