package dev.jit.server.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** The {@code jit_api_request_duration_seconds} histogram, one series per method, route template and status. */
public final class RequestMetrics {
    static final double[] BUCKETS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    record Key(String method, String route, int status) {
    }

    static final class Series {
        final LongAdder[] buckets = new LongAdder[BUCKETS.length];
        final LongAdder count = new LongAdder();
        final DoubleAdder sum = new DoubleAdder();

        Series() {
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
            }
        }
    }

    private final Map<Key, Series> series = new ConcurrentHashMap<>();

    public void observe(String method, String route, int status, double seconds) {
        Series s = series.computeIfAbsent(new Key(method, route, status), k -> new Series());
        for (int i = 0; i < BUCKETS.length; i++) {
            if (seconds <= BUCKETS[i]) {
                s.buckets[i].increment();
                break;
            }
        }
        s.count.increment();
        s.sum.add(seconds);
    }

    void writeTo(Exposition out) {
        out.header("jit_api_request_duration_seconds", "histogram",
                "Time taken to answer API requests, by method, route template and status.");
        series.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(Key::route)
                        .thenComparing(Key::method).thenComparingInt(Key::status)))
                .forEach(e -> {
                    Key k = e.getKey();
                    Series s = e.getValue();
                    String labels = "method=\"" + Exposition.escape(k.method()) + "\",route=\""
                            + Exposition.escape(k.route()) + "\",status=\"" + k.status() + "\"";
                    long cumulative = 0;
                    for (int i = 0; i < BUCKETS.length; i++) {
                        cumulative += s.buckets[i].sum();
                        out.sample("jit_api_request_duration_seconds_bucket",
                                labels + ",le=\"" + Exposition.number(BUCKETS[i]) + "\"", cumulative);
                    }
                    // Read count once so +Inf and _count agree even while requests keep arriving.
                    long count = Math.max(cumulative, s.count.sum());
                    out.sample("jit_api_request_duration_seconds_bucket", labels + ",le=\"+Inf\"", count);
                    out.sample("jit_api_request_duration_seconds_sum", labels, s.sum.sum());
                    out.sample("jit_api_request_duration_seconds_count", labels, count);
                });
    }
}
