package dev.jit.server.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot.UnknownDataPointSnapshot;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code jit_issues_total}, {@code jit_issues_by_state{state}} and {@code jit_issues_blocked}, from one read of the
 * counts per scrape, so the three agree even while writes go on.
 */
final class IssueCounts implements MultiCollector {
    private final Supplier<Map<String, Integer>> counts;

    /** @param counts counts by state plus {@code blocked} and {@code total}, as jit-core's status reports them */
    IssueCounts(Supplier<Map<String, Integer>> counts) {
        this.counts = counts;
    }

    @Override
    public MetricSnapshots collect() {
        Map<String, Integer> current = counts.get();
        GaugeSnapshot.Builder byState = GaugeSnapshot.builder().name("jit_issues_by_state")
                .help("Issues in the store by lifecycle state.");
        current.forEach((state, n) -> {
            if (!state.equals("total") && !state.equals("blocked")) {
                byState.dataPoint(GaugeDataPointSnapshot.builder().labels(Labels.of("state", state)).value(n).build());
            }
        });
        return MetricSnapshots.of(
                // The deployment guide names this jit_issues_total. A gauge may not end in _total (promtool says so),
                // and it is no counter (deletes lower it), hence untyped ("unknown" in OpenMetrics).
                UnknownSnapshot.builder().name("jit_issues_total").help("Issues in the store (current count).")
                        .dataPoint(UnknownDataPointSnapshot.builder().value(current.get("total")).build()).build(),
                byState.build(),
                GaugeSnapshot.builder().name("jit_issues_blocked")
                        .help("Open issues blocked by unfinished dependencies.")
                        .dataPoint(GaugeDataPointSnapshot.builder().value(current.get("blocked")).build()).build());
    }
}
