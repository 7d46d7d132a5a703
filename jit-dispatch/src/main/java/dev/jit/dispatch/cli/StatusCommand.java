package dev.jit.dispatch.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jit.core.Jit;
import dev.jit.core.json.Json;
import dev.jit.core.model.ControlChars;
import dev.jit.core.model.DispatchRecord;
import dev.jit.core.model.Issue;
import dev.jit.core.query.IssueFilter;
import dev.jit.dispatch.config.AgentConfig;
import dev.jit.dispatch.config.ConfigException;
import dev.jit.dispatch.config.DispatchConfig;
import dev.jit.dispatch.engine.Dispatcher;
import dev.jit.dispatch.engine.Scheduler;
import dev.jit.dispatch.process.RunLogs;
import dev.jit.dispatch.process.RunningRecord;
import dev.jit.dispatch.process.RunningRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "status", description = "Show the agent pool, every run (issue, agent, attempt, start, last output, "
        + "idle time; flagged when its dispatcher is gone or it has no process), in-progress issues no process "
        + "works on, held-back issues and the ready queue in dispatch order. Read-only.")
public final class StatusCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--json", description = "Print JSON instead of tables")
    boolean json;

    /** Flag of a run whose owning dispatcher is no longer running: nothing supervises it. */
    static final String DISPATCHER_GONE = "dispatcher_gone";
    /** Flag of a run without a live agent process (it ended, was lost, or is a kept orphan). */
    static final String NO_PROCESS = "no_process";

    /** A running record with what is known about its process and log now. */
    private record Run(RunningRecord record, String status, Instant started, Duration age, Duration idle,
                       String lastOutput, boolean dispatcherAlive, boolean processAlive, List<String> flags) {
    }

    @Override
    public Integer call() throws ConfigException {
        DispatchConfig config = common.loadConfig();
        Jit store = common.openStore();
        Consumer<String> warn = w -> System.err.println("warning: " + w);
        Scheduler scheduler = new Scheduler(config);
        Map<String, DispatchRecord> dispatchRecords = store.agents().dispatchRecords();
        List<Issue> queue = scheduler.queue(store);
        Instant now = Instant.now();
        RunLogs logs = new RunLogs(Dispatcher.dispatchDir(store), warn);
        List<Run> runs = new RunningRecords(Dispatcher.dispatchDir(store), warn).list().stream()
                .map(r -> run(r, logs, now)).toList();
        Set<String> withRecord = runs.stream().map(r -> r.record().issueId()).collect(Collectors.toSet());
        List<Issue> unworked = store.queries().list(IssueFilter.parse("state:in_progress")).stream()
                .map(v -> v.issue()).filter(i -> i.assignee() != null && config.agentForAssignee(i.assignee()).isPresent()
                        && !withRecord.contains(i.id())).toList();
        if (json) {
            printJson(config, queue, runs, unworked, dispatchRecords, scheduler);
        } else {
            printText(config, store, queue, runs, unworked, dispatchRecords, scheduler, now);
        }
        return 0;
    }

    private static Run run(RunningRecord r, RunLogs logs, Instant now) {
        boolean dispatcherAlive = r.owner().isAlive();
        boolean processAlive = r.pid() > 0 && r.process().isAlive();
        String status = r.kept() ? "kept"
                : r.pid() > 0 ? processAlive ? dispatcherAlive ? "running" : "unsupervised"
                        : dispatcherAlive ? "ending" : "orphaned"
                : dispatcherAlive ? "starting" : "orphaned";
        List<String> flags = new ArrayList<>();
        if (!dispatcherAlive) {
            flags.add(DISPATCHER_GONE);
        }
        if (!processAlive && !status.equals("starting")) {
            flags.add(NO_PROCESS);
        }
        Instant started = null;
        try {
            started = r.startedAt() == null ? null : Instant.parse(r.startedAt());
        } catch (DateTimeParseException e) {
            // a damaged record: shown without a start
        }
        Path log = logs.ownLog(r.issueId(), r.log()).orElse(null);
        Duration idle = null;
        String last = null;
        if (log != null) {
            last = RunLogs.lastOutputLine(log);
            try {
                idle = Duration.between(Files.getLastModifiedTime(log).toInstant(), now);
            } catch (java.io.IOException e) {
                // no log yet
            }
        }
        return new Run(r, status, started, started == null ? null : Duration.between(started, now), idle, last,
                dispatcherAlive, processAlive, List.copyOf(flags));
    }

    private static long count(List<Run> runs, AgentConfig a) {
        return runs.stream().filter(r -> r.record().agentId().equals(a.id())).count();
    }

    private void printText(DispatchConfig config, Jit store, List<Issue> queue, List<Run> runs, List<Issue> unworked,
                           Map<String, DispatchRecord> dispatchRecords, Scheduler s, Instant now) {
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
            System.out.printf("  %-38s %-16s %-7s %-8s %-20s %-7s %-7s %-13s %s%n", "ISSUE", "AGENT", "ATTEMPT", "PID",
                    "STARTED", "AGE", "IDLE", "STATUS", "LAST OUTPUT");
            for (Run r : runs) {
                System.out.printf("  %-38s %-16s %-7s %-8s %-20s %-7s %-7s %-13s %s%n", r.record().issueId(),
                        r.record().agentId(), r.record().attempt(), r.record().pid() > 0 ? r.record().pid() : "-",
                        r.started() == null ? "-" : r.started().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                        age(r.age()), age(r.idle()), r.status(), r.lastOutput() == null ? "-" : r.lastOutput());
            }
            for (Run r : runs) {
                if (r.flags().contains(DISPATCHER_GONE)) {
                    System.out.println("  ! " + r.record().issueId() + ": its dispatcher (pid " + r.record().owner().pid()
                            + ") is gone; nothing supervises this run until a dispatcher starts on this store"
                            + (r.processAlive() ? " (the agent process still runs)" : " (no agent process either)"));
                }
            }
        }
        if (!unworked.isEmpty()) {
            System.out.println();
            System.out.println("In progress with no agent process (" + unworked.size() + "):");
            for (Issue i : unworked) {
                System.out.printf("  ! %-38s %-20s %s%n", i.id(), i.assignee(), ControlChars.escape(i.title(), false));
            }
        }
        if (!dispatchRecords.isEmpty()) {
            System.out.println();
            System.out.println("Held back (" + dispatchRecords.size() + "):");
            System.out.printf("  %-38s %-8s %-22s %s%n", "ISSUE", "ATTEMPTS", "NEXT RETRY", "LAST FAILURE");
            for (DispatchRecord d : dispatchRecords.values()) {
                String next = d.gaveUp() ? DispatchRecord.NEEDS_HUMAN : d.nextRetryAt() == null
                        || !d.nextRetryAt().isAfter(now) ? "now" : "in " + age(Duration.between(now, d.nextRetryAt()));
                System.out.printf("  %-38s %-8s %-22s %s%n", d.issueId(), d.attempts() + "/"
                        + config.retry().maxAttempts(), next, d.lastFailure() == null ? "-"
                        : ControlChars.escape(d.lastFailure(), false));
            }
        }
        System.out.println();
        System.out.println("Ready queue (" + queue.size() + "):");
        for (Issue i : queue) {
            String agent = heldBack(i, dispatchRecords.get(i.id()), now);
            if (agent == null) {
                agent = s.agentFor(i, a -> true).map(AgentConfig::id).orElse("(no agent takes it)");
            }
            System.out.printf("  %-38s %-9s %-20s %s%n", i.id(), i.priority().wire(), agent,
                    ControlChars.escape(i.title(), false)); // a stored title must not act on the terminal
        }
    }

    private void printJson(DispatchConfig config, List<Issue> queue, List<Run> runs, List<Issue> unworked,
                           Map<String, DispatchRecord> dispatchRecords, Scheduler s) {
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
            n.put("age_secs", r.age() == null ? null : r.age().toSeconds());
            n.put("idle_secs", r.idle() == null ? null : r.idle().toSeconds());
            n.put("last_output", r.lastOutput());
            n.put("dispatcher_alive", r.dispatcherAlive());
            n.put("process_alive", r.processAlive());
            ArrayNode flags = n.putArray("flags");
            r.flags().forEach(flags::add);
            running.add(n);
        }
        ArrayNode stranded = root.putArray("in_progress_without_process");
        for (Issue i : unworked) {
            ObjectNode n = stranded.addObject();
            n.put("id", i.id());
            n.put("title", i.title());
            n.put("assignee", i.assignee());
        }
        ArrayNode held = root.putArray("held_back");
        for (DispatchRecord d : dispatchRecords.values()) {
            ObjectNode n = held.addObject();
            n.put("issue_id", d.issueId());
            n.put("attempts", d.attempts());
            n.put("max_attempts", config.retry().maxAttempts());
            n.put("next_retry_at", d.nextRetryAt() == null ? null : d.nextRetryAt().toString());
            n.put("last_failure", d.lastFailure());
            n.put("gave_up", d.gaveUp());
        }
        ArrayNode q = root.putArray("queue");
        for (Issue i : queue) {
            ObjectNode n = q.addObject();
            n.put("id", i.id());
            n.put("title", i.title());
            n.put("priority", i.priority().wire());
            n.put("agent", s.agentFor(i, a -> true).map(AgentConfig::id).orElse(null));
            n.put("held_back", heldBack(i, dispatchRecords.get(i.id()), Instant.now()));
        }
        System.out.println(Json.pretty(root));
    }

    /** Why the dispatcher does not hand out a ready issue now ("needs:human", "retry in 20s"), or null. */
    private static String heldBack(Issue i, DispatchRecord r, Instant now) {
        if (i.labels().contains(DispatchRecord.NEEDS_HUMAN)) {
            return DispatchRecord.NEEDS_HUMAN;
        }
        if (r != null && r.gaveUp()) {
            return null; // the label was removed: the next cycle resets its attempts
        }
        return r != null && r.nextRetryAt() != null && r.nextRetryAt().isAfter(now)
                ? "retry in " + age(Duration.between(now, r.nextRetryAt())) : null;
    }

    private static String age(Duration d) {
        if (d == null) {
            return "-";
        }
        long s = Math.max(0, d.toSeconds());
        return s < 60 ? s + "s" : s < 3600 ? s / 60 + "m" + s % 60 + "s" : s / 3600 + "h" + s % 3600 / 60 + "m";
    }
}
