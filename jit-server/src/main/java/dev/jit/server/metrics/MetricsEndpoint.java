package dev.jit.server.metrics;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.OperatingSystemMXBean;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/** Renders {@code /api/metrics}: issue counts, request durations, live streams and JVM basics. */
public final class MetricsEndpoint {
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final RequestMetrics requests;
    private final Supplier<Map<String, Integer>> issueCounts;
    private final IntSupplier sseClients;

    /** @param issueCounts counts by state plus {@code blocked} and {@code total}, as jit-core's status reports them */
    public MetricsEndpoint(RequestMetrics requests, Supplier<Map<String, Integer>> issueCounts, IntSupplier sseClients) {
        this.requests = requests;
        this.issueCounts = issueCounts;
        this.sseClients = sseClients;
    }

    public String render() {
        Exposition out = new Exposition();
        Map<String, Integer> counts = issueCounts.get();
        // The deployment guide names this jit_issues_total; "untyped" because a gauge may not end in _total.
        out.header("jit_issues_total", "untyped", "Issues in the store (current count).");
        out.sample("jit_issues_total", null, counts.get("total"));
        out.header("jit_issues_by_state", "gauge", "Issues in the store by lifecycle state.");
        counts.forEach((state, n) -> {
            if (!state.equals("total") && !state.equals("blocked")) {
                out.sample("jit_issues_by_state", "state=\"" + Exposition.escape(state) + "\"", n);
            }
        });
        out.gauge("jit_issues_blocked", "Open issues blocked by unfinished dependencies.", counts.get("blocked"));
        out.gauge("jit_sse_clients", "Connected event-stream clients.", sseClients.getAsInt());
        requests.writeTo(out);
        jvm(out);
        return out.toString();
    }

    private static void jvm(Exposition out) {
        var memory = ManagementFactory.getMemoryMXBean();
        MemoryUsage heap = memory.getHeapMemoryUsage();
        MemoryUsage nonHeap = memory.getNonHeapMemoryUsage();
        out.header("jvm_memory_used_bytes", "gauge", "Used JVM memory by area.");
        out.sample("jvm_memory_used_bytes", "area=\"heap\"", heap.getUsed());
        out.sample("jvm_memory_used_bytes", "area=\"nonheap\"", nonHeap.getUsed());
        out.header("jvm_memory_committed_bytes", "gauge", "Committed JVM memory by area.");
        out.sample("jvm_memory_committed_bytes", "area=\"heap\"", heap.getCommitted());
        out.sample("jvm_memory_committed_bytes", "area=\"nonheap\"", nonHeap.getCommitted());
        out.gauge("jvm_memory_max_bytes", "Maximum heap size (-1 if undefined).", heap.getMax());
        var threads = ManagementFactory.getThreadMXBean();
        out.gauge("jvm_threads_current", "Live JVM threads.", threads.getThreadCount());
        out.gauge("jvm_threads_peak", "Peak live JVM threads.", threads.getPeakThreadCount());
        out.header("jvm_gc_collections_total", "counter", "Garbage collections by collector.");
        var gcs = ManagementFactory.getGarbageCollectorMXBeans();
        for (GarbageCollectorMXBean gc : gcs) {
            out.sample("jvm_gc_collections_total", "gc=\"" + Exposition.escape(gc.getName()) + "\"",
                    Math.max(0, gc.getCollectionCount()));
        }
        out.header("jvm_gc_collection_seconds_total", "counter", "Time spent in garbage collection by collector.");
        for (GarbageCollectorMXBean gc : gcs) {
            out.sample("jvm_gc_collection_seconds_total", "gc=\"" + Exposition.escape(gc.getName()) + "\"",
                    Math.max(0, gc.getCollectionTime()) / 1000.0);
        }
        var runtime = ManagementFactory.getRuntimeMXBean();
        out.gauge("process_start_time_seconds", "Start time of the process since the Unix epoch.",
                runtime.getStartTime() / 1000.0);
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            out.header("process_cpu_seconds_total", "counter", "CPU time used by the process.");
            out.sample("process_cpu_seconds_total", null, sun.getProcessCpuTime() / 1e9);
        }
        if (os instanceof UnixOperatingSystemMXBean unix) {
            out.gauge("process_open_fds", "Open file descriptors.", unix.getOpenFileDescriptorCount());
            out.gauge("process_max_fds", "Maximum open file descriptors.", unix.getMaxFileDescriptorCount());
        }
    }
}
