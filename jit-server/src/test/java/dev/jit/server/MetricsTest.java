package dev.jit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** /api/metrics: the guide's metric names, live values, and a clean {@code promtool check metrics}. */
class MetricsTest {
    @Test
    void exposesIssueCountsRequestHistogramAndJvmBasics() throws Exception {
        try (ServerFixture fx = ServerFixture.start()) {
            Api api = fx.api;
            String id = api.create("counted", null);
            api.post("/api/issues/" + id + "/claim", "{\"assignee\":\"agent:m\"}");
            api.get("/api/issues/" + id);
            api.get("/api/issues/zzzz");
            api.get("/api/no-such-route");

            Api.Resp r = api.get("/api/metrics");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Content-Type")).startsWith("text/plain");
            String text = r.body();
            assertThat(text).contains("jit_issues_total 1\n")
                    .contains("jit_issues_by_state{state=\"in_progress\"} 1\n")
                    .contains("jit_issues_by_state{state=\"ready\"} 0\n")
                    .contains("# TYPE jit_api_request_duration_seconds histogram")
                    .contains("jit_api_request_duration_seconds_count{method=\"GET\",route=\"/api/issues/{id}\","
                            + "status=\"200\"} 1")
                    .contains("jit_api_request_duration_seconds_count{method=\"GET\",route=\"/api/issues/{id}\","
                            + "status=\"404\"} 1")
                    .contains("route=\"unmatched\",status=\"404\"")
                    .contains("jit_api_request_duration_seconds_bucket{method=\"POST\",route=\"/api/issues\","
                            + "status=\"201\",le=\"+Inf\"} 1")
                    .contains("jvm_memory_used_bytes{area=\"heap\"}")
                    .contains("jvm_threads_current")
                    .contains("process_cpu_seconds_total")
                    .doesNotContain(id);

            Path promtool = Path.of("/usr/bin/promtool");
            assumeTrue(Files.isExecutable(promtool),
                    "promtool not installed (Debian package 'prometheus'): skipping the exposition-format check");
            Process p = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
            p.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as("promtool check metrics: " + out).isZero();
        }
    }
}
