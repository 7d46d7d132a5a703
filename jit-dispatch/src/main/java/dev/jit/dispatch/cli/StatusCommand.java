package dev.jit.dispatch.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jit.core.json.Json;
import dev.jit.core.model.ControlChars;
import dev.jit.core.model.Issue;
import dev.jit.core.Jit;
import dev.jit.dispatch.config.AgentConfig;
import dev.jit.dispatch.config.ConfigException;
import dev.jit.dispatch.config.DispatchConfig;
import dev.jit.dispatch.engine.Dispatcher;
import dev.jit.dispatch.engine.Scheduler;
import dev.jit.dispatch.process.RunningRecord;
import dev.jit.dispatch.process.RunningRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "status", description = "Show the agent pool, the running agents (issue, pid, age) and the "
        + "queue of ready work in dispatch order. Read-only.")
public final class StatusCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--json", description = "Print JSON instead of tables")
    boolean json;

    /** A running record with what is known about its process now. */
    private record Run(RunningRecord record, String status, Duration age) {
    }

    @Override
    public Integer call() throws ConfigException {
        DispatchConfig config = common.loadConfig();
        Jit store = common.openStore();
        Scheduler scheduler = new Scheduler(config);
        List<Issue> queue = scheduler.queue(store);
        Instant now = Instant.now();
        List<Run> runs = new RunningRecords(Dispatcher.dispatchDir(store), w -> System.err.println("warning: " + w))
                .list().stream()
                .map(r -> new Run(r, status(r), r.startedAt() == null ? Duration.ZERO
                        : Duration.between(Instant.parse(r.startedAt()), now)))
                .toList();
        if (json) {
            printJson(config, queue, runs, scheduler);
        } else {
            printText(config, store, queue, runs, scheduler);
        }
        return 0;
    }

    private static String status(RunningRecord r) {
        if (r.kept()) {
            return "kept";
        }
        if (r.pid() > 0) {
            return r.process().isAlive() ? "running" : r.owner().isAlive() ? "ending" : "orphaned";
        }
        return r.owner().isAlive() ? "starting" : "orphaned";
    }

    private static long count(List<Run> runs, AgentConfig a) {
        return runs.stream().filter(r -> r.record().agentId().equals(a.id())).count();
    }

    private void printText(DispatchConfig config, Jit store, List<Issue> queue, List<Run> runs, Scheduler s) {
        System.out.println("Store: " + store.dataDir() + "   config: " + config.file());
        System.out.println();
        System.out.printf("%-20s %-12s %-9s %s%n", "AGENT", "TYPE", "SLOTS", "FILTER");
        for (AgentConfig a : config.agents()) {
            System.out.printf("%-20s %-12s %-9s %s%n", a.id(), a.type(), count(runs, a) + "/" + a.maxConcurrent(),
                    a.filterText() == null ? "-" : a.filterText());
        }
        System.out.println();
        System.out.println("Running (" + runs.size() + "):");
        if (!runs.isEmpty()) {
            System.out.printf("  %-38s %-20s %-8s %-9s %s%n", "ISSUE", "AGENT", "PID", "AGE", "STATUS");
            for (Run r : runs) {
                System.out.printf("  %-38s %-20s %-8s %-9s %s%n", r.record().issueId(), r.record().agentId(),
                        r.record().pid() > 0 ? r.record().pid() : "-", age(r.age()), r.status());
            }
        }
        System.out.println();
        System.out.println("Ready queue (" + queue.size() + "):");
        for (Issue i : queue) {
            String agent = s.agentFor(i, a -> true).map(AgentConfig::id).orElse("(no agent takes it)");
            System.out.printf("  %-38s %-9s %-20s %s%n", i.id(), i.priority().wire(), agent,
                    ControlChars.escape(i.title(), false)); // a stored title must not act on the terminal
        }
    }

    private void printJson(DispatchConfig config, List<Issue> queue, List<Run> runs, Scheduler s) {
        ObjectNode root = Json.object();
        ArrayNode pool = root.putArray("agents");
        for (AgentConfig a : config.agents()) {
            ObjectNode n = pool.addObject();
            n.put("id", a.id());
            n.put("type", a.type());
            n.put("max_concurrent", a.maxConcurrent());
            n.put("running", count(runs, a));
            n.put("filter", a.filterText());
        }
        ArrayNode running = root.putArray("running");
        for (Run r : runs) {
            ObjectNode n = r.record().toJson();
            n.put("status", r.status());
            n.put("age_secs", r.age().toSeconds());
            running.add(n);
        }
        ArrayNode q = root.putArray("queue");
        for (Issue i : queue) {
            ObjectNode n = q.addObject();
            n.put("id", i.id());
            n.put("title", i.title());
            n.put("priority", i.priority().wire());
            n.put("agent", s.agentFor(i, a -> true).map(AgentConfig::id).orElse(null));
        }
        System.out.println(Json.pretty(root));
    }

    private static String age(Duration d) {
        long s = d.toSeconds();
        return s < 60 ? s + "s" : s < 3600 ? s / 60 + "m" + s % 60 + "s" : s / 3600 + "h" + s % 3600 / 60 + "m";
    }
}
