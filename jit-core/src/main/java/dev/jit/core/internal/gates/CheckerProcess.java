package dev.jit.core.internal.gates;

import dev.jit.core.internal.Timestamps;
import dev.jit.core.model.GateChecker;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one gate checker as a child process, holding no lock: {@code sh -c command} (the reference's form) or
 * the argument vector directly, in the repository root plus {@code working_dir}, with the inherited environment,
 * the checker's {@code env} and {@code JIT_ISSUE_ID}, {@code JIT_GATE_KEY}, {@code JIT_STAGE}; stdin is
 * {@code /dev/null}. The checker gets a session (and process group) of its own, so on timeout the whole group is
 * killed (and every descendant still attached to it), not only the shell.
 */
public final class CheckerProcess {
    /** How much of stdout and of stderr a run record keeps: the last 64 KiB of each. */
    public static final int TAIL_BYTES = 64 * 1024;
    private static final Path SETSID = firstExisting("/usr/bin/setsid", "/bin/setsid");
    private static final Path KILL = firstExisting("/usr/bin/kill", "/bin/kill");

    private CheckerProcess() {
    }

    /**
     * How a run ended. {@code exitCode} is null when the checker did not exit by itself; {@code message} then says
     * why (timeout, could not start, a working directory outside the repository).
     */
    public record Execution(String status, Integer exitCode, String stdout, String stderr, Instant startedAt,
                            Instant completedAt, String message) {
        public long durationMs() {
            return completedAt.toEpochMilli() - startedAt.toEpochMilli();
        }

        public String started() {
            return Timestamps.format(startedAt);
        }

        public String completed() {
            return Timestamps.format(completedAt);
        }
    }

    /** The directory a checker runs in, or an error naming why it may not (absolute, {@code ..}, a link out). */
    public static Path workingDirectory(Path repoRoot, String workingDir) throws IOException {
        Path root = repoRoot.toRealPath();
        if (workingDir == null || workingDir.isEmpty()) {
            return root;
        }
        Path relative = Path.of(workingDir);
        if (relative.isAbsolute()) {
            throw new IOException("working_dir '" + workingDir + "' is absolute; it must be relative to the repository");
        }
        for (Path part : relative) {
            if (part.toString().equals("..")) {
                throw new IOException("working_dir '" + workingDir + "' leaves the repository ('..')");
            }
        }
        Path dir = root.resolve(relative).normalize();
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dir)) {
            throw new IOException("working_dir '" + workingDir + "' is not a directory in " + root);
        }
        Path real = dir.toRealPath();
        if (!real.startsWith(root)) {
            throw new IOException("working_dir '" + workingDir + "' leads out of the repository (to " + real
                    + " through a link)");
        }
        return real;
    }

    /** Runs {@code checker} to its end or its timeout. Never throws for the checker's sake: failures are results. */
    public static Execution run(GateChecker checker, Path repoRoot, Map<String, String> jitEnv) {
        Instant started = Instant.now();
        if (checker.problem() != null) {
            return new Execution("error", null, "", "", started, Instant.now(), "the checker cannot run: "
                    + checker.problem());
        }
        Path cwd;
        try {
            cwd = workingDirectory(repoRoot, checker.workingDir());
        } catch (IOException e) {
            return new Execution("error", null, "", "", started, Instant.now(), e.getMessage());
        }
        List<String> command = new ArrayList<>();
        if (SETSID != null) {
            command.add(SETSID.toString());
        }
        if (checker.argv() != null) {
            command.addAll(checker.argv());
        } else {
            command.addAll(List.of("sh", "-c", checker.command()));
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(checker.env());
        builder.environment().putAll(jitEnv);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new Execution("error", null, "", "", started, Instant.now(), "cannot start "
                    + command.get(SETSID == null ? 0 : 1) + ": " + e.getMessage());
        }
        TailBuffer out = new TailBuffer(process.getInputStream(), TAIL_BYTES, "checker-stdout");
        TailBuffer err = new TailBuffer(process.getErrorStream(), TAIL_BYTES, "checker-stderr");
        boolean exited;
        try {
            exited = process.waitFor(checker.timeoutSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exited = false;
        }
        if (!exited) {
            killTree(process);
        }
        // Background processes the checker left behind may hold its output open: wait a moment, then keep
        // what was read.
        awaitOutput(out, err, exited ? 2_000 : 5_000);
        Instant completed = Instant.now();
        if (!exited) {
            return new Execution("error", null, out.text(), err.text(), started, completed, "timed out after "
                    + checker.timeoutSeconds() + " s; the checker's process group was killed");
        }
        int code = process.exitValue();
        String status = code == 0 ? "passed" : code == 126 || code == 127 || code > 128 ? "error" : "failed";
        String message = code == 126 ? "exit 126: the command is not executable"
                : code == 127 ? "exit 127: command not found"
                : code > 128 ? "exit " + code + ": terminated by signal " + (code - 128) : null;
        return new Execution(status, code, out.text(), err.text(), started, completed, message);
    }

    private static void awaitOutput(TailBuffer out, TailBuffer err, long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        try {
            out.awaitEnd(TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            err.awaitEnd(TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGKILL to the checker's process group (its own session, see the class comment) and to every descendant. */
    private static void killTree(Process process) {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(process.toHandle());
        process.toHandle().descendants().forEach(tree::add);
        if (SETSID != null && KILL != null) {
            try {
                new ProcessBuilder(KILL.toString(), "-KILL", "--", "-" + process.pid())
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start().waitFor(5, TimeUnit.SECONDS);
            } catch (IOException e) {
                // fall back on the handles below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (ProcessHandle p : tree) {
            p.destroyForcibly();
        }
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Path firstExisting(String... candidates) {
        for (String c : candidates) {
            Path p = Path.of(c);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
