package dev.jit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** /api/metrics: the guide's metric names, live values, JVM/process metrics and a clean {@code promtool check metrics}. */
class MetricsTest {
    /** Installed by {@code ./dev test} (Debian package 'prometheus'); the format check is part of the test. */
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    @Test
    void exposesIssueCountsRequestHistogramAndJvmMetrics() throws Exception {
        try (ServerFixture fx = ServerFixture.start()) {
            Api api = fx.api;
            String id = api.create("counted", null);
            api.post("/api/issues/" + id + "/claim", "{\"assignee\":\"agent:m\"}");
            api.get("/api/issues/" + id);
            api.get("/api/issues/zzzz");
            api.get("/api/no-such-route");

            Api.Resp r = api.get("/api/metrics");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Content-Type")).startsWith("text/plain; version=0.0.4");
            String text = r.body();
            assertThat(value(text, "jit_issues_total")).isEqualTo(1);
            assertThat(value(text, "jit_issues_by_state{state=\"in_progress\"}")).isEqualTo(1);
            assertThat(value(text, "jit_issues_by_state{state=\"ready\"}")).isEqualTo(0);
            assertThat(value(text, "jit_issues_blocked")).isEqualTo(0);
            assertThat(value(text, "jit_sse_clients")).isEqualTo(0);
            assertThat(text).contains("# TYPE jit_issues_total untyped")
                    .contains("# TYPE jit_api_request_duration_seconds histogram")
                    .doesNotContain(id);
            assertThat(value(text, "jit_api_request_duration_seconds_count{method=\"GET\",route=\"/api/issues/{id}\","
                    + "status=\"200\"}")).isEqualTo(1);
            assertThat(value(text, "jit_api_request_duration_seconds_count{method=\"GET\",route=\"/api/issues/{id}\","
                    + "status=\"404\"}")).isEqualTo(1);
            assertThat(value(text, "jit_api_request_duration_seconds_count{method=\"GET\",route=\"unmatched\","
                    + "status=\"404\"}")).isEqualTo(1);
            assertThat(value(text, "jit_api_request_duration_seconds_bucket{method=\"POST\",route=\"/api/issues\","
                    + "status=\"201\",le=\"+Inf\"}")).isEqualTo(1);
            // The Prometheus client's standard JVM and process metrics.
            assertThat(value(text, "jvm_memory_used_bytes{area=\"heap\"}")).isPositive();
            assertThat(value(text, "jvm_threads_current")).isPositive();
            assertThat(value(text, "process_cpu_seconds_total")).isPositive();
            assertThat(value(text, "process_resident_memory_bytes")).isPositive();
            assertThat(value(text, "process_open_fds")).isPositive();
            assertThat(value(text, "process_start_time_seconds")).isPositive();
            assertThat(text).contains("# TYPE jvm_gc_collection_seconds summary")
                    .contains("jvm_memory_committed_bytes{area=\"nonheap\"}")
                    .contains("jvm_threads_peak ")
                    .contains("jvm_classes_currently_loaded ");

            assertPromtoolAccepts(text);
        }
    }

    /** {@code promtool check metrics} passes the exposition (lint included). */
    static void assertPromtoolAccepts(String text) throws Exception {
        assertThat(Files.isExecutable(PROMTOOL)).as(PROMTOOL + " (Debian package 'prometheus')").isTrue();
        Process p = new ProcessBuilder(PROMTOOL.toString(), "check", "metrics").redirectErrorStream(true).start();
        p.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("promtool check metrics: " + out).isZero();
    }

    @Test
    void answersOpenMetricsWhenTheScraperAsksForIt() throws Exception {
        try (ServerFixture fx = ServerFixture.start()) {
            fx.api.get("/api/health"); // a request series, so the histogram has samples and metadata
            // What Prometheus itself sends.
            Api.Resp r = fx.api.send(fx.api.request("/api/metrics").header("Accept",
                    "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
                            + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1").GET().build());
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Content-Type")).startsWith("application/openmetrics-text; version=1.0.0");
            assertThat(r.body()).contains("# TYPE jit_issues_total unknown\n")
                    .contains("# UNIT jit_api_request_duration_seconds seconds\n")
                    .contains("# TYPE process_cpu_seconds counter\n")
                    .endsWith("# EOF\n");
        }
    }

    @Test
    void serversInOneJvmKeepTheirOwnMetrics() throws Exception {
        try (ServerFixture one = ServerFixture.start(); ServerFixture two = ServerFixture.start()) {
            one.api.create("only in one", null);
            one.api.create("also in one", null);
            two.api.create("only in two", null);
            assertThat(value(one.api.get("/api/metrics").body(), "jit_issues_total")).isEqualTo(2);
            assertThat(value(two.api.get("/api/metrics").body(), "jit_issues_total")).isEqualTo(1);
            assertThat(value(two.api.get("/api/metrics").body(),
                    "jit_api_request_duration_seconds_count{method=\"POST\",route=\"/api/issues\",status=\"201\"}"))
                    .isEqualTo(1);
        }
    }

    /** The value of the one sample named exactly {@code series} (name and labels as exposed). */
    static double value(String exposition, String series) {
        for (String line : exposition.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        throw new AssertionError("no sample " + series + " in:\n" + exposition);
    }
}
