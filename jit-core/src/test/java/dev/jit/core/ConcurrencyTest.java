package dev.jit.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jit.core.error.ErrorCode;
import dev.jit.core.error.JitException;
import dev.jit.core.graph.DependencyGraph;
import dev.jit.core.model.Issue;
import dev.jit.core.model.State;
import dev.jit.core.query.IssueFilter;
import dev.jit.core.internal.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many writers on one store directory, each through its own Store instance, as separate commands would. */
class ConcurrencyTest {
    private static final int THREADS = 8;

    @TempDir
    Path tmp;

    private Path dir;
    private ExecutorService pool;

    @BeforeEach
    void setUp() {
        dir = tmp.resolve(".jit");
        Store.init(dir);
        pool = Executors.newFixedThreadPool(THREADS);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    private Store open(String actor) {
        return TestStores.open(dir, actor, Duration.ofSeconds(30)).store();
    }

    /** Starts every task at once and returns their results (rethrowing the first unexpected failure). */
    private <T> List<T> race(List<Callable<T>> tasks) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> t : tasks) {
            futures.add(pool.submit(() -> {
                go.await();
                return t.call();
            }));
        }
        go.countDown();
        List<T> out = new ArrayList<>();
        for (Future<T> f : futures) {
            out.add(f.get(60, TimeUnit.SECONDS));
        }
        return out;
    }

    @Test
    void disjointUpdatesFromEightWritersLoseNothing() throws Exception {
        List<Issue> mine = new ArrayList<>();
        Issues setup = TestStores.jit(open("test:setup")).issues();
        for (int t = 0; t < THREADS; t++) {
            mine.add(setup.create(new Issues.NewIssue("issue " + t, null, null, null, null, null)));
        }
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Issue issue = mine.get(t);
            String actor = "agent:w" + t;
            tasks.add(() -> {
                Issues service = TestStores.jit(open(actor)).issues();
                for (int k = 0; k < 50; k++) {
                    // Each update reads the current context and adds one key: a lost update drops a key.
                    service.update(issue.id(), new Issues.Edit(null, null, null, null, null, null,
                            Map.of("step" + k, actor), null));
                }
                return 50;
            });
        }
        race(tasks);

        Store check = open(null);
        Queries q = TestStores.jit(check).queries();
        for (int t = 0; t < THREADS; t++) {
            Map<String, String> ctx = q.show(mine.get(t).id()).issue().context();
            assertThat(ctx).hasSize(50).containsValue("agent:w" + t).doesNotContainValue("agent:w" + ((t + 1) % 8));
        }
        assertThat(check.events().query(e -> e.type().equals("issue_updated"), 0)).hasSize(THREADS * 50);
        assertThat(check.paths().journal()).doesNotExist();
    }

    @Test
    void concurrentCreatesAllLandInTheIndex() throws Exception {
        List<Callable<List<String>>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int n = t;
            tasks.add(() -> {
                Issues service = TestStores.jit(open("agent:w" + n)).issues();
                List<String> ids = new ArrayList<>();
                for (int k = 0; k < 8; k++) {
                    ids.add(service.create(new Issues.NewIssue("t" + n + "-" + k, null, null, null, null,
                            null)).id());
                }
                return ids;
            });
        }
        List<String> created = race(tasks).stream().flatMap(List::stream).toList();
        List<String> indexed = open(null).read(v -> v.ids());
        assertThat(indexed).hasSize(THREADS * 8).containsExactlyInAnyOrderElementsOf(created);
        assertThat(TestStores.jit(open(null)).queries().list(IssueFilter.ALL)).hasSize(THREADS * 8);
    }

    @Test
    void eightClaimsOnOneIssueExactlyOneWins() throws Exception {
        Issue target = TestStores.jit(open("test:setup")).issues()
                .create(new Issues.NewIssue("contested", null, null, null, null, null));
        List<Callable<String>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            String who = "agent:w" + t;
            tasks.add(() -> {
                try {
                    TestStores.jit(open(who)).issues().claim(target.id(), who);
                    return "won " + who;
                } catch (JitException e) {
                    assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_ASSIGNED);
                    return "lost";
                }
            });
        }
        List<String> results = race(tasks);

        List<String> winners = results.stream().filter(r -> r.startsWith("won")).toList();
        assertThat(winners).hasSize(1);
        Store check = open(null);
        Issue after = TestStores.jit(check).queries().show(target.id()).issue();
        assertThat("won " + after.assignee()).isEqualTo(winners.get(0));
        assertThat(after.state()).isEqualTo(State.IN_PROGRESS);
        assertThat(check.events().query(e -> e.type().equals("issue_claimed"), 0)).hasSize(1);
    }

    @Test
    void concurrentClaimNextHandsOutEachIssueOnce() throws Exception {
        Issues setup = TestStores.jit(open("test:setup")).issues();
        for (int k = 0; k < 5; k++) {
            setup.create(new Issues.NewIssue("work " + k, null, null, null, null, null));
        }
        List<Callable<String>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            String who = "agent:w" + t;
            tasks.add(() -> {
                try {
                    return TestStores.jit(open(who)).issues().claimNext(who, IssueFilter.ALL).issue().id();
                } catch (JitException e) {
                    assertThat(e.code()).isEqualTo(ErrorCode.NO_READY_ISSUES);
                    return null;
                }
            });
        }
        List<String> got = race(tasks).stream().filter(java.util.Objects::nonNull).toList();
        assertThat(got).hasSize(5).doesNotHaveDuplicates();
    }

    @Test
    void concurrentDependencyAddsNeverCreateACycle() throws Exception {
        Issues setup = TestStores.jit(open("test:setup")).issues();
        List<String> ids = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            ids.add(setup.create(new Issues.NewIssue("n" + k, null, null, null, null, null)).id());
        }
        List<Callable<int[]>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            long seed = 1000 + t;
            String who = "agent:w" + t;
            tasks.add(() -> {
                Random random = new Random(seed);
                Dependencies service = TestStores.jit(open(who)).dependencies();
                int added = 0;
                int refused = 0;
                for (int k = 0; k < 25; k++) {
                    String from = ids.get(random.nextInt(ids.size()));
                    String to = ids.get(random.nextInt(ids.size()));
                    try {
                        if (service.add(from, to).status() == Dependencies.AddStatus.ADDED) {
                            added++;
                        }
                    } catch (JitException e) {
                        assertThat(e.code()).isEqualTo(ErrorCode.CYCLE_DETECTED);
                        refused++;
                    }
                }
                return new int[]{added, refused};
            });
        }
        List<int[]> results = race(tasks);

        assertThat(results.stream().mapToInt(r -> r[0]).sum()).isPositive();
        assertThat(results.stream().mapToInt(r -> r[1]).sum()).as("random edges must have provoked cycles").isPositive();
        List<Issue> all = open(null).read(v -> v.issues());
        DependencyGraph graph = new DependencyGraph(all);
        assertThat(graph.findCycle()).isEmpty();
        // Every unassigned, unstarted issue is ready exactly when it is unblocked.
        for (Issue i : all) {
            assertThat(i.state()).isIn(State.READY, State.BACKLOG);
            assertThat(i.state() == State.READY).as(i.title()).isEqualTo(!graph.isBlocked(i));
        }
    }
}
