package dev.jit.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Measurement, not a test (excluded from the normal build; nothing is asserted): time to interactive of the
 * dashboard and the graph with 1,000 issues, in headless Chromium, served by the {@link FixtureServer}.
 * "Interactive" = the view's data is rendered and its handlers attached (the {@code jit-interactive-*}
 * performance mark, measured from navigation start). Run:
 * {@code mvn -pl jit-web verify -Dtest=TimeToInteractive -Dsurefire.failIfNoSpecifiedTests=false}
 */
class TimeToInteractive {
    private static final int ISSUES = 1000;
    private static final int RUNS = 5;

    @Test
    void measure() throws Exception {
        List<String> lines = new ArrayList<>();
        try (FixtureServer fixture = new FixtureServer(ISSUES); Browser browser = new Browser()) {
            browser.size(1280, 800);
            lines.add("issues=" + ISSUES + " dependencies=" + fixture.edgeCount() + " viewport=1280x800");
            for (String[] view : new String[][] {{"#/", "dashboard"}, {"#/graph", "graph"}, {"#/issues", "issues"}}) {
                List<Long> ms = new ArrayList<>();
                for (int run = 0; run < RUNS; run++) {
                    browser.open("about:blank");
                    browser.open(fixture.url() + view[0]);
                    browser.waitReady(view[1]);
                    ms.add(Math.round(((Number) browser.js("return performance.getEntriesByName(arguments[0])[0].startTime",
                            "jit-interactive-" + view[1])).doubleValue()));
                }
                List<Long> sorted = ms.stream().sorted().toList();
                lines.add(String.format("%-9s first=%d ms  median=%d ms  all=%s", view[1], ms.get(0), sorted.get(RUNS / 2), ms));
                lines.add("          last run, resources (name: start-end ms): " + browser.js(
                        "return performance.getEntriesByType('resource').map(r => r.name.replace(/^.*\\//, '') + ': '"
                                + " + Math.round(r.startTime) + '-' + Math.round(r.responseEnd)).join(', ')"));
                browser.screenshot("tti-" + view[1] + "-1000");
            }
        }
        lines.forEach(System.out::println);
        write(lines);
    }

    private static void write(List<String> lines) throws IOException {
        Path out = Path.of("target", "time-to-interactive.txt");
        Files.createDirectories(out.getParent());
        Files.write(out, lines);
    }
}
