package dev.jit.dispatch.testkit;

import dev.jit.core.events.EventFilter;

import dev.jit.core.Jit;


import static org.assertj.core.api.Assertions.assertThat;

import dev.jit.core.events.Event;
import dev.jit.core.model.Issue;
import dev.jit.core.model.Priority;
import dev.jit.core.model.State;
import dev.jit.core.Issues;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A real repository with a store, real agent scripts and real dispatcher processes (the shaded jar). The test
 * JVM itself edits the store through jit-core, as a human with the jit CLI would.
 */
public final class Harness implements AutoCloseable {
    public static final Path JAR = Path.of("target/jit-dispatch.jar").toAbsolutePath();
    /** Class path for child JVMs that use jit-core (agents marking work done). */
    public static final String TOOL_CP = Path.of("target/test-classes").toAbsolutePath() + File.pathSeparator + JAR;
    private static final List<String> FAST_JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto");

    public final Path dir;
    public final Path repo;
    public final Path dataDir;
    public final Path times;
    public final Jit store;
    public final Issues issues;
    private final List<Process> children = new ArrayList<>();

    public Harness(Path dir) {
        this.dir = dir;
        this.repo = dir.resolve("repo");
        this.dataDir = repo.resolve(".jit");
        this.times = dir.resolve("times.log");
        Jit.init(dataDir);
        this.store = StoreTool.open(dataDir, "human:test");
        this.issues = store.issues();
    }

    public String create(Priority p, String title, String... labels) {
        return issues.create(new Issues.NewIssue(title, "", p, List.of(), List.of(labels), null)).id();
    }

    public Issue issue(String id) {
        return store.queries().show(id).issue();
    }

    public void markDone(String id) {
        issues.update(id, new Issues.Edit(null, null, null, State.DONE, null, null, null, null));
    }

    public List<Event> events(String type) {
        return store.events().query(new EventFilter(List.of(type), null, null, null, 0));
    }

    /**
     * The standard test agent: records {@code start|end <issue> <agent> <nanos> <pid>} in times.log and acts
     * on its title: {@code fail} exits 3, {@code lazy} exits 0 without finishing, {@code hang} sleeps,
     * {@code stubborn} ignores SIGTERM, {@code once-hang} hangs only on its first attempt, {@code chatty} prints
     * a line every 0.2 s for ever and leaves a process outside its tree (its pid in $TIMES.escaped), {@code slow}
     * prints a terminal escape and then ten lines 0.3 s apart before it finishes; everything else
     * sleeps $AGENT_SLEEP and marks the issue done through jit-core in a child JVM, or, when the dispatcher
     * was given $DONE_DIR, through the {@link DoneService} JVM.
     */
    public Path agentScript() {
        String body = """
                #!/bin/bash
                set -u
                rec() { echo "$1 $JIT_ISSUE_ID $JIT_AGENT_ID $(date +%%s%%N) $$" >> "$TIMES"; }
                rec start
                echo "agent $JIT_AGENT_ID working on $JIT_ISSUE_ID: $3 ($2)"
                case "$3" in
                  *fail*) rec end; exit 3 ;;
                  *lazy*) rec end; exit 0 ;;
                  *once-hang*) if [ ! -e "$TIMES.$JIT_ISSUE_ID" ]; then touch "$TIMES.$JIT_ISSUE_ID"; sleep 600; fi ;;
                  *stubborn*) trap '' TERM; while true; do sleep 1; done ;;
                  *chatty*) (sleep 600 & echo $! > "$TIMES.escaped"); while true; do echo "still busy"; sleep 0.2; done ;;
                  *slow*) printf 'evil \033]0;owned\007\n'; for i in $(seq 1 10); do echo "tick $i"; sleep 0.3; done ;;
                  *hang*) sleep 600 ;;
                esac
                sleep "${AGENT_SLEEP:-0.2}"
                if [ -n "${DONE_DIR:-}" ]; then
                  echo "$JIT_AGENT_ID" > "$DONE_DIR/$JIT_ISSUE_ID.tmp" && mv "$DONE_DIR/$JIT_ISSUE_ID.tmp" "$DONE_DIR/$JIT_ISSUE_ID.req"
                  while [ ! -e "$DONE_DIR/$JIT_ISSUE_ID.ok" ]; do sleep 0.02; done
                else
                  java %s -cp "%s" dev.jit.dispatch.testkit.StoreTool done || exit 9
                fi
                rec end
                """.formatted(String.join(" ", FAST_JVM), TOOL_CP);
        return script("agent.sh", body);
    }

    /** The shell command that marks $JIT_ISSUE_ID done as $JIT_AGENT_ID (a child JVM using jit-core). */
    public static String doneCommand() {
        return "java " + String.join(" ", FAST_JVM) + " -cp \"" + TOOL_CP + "\" dev.jit.dispatch.testkit.StoreTool done";
    }

    /** Runs {@code git} in the repository and returns its output; fails the test when git fails. */
    public String git(String... args) {
        List<String> argv = new ArrayList<>(List.of("git", "-C", repo.toString(), "-c", "user.name=test",
                "-c", "user.email=test@example.com"));
        argv.addAll(Arrays.asList(args));
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as("git %s: %s", Arrays.toString(args), out).isZero();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    public Path script(String name, String body) {
        Path p = dir.resolve(name);
        try {
            Files.writeString(p, body);
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    public Path config(String name, String toml) {
        Path p = dir.resolve(name);
        try {
            Files.writeString(p, toml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** One {@code [[agents]]} table running the standard agent script. */
    public String agent(String id, int max, String filter) {
        return "[[agents]]\nid = \"" + id + "\"\ntype = \"test\"\nmax_concurrent = " + max + "\ncommand = \""
                + agentScript() + " {issue_id} {priority} {title}\"\n"
                + (filter == null ? "" : "filter = \"" + filter + "\"\n");
    }

    /**
     * Starts a {@link DoneService} for this store and returns the environment that makes agents use it;
     * the process ends with the test JVM's cleanup via {@link #close()}.
     */
    public Map<String, String> doneService() {
        Path reqDir = dir.resolve("done-requests");
        try {
            Files.createDirectories(reqDir);
            List<String> argv = new ArrayList<>(List.of(javaBin()));
            argv.addAll(FAST_JVM);
            argv.addAll(List.of("-cp", TOOL_CP, "dev.jit.dispatch.testkit.DoneService", dataDir.toString(),
                    reqDir.toString()));
            children.add(new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("done-service.out").toFile()).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("DONE_DIR", reqDir.toString());
    }

    /** Kills what this harness started that is still running (dispatchers of failed tests, the done service). */
    public void close() {
        for (Process p : children) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    /** A dispatcher process. */
    public final class Dispatch {
        public final Process process;
        public final Path out;

        Dispatch(Process process, Path out) {
            this.process = process;
            this.out = out;
        }

        public String output() {
            try {
                return Files.readString(out, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public void awaitOutput(String text, Duration timeout) {
            await(() -> output().contains(text), timeout, () -> "dispatcher output containing '" + text + "':\n" + this);
        }

        public int waitFor(Duration timeout) {
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("dispatcher did not exit in " + timeout + ":\n" + output());
                }
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            return process.exitValue();
        }

        public void kill9() {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(10));
        }

        /** SIGTERM (Process.destroy() sends SIGTERM on Unix). */
        public void term() {
            process.destroy();
        }

        @Override
        public String toString() {
            return output();
        }
    }

    public Dispatch launch(String command, Path config, Map<String, String> env) {
        return launch(List.of(command, "-c", config.toString(), "-r", repo.toString()), env);
    }

    /** Runs the jar with exactly these arguments (in the repository, with $TIMES set). */
    public Dispatch launch(List<String> args, Map<String, String> env) {
        List<String> argv = new ArrayList<>(List.of(javaBin()));
        argv.addAll(FAST_JVM);
        argv.add("-jar");
        argv.add(JAR.toString());
        argv.addAll(args);
        Path out = dir.resolve("dispatch-" + System.nanoTime() + ".out");
        ProcessBuilder pb = new ProcessBuilder(argv).directory(repo.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile());
        pb.environment().put("TIMES", times.toString());
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            children.add(p);
            return new Dispatch(p, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Dispatch launch(String command, Path config) {
        return launch(command, config, Map.of());
    }

    /** Runs a command to completion and returns it. */
    public Dispatch run(String command, Path config, Duration timeout) {
        Dispatch d = launch(command, config);
        d.waitFor(timeout);
        return d;
    }

    /** Runs the jar with these arguments to completion. */
    public Dispatch run(List<String> args, Duration timeout) {
        Dispatch d = launch(args, Map.of());
        d.waitFor(timeout);
        return d;
    }

    /** Kills the process and everything it started with SIGKILL and waits until they are gone. */
    public static void kill9(long pid) {
        ProcessHandle p = ProcessHandle.of(pid).orElseThrow();
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        await(() -> hasEnded(pid), Duration.ofSeconds(10), () -> "process " + pid + " to end");
    }

    public static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** One line of times.log. */
    public record Mark(String kind, String issue, String agent, long nanos, long pid) {
    }

    public List<Mark> marks() {
        if (!Files.exists(times)) {
            return List.of();
        }
        try {
            return Files.readAllLines(times).stream().filter(l -> !l.isBlank()).map(l -> l.split(" "))
                    .map(f -> new Mark(f[0], f[1], f[2], Long.parseLong(f[3]), Long.parseLong(f[4]))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Mark> starts() {
        return marks().stream().filter(m -> m.kind().equals("start")).toList();
    }

    public long startsOf(String issue) {
        return starts().stream().filter(m -> m.issue().equals(issue)).count();
    }

    /**
     * The most agent runs that overlapped at any moment, per agent, from the recorded start and end
     * times (runs without an end yet count as still running).
     */
    public static int maxOverlap(List<Mark> marks, String agent) {
        List<long[]> points = new ArrayList<>();
        for (Mark m : marks) {
            if (m.agent().equals(agent)) {
                // at equal times an end counts before a start: the slot was free again
                points.add(new long[]{m.nanos(), m.kind().equals("start") ? 1 : -1});
            }
        }
        points.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int cur = 0;
        int max = 0;
        for (long[] p : points) {
            cur += (int) p[1];
            max = Math.max(max, cur);
        }
        return max;
    }

    public static void await(BooleanSupplier condition, Duration timeout, Supplier<String> what) {
        Instant end = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what.get());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    public void awaitAllDone(List<String> ids, Duration timeout, Dispatch... dispatchers) {
        await(() -> ids.stream().allMatch(id -> issue(id).state() == State.DONE), timeout,
                () -> "all issues done; dispatcher output:\n" + String.join("\n----\n",
                        Arrays.stream(dispatchers).map(Dispatch::output).toList()));
    }

    /** The issue's run logs, oldest first (their names sort by attempt, then start). */
    public List<Path> runLogs(String issue) {
        Path dir = dataDir.resolve("dispatch/logs/" + issue);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the process is gone or a zombie (a process reparented to an init that does not reap it). */
    public static boolean hasEnded(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
        } catch (java.nio.file.NoSuchFileException e) {
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void assertNotAlive(long pid) {
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .as("process %d is gone", pid).isFalse();
    }
}
