package dev.jit.server.metrics;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * One server's metrics for {@code /api/metrics}: issue counts, request durations, live streams, and the Prometheus
 * client's JVM and process metrics. Each server has its own registry, so several servers in one JVM do not clash.
 */
public final class ServerMetrics implements AutoCloseable {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Histogram requestDuration;
    private final ExpositionFormatWriter prometheusText = PrometheusTextFormatWriter.create();
    private final ExpositionFormatWriter openMetrics = OpenMetricsTextFormatWriter.create();

    /** @param issueCounts counts by state plus {@code blocked} and {@code total}, as jit-core's status reports them */
    public ServerMetrics(Supplier<Map<String, Integer>> issueCounts, IntSupplier sseClients) {
        registry.register(new IssueCounts(issueCounts));
        GaugeWithCallback.builder().name("jit_sse_clients").help("Connected event-stream clients.")
                .callback(gauge -> gauge.call(sseClients.getAsInt())).register(registry);
        // Labels stay bounded: route is the route template (never the raw path), method and status are few.
        requestDuration = Histogram.builder().name("jit_api_request_duration_seconds").unit(Unit.SECONDS)
                .help("Time taken to answer API requests, by method, route template and status.")
                .labelNames("method", "route", "status")
                .classicOnly()
                .classicUpperBounds(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
                .register(registry);
        JvmMetrics.builder().register(registry);
    }

    /** One webhook endpoint's totals and how far its cursor is behind the end of the event log. */
    public record WebhookCounts(String endpoint, long delivered, long failedAttempts, long backlogBytes) {
    }

    /** Delivery counters and backlog per webhook endpoint (labels: the endpoint ids, at most 64). */
    public void registerWebhooks(Supplier<List<WebhookCounts>> endpoints) {
        CounterWithCallback.builder().name("jit_webhook_deliveries")
                .help("Events delivered (answered 2xx), by webhook endpoint.").labelNames("endpoint")
                .callback(c -> endpoints.get().forEach(e -> c.call(e.delivered(), e.endpoint()))).register(registry);
        CounterWithCallback.builder().name("jit_webhook_failed_attempts")
                .help("Delivery attempts that failed (no answer, or not 2xx), by webhook endpoint.")
                .labelNames("endpoint")
                .callback(c -> endpoints.get().forEach(e -> c.call(e.failedAttempts(), e.endpoint())))
                .register(registry);
        GaugeWithCallback.builder().name("jit_webhook_backlog_bytes").unit(Unit.BYTES)
                .help("Bytes of the event log after the endpoint's cursor: events still to deliver or pass over.")
                .labelNames("endpoint")
                .callback(g -> endpoints.get().forEach(e -> g.call(e.backlogBytes(), e.endpoint()))).register(registry);
    }

    public void observeRequest(String method, String route, int status, double seconds) {
        requestDuration.labelValues(method, route, Integer.toString(status)).observe(seconds);
    }

    /** A scrape's answer: OpenMetrics if the Accept header asks for it, else the Prometheus text format. */
    public Scrape scrape(String accept) {
        ExpositionFormatWriter writer = openMetrics.accepts(accept) ? openMetrics : prometheusText;
        ByteArrayOutputStream body = new ByteArrayOutputStream(32 * 1024);
        try {
            writer.write(body, registry.scrape(), EscapingScheme.fromAcceptHeader(accept));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Scrape(writer.getContentType(), body.toByteArray());
    }

    public record Scrape(String contentType, byte[] body) {
    }

    /**
     * Drops every collector. JvmMetrics remembers each registry it filled in a static set; emptied, this one no longer
     * holds on to the store's snapshot once the server is gone.
     */
    @Override
    public void close() {
        registry.clear();
    }
}
