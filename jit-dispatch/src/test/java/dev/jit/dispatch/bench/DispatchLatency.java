package dev.jit.dispatch.bench;


import dev.jit.core.model.Priority;
import dev.jit.core.model.State;
import dev.jit.core.Dependencies;
import dev.jit.core.Issues;
import dev.jit.dispatch.testkit.Harness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Measures a running dispatcher (the shaded jar, its own process) with no-op agents that only record when
 * they start:
 * <ol>
 * <li>ready → agent start latency: issues created one at a time at random moments while the dispatcher is
 * idle; latency = agent's first instruction − the moment the create command began;</li>
 * <li>throughput: {@code M} issues become ready in one commit (their common dependency is closed); time until
 * every agent started, and until every exit was settled in the store.</li>
 * </ol>
 * Usage: {@code DispatchLatency [latencyIssues=100] [throughputIssues=200] [slots=4]}
 */
public final class DispatchLatency {
    private DispatchLatency() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int m = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int slots = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        Path dir = Files.createTempDirectory("dispatch-bench");
        try (Harness h = new Harness(dir)) {
            Path starts = dir.resolve("starts");
            Path noop = h.script("noop.sh", "#!/bin/sh\necho \"$1 $(date +%s%N)\" >> " + starts + "\n");
            Path cfg = h.config("dispatch.toml", "[[agents]]\nid = \"noop\"\nmax_concurrent = " + slots
                    + "\ncommand = \"" + noop + " {issue_id}\"\nfilter = \"label:bench:work\"\n");
            // The throughput issues wait behind an open dependency (an issue no agent takes) until phase 2.
            String gate = h.create(Priority.NORMAL, "gate");
            Dependencies deps = h.store.dependencies();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < m; i++) {
                String id = h.create(Priority.NORMAL, "throughput " + i, "bench:work");
                deps.add(id, gate);
                ids.add(id);
            }
            Harness.Dispatch d = h.launch("start", cfg);
            d.awaitOutput("dispatcher-started", java.time.Duration.ofSeconds(30));
            Thread.sleep(500);

            Random random = new Random(42);
            List<Double> fromCall = new ArrayList<>();
            List<Double> fromCommit = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Thread.sleep(random.nextInt(200));
                long t0 = epochNanos(Instant.now());
                String id = h.create(Priority.NORMAL, "latency " + i, "bench:work");
                long t1 = epochNanos(Instant.now());
                long started = awaitStart(starts, id);
                fromCall.add((started - t0) / 1e6);
                fromCommit.add((started - t1) / 1e6);
            }
            report("ready->start latency over " + n + " issues, from the create call", fromCall);
            report("ready->start latency over " + n + " issues, from create's return (commit done)", fromCommit);

            int exitedBefore = h.events("agent_exited").size();
            long t0 = epochNanos(Instant.now());
            h.issues.update(gate, new Issues.Edit(null, null, null, State.DONE, null, null, null, null));
            long lastStart = 0;
            for (String id : ids) {
                lastStart = Math.max(lastStart, awaitStart(starts, id));
            }
            Harness.await(() -> h.events("agent_exited").size() - exitedBefore >= m, java.time.Duration.ofSeconds(300),
                    d::output);
            long lastSettled = h.events("agent_exited").stream()
                    .mapToLong(e -> epochNanos(Instant.parse(e.timestamp()))).max().orElseThrow();
            double startSecs = (lastStart - t0) / 1e9;
            double settleSecs = (lastSettled - t0) / 1e9;
            System.out.printf("throughput, %d issues ready at once, %d slots: all started in %.2f s (%.0f starts/s), "
                    + "all exits settled in %.2f s (%.0f issues/s)%n", m, slots, startSecs, m / startSecs, settleSecs,
                    m / settleSecs);
            d.term();
            d.waitFor(java.time.Duration.ofSeconds(30));
        }
    }

    private static void report(String what, List<Double> ms) {
        Collections.sort(ms);
        int n = ms.size();
        System.out.printf("%s: median %.1f ms, p90 %.1f ms, max %.1f ms%n", what, ms.get(n / 2),
                ms.get((int) (n * 0.9)), ms.get(n - 1));
    }

    private static long epochNanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    private static final Map<String, Long> SEEN = new HashMap<>();

    /** Waits until the no-op agent of {@code id} recorded its start; returns that time (epoch nanos). */
    private static long awaitStart(Path starts, String id) throws IOException, InterruptedException {
        while (true) {
            Long t = SEEN.get(id);
            if (t != null) {
                return t;
            }
            if (Files.exists(starts)) {
                for (String line : Files.readAllLines(starts)) {
                    String[] f = line.split(" ");
                    if (f.length == 2) {
                        SEEN.putIfAbsent(f[0], Long.parseLong(f[1]));
                    }
                }
            }
            if (!SEEN.containsKey(id)) {
                Thread.sleep(2);
            }
        }
    }
}
