package dev.jit.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Measurement, not a test (excluded from the normal build; nothing is asserted): time to interactive of the
 * dashboard, the graph, the issues table and the board with 1,000 issues, in headless Chromium at 1280x800.
 * "Interactive" = the view's data is rendered and its handlers attached (the {@code jit-interactive-*}
 * performance mark, measured from navigation start), against a real jit-server over a store seeded through
 * the API, serving this build of the UI. Run, after {@code mvn package} has built jit-server.jar:
 * {@code mvn -pl jit-web verify -Dtest=TimeToInteractive -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Djit.it.server=<command>} measures another server).
 */
class TimeToInteractive {
    private static final int ISSUES = 1000;
    private static final int RUNS = 5;

    @Test
    void measure() throws Exception {
        List<String> lines = new ArrayList<>();
        Path dir = Files.createTempDirectory("jit-web-tti");
        try (JitServerProcess real = new JitServerProcess(dir.resolve(".jit"), dir, Path.of("target", "tti-server.log"))) {
            lines.add("real jit-server: issues=" + ISSUES + " dependencies=" + seed(real));
            measure(real.base, lines);
        }
        lines.forEach(System.out::println);
        Path out = Path.of("target", "time-to-interactive.txt");
        Files.write(out, lines);
    }

    /** A layered DAG through the real API: each issue depends on up to two earlier ones; some are claimed. */
    private static int seed(JitServerProcess real) throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>();
        int deps = 0;
        for (int i = 0; i < ISSUES; i++) {
            ids.add(real.send("POST", "api/issues", Map.of("title", title(i), "description", "Issue " + i,
                    "priority", List.of("critical", "high", "normal", "low").get(i % 4), "gates", List.of(),
                    "labels", List.of("epic:" + List.of("auth", "web", "cli", "sync", "docs").get(i % 5)))).get("id").asText());
            for (int back : IntStream.of(1 + i % 7, 3 + i % 11).distinct().toArray()) {
                if (i - back >= 0 && i % 5 != 0) {
                    real.send("POST", "api/issues/" + ids.get(i) + "/dependencies", Map.of("depends_on", ids.get(i - back)));
                    deps++;
                }
            }
            if (i % 5 == 0 && i % 3 == 0) {
                real.send("POST", "api/issues/" + ids.get(i) + "/claim", Map.of("assignee", "agent:worker-" + i % 4));
            }
        }
        return deps;
    }

    private static String title(int i) {
        String[] verbs = {"Fix", "Add", "Refactor", "Document", "Speed up", "Test"};
        String[] things = {"lock file handling", "claim queue", "graph layout", "gate registry", "event stream", "search index"};
        return verbs[i % verbs.length] + " " + things[(i / 6) % things.length] + " #" + i;
    }

    private static void measure(String base, List<String> lines) {
        try (Browser browser = new Browser()) {
            browser.size(1280, 800);
            lines.add("viewport=1280x800, " + RUNS + " loads each; the first is with an empty cache");
            for (String[] view : new String[][] {{"#/", "dashboard"}, {"#/graph", "graph"}, {"#/issues", "issues"},
                    {"#/board", "board"}}) {
                List<Long> ms = new ArrayList<>();
                for (int run = 0; run < RUNS; run++) {
                    browser.open("about:blank");
                    browser.open(base + view[0]);
                    browser.waitReady(view[1]);
                    ms.add(Math.round(((Number) browser.js("return performance.getEntriesByName(arguments[0])[0].startTime",
                            "jit-interactive-" + view[1])).doubleValue()));
                }
                List<Long> sorted = ms.stream().sorted().toList();
                lines.add(String.format("%-9s first=%d ms  median=%d ms  all=%s", view[1], ms.get(0), sorted.get(RUNS / 2), ms));
                browser.screenshot("tti-" + view[1] + "-1000");
            }
        }
    }
}
