package dev.jit.dispatch.cli;

import dev.jit.core.Jit;
import dev.jit.core.error.ErrorCode;
import dev.jit.core.error.JitException;
import dev.jit.core.model.ControlChars;
import dev.jit.dispatch.engine.Dispatcher;
import dev.jit.dispatch.process.RunLogs;
import dev.jit.dispatch.process.RunningRecords;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "logs", description = "Print the log of an issue's newest agent run (or of its attempt N): header, "
        + "the agent's output, footer. With -f, follow it until the run ends. Read-only.")
public final class LogsCommand implements Callable<Integer> {
    private static final long FOLLOW_POLL_MS = 100;

    @Option(names = {"-r", "--repo"}, paramLabel = "DIR", defaultValue = ".",
            description = "Repository whose store to read (default: current directory)")
    Path repo;

    @Parameters(paramLabel = "ISSUE", description = "Issue id or unique prefix")
    String issue;

    @Option(names = "--attempt", paramLabel = "N", description = "The newest run of attempt N (from 1)")
    Integer attempt;

    @Option(names = {"-f", "--follow"}, description = "Keep printing what the run writes until its footer (its end)")
    boolean follow;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (attempt != null && attempt < 1) {
            throw JitException.invalidArgument("--attempt must be 1 or more (got " + attempt + ")",
                    "Attempts count from 1; 'jit-dispatch status' shows each run's attempt");
        }
        Jit store = CommonOptions.openStore(repo.toAbsolutePath().normalize());
        String id = store.issues().resolveId(issue);
        Consumer<String> warn = w -> System.err.println("warning: " + w);
        RunLogs logs = new RunLogs(Dispatcher.dispatchDir(store), warn);
        RunLogs.RunLog log = logs.latest(id, attempt).orElseThrow(() -> new JitException(ErrorCode.NOT_FOUND,
                "No run log of issue " + id + (attempt == null ? "" : " for attempt " + attempt),
                Map.of("issue_id", id), List.of(attempt == null ? "The issue has not been run by jit-dispatch yet"
                        + " (or its logs were pruned: log_keep_runs, log_keep_days)"
                        : "List its runs: ls " + logs.issueDir(id))));
        RunningRecords records = new RunningRecords(Dispatcher.dispatchDir(store), warn);
        print(log.file(), id, records);
        return 0;
    }

    /**
     * Copies the log to stdout with control characters other than newlines and tabs escaped (agent output
     * must not act on the terminal); with -f keeps going until the footer is written, or the run is over
     * without one (no running record names this log any more).
     */
    private void print(Path file, String id, RunningRecords records) throws IOException, InterruptedException {
        PrintStream out = System.out;
        try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            byte[] buf = new byte[8192];
            java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();
            while (true) {
                int n = in.read(buf);
                if (n > 0) {
                    pending.write(buf, 0, n);
                    printWholeLines(pending, out);
                } else if (!follow || RunLogs.ended(file) || !running(records, id, file) && !footerDue(file)) {
                    while ((n = in.read(buf)) > 0) { // what was written after the read that found the end
                        pending.write(buf, 0, n);
                    }
                    out.print(ControlChars.escape(pending.toString(StandardCharsets.UTF_8), true));
                    out.flush();
                    return;
                } else {
                    Thread.sleep(FOLLOW_POLL_MS);
                }
            }
        }
    }

    /** Prints the complete lines gathered so far (a UTF-8 sequence never spans a newline) and keeps the rest. */
    private static void printWholeLines(java.io.ByteArrayOutputStream pending, PrintStream out) {
        byte[] bytes = pending.toByteArray();
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        if (end == 0) {
            return;
        }
        out.print(ControlChars.escape(new String(bytes, 0, end, StandardCharsets.UTF_8), true));
        out.flush();
        pending.reset();
        pending.write(bytes, end, bytes.length - end);
    }

    /**
     * Whether a run whose running record is gone is still to get its footer: the dispatcher appends it just after
     * the commit that removed the record, so the follower waits {@link #FOOTER_GRACE_MS} for it.
     */
    private boolean footerDue(Path file) {
        if (goneSince == 0) {
            goneSince = System.nanoTime();
        }
        return !RunLogs.ended(file) && System.nanoTime() - goneSince < FOOTER_GRACE_MS * 1_000_000L;
    }

    private static final long FOOTER_GRACE_MS = 3000;
    private long goneSince;

    private static boolean running(RunningRecords records, String id, Path file) {
        return records.list().stream().anyMatch(r -> r.issueId().equals(id) && (r.log() == null
                || Path.of(r.log()).normalize().equals(file)));
    }
}
