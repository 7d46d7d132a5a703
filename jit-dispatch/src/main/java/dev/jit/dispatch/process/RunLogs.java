package dev.jit.dispatch.process;

import dev.jit.core.model.ControlChars;
import dev.jit.core.model.Names;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One log file per agent run: {@code <store>/dispatch/logs/<issue>/attempt-<n>.<start>.log}, where the start
 * is the UTC instant with {@code -} for {@code :}. The dispatcher writes a header before the agent starts
 * (issue, agent, attempt, command, start) and a footer once its end is recorded (exit code or signal,
 * duration); between them is the agent's stdout and stderr. Lines the dispatcher writes begin with
 * {@link #MARK}.
 */
public final class RunLogs {
    /** The start of every header and footer line. */
    public static final String MARK = "==> ";
    private static final String FOOTER = MARK + "ended ";
    private static final Pattern NAME = Pattern.compile("attempt-(\\d{1,9})\\.(\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-\\d\\d(?:\\.\\d+)?Z)\\.log");

    /** One run's log file. */
    public record RunLog(Path file, int attempt, Instant started) {
    }

    private final Path dir;
    private final Consumer<String> warnings;

    public RunLogs(Path dispatchDir, Consumer<String> warnings) {
        this.dir = dispatchDir.resolve("logs");
        this.warnings = warnings;
    }

    /** The directory of an issue's run logs; the id (read from files, so hostile) must be one path component. */
    public Path issueDir(String issueId) {
        if (!Names.isName(issueId)) {
            throw new IllegalArgumentException("not an issue id: " + issueId);
        }
        return dir.resolve(issueId);
    }

    /**
     * The run log a running record names, if it is one of the issue's run logs (a record is a file in the
     * store, so its path is checked before anything is written to it).
     */
    public Optional<Path> ownLog(String issueId, String log) {
        if (log == null) {
            return Optional.empty();
        }
        try {
            Path file = Path.of(log).normalize();
            return file.getParent() != null && file.getParent().equals(issueDir(issueId))
                    && NAME.matcher(file.getFileName().toString()).matches() ? Optional.of(file) : Optional.empty();
        } catch (IllegalArgumentException e) { // not a path, or not an issue id
            return Optional.empty();
        }
    }

    /** The log file of the issue's run {@code attempt} claimed at {@code claimed} (not created yet). */
    public Path fileFor(String issueId, int attempt, Instant claimed) {
        return issueDir(issueId).resolve("attempt-" + attempt + "." + claimed.toString().replace(':', '-') + ".log");
    }

    /** Creates a new run's log with its header; the agent's output is appended after it. */
    public void create(Path file, String issueId, String agentId, int attempt, List<String> argv, Instant started)
            throws IOException {
        Files.createDirectories(file.getParent());
        String header = MARK + "jit-dispatch run of issue " + issueId + " by agent " + agentId + ", attempt " + attempt
                + "\n" + MARK + "command: " + ControlChars.escape(String.join(" ", argv), false) + "\n"
                + MARK + "started: " + started + "\n";
        Files.writeString(file, header, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Appends the footer: {@code ==> ended <instant> after <duration>: <how>}. A log that is gone (pruned, or
     * removed by hand) gets none; a log that is not a regular file is never written through.
     */
    public void footer(Path log, Instant ended, Duration ran, String how) {
        if (!Files.isRegularFile(log, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        String line = (tail(log, 1).endsWith("\n") ? "" : "\n") + FOOTER + ended + " after " + seconds(ran) + ": " + how + "\n";
        try {
            Files.writeString(log, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            warnings.accept("cannot write the footer of " + log + ": " + e.getMessage());
        }
    }

    /** How an exit reads in a footer: the code, the signal it stands for, and why the dispatcher stopped it. */
    public static String describeExit(Integer exitCode, String stopReason) {
        String how = exitCode == null ? "exit status unknown (adopted after a dispatcher restart)"
                : exitCode > 128 && exitCode < 128 + 65 ? "killed by signal " + (exitCode - 128) + " (exit code "
                        + exitCode + ")" : "exit code " + exitCode;
        return stopReason == null ? how : how + ", stopped by the dispatcher: " + stopReason;
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    /** Every run log of the issue, oldest first (by start). */
    public List<RunLog> list(String issueId) {
        Path issueLogs = issueDir(issueId);
        List<RunLog> out = new ArrayList<>();
        if (!Files.isDirectory(issueLogs, LinkOption.NOFOLLOW_LINKS)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(issueLogs)) {
            for (Path f : files) {
                Matcher m = NAME.matcher(f.getFileName().toString());
                if (m.matches() && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    try {
                        out.add(new RunLog(f, Integer.parseInt(m.group(1)), Instant.parse(m.group(2)
                                .replaceFirst("T(\\d\\d)-(\\d\\d)-(\\d\\d)", "T$1:$2:$3"))));
                    } catch (DateTimeParseException e) {
                        // not a name this class wrote
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(Comparator.comparing(RunLog::started).thenComparing(RunLog::attempt));
        return out;
    }

    /** The newest run log of the issue, or of its attempt {@code attempt} when that is not null. */
    public Optional<RunLog> latest(String issueId, Integer attempt) {
        List<RunLog> all = list(issueId);
        for (int i = all.size() - 1; i >= 0; i--) {
            if (attempt == null || all.get(i).attempt() == attempt) {
                return Optional.of(all.get(i));
            }
        }
        return Optional.empty();
    }

    /** Keeps the issue's newest {@code keep} run logs and deletes the others. */
    public void keepNewest(String issueId, int keep) {
        List<RunLog> all = list(issueId);
        for (RunLog old : all.subList(0, Math.max(0, all.size() - keep))) {
            delete(old.file());
        }
    }

    /**
     * Deletes run logs (and logs of earlier versions, {@code logs/<issue>.log}) not written to for
     * {@code maxAge}, except those of {@code activeIssues}, and issue directories left empty.
     */
    public void deleteOlderThan(Duration maxAge, Set<String> activeIssues, Instant now) {
        if (maxAge.isZero() || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Instant cutoff = now.minus(maxAge);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS) && Names.isName(name)
                        && !activeIssues.contains(name)) {
                    for (RunLog log : list(name)) {
                        if (olderThan(log.file(), cutoff)) {
                            delete(log.file());
                        }
                    }
                    try {
                        Files.deleteIfExists(entry); // only succeeds when empty
                    } catch (java.nio.file.DirectoryNotEmptyException ignored) {
                        // still has logs
                    }
                } else if (name.endsWith(".log") && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)
                        && !activeIssues.contains(name.substring(0, name.length() - 4)) && olderThan(entry, cutoff)) {
                    delete(entry);
                }
            }
        } catch (IOException e) {
            warnings.accept("cannot prune old run logs in " + dir + ": " + e.getMessage());
        }
    }

    private static boolean olderThan(Path file, Instant cutoff) {
        try {
            return Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(cutoff);
        } catch (IOException e) {
            return false;
        }
    }

    private void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            warnings.accept("cannot delete old run log " + file + ": " + e.getMessage());
        }
    }

    /** Whether the log has its footer (the run's end was recorded). */
    public static boolean ended(Path log) {
        return tail(log, 512).contains(FOOTER);
    }

    /** The last line the agent printed (escaped for a terminal), or null when it printed nothing yet. */
    public static String lastOutputLine(Path log) {
        String[] lines = tail(log, 4096).split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            String line = lines[i].strip();
            if (!line.isEmpty() && !line.startsWith(MARK)) {
                return ControlChars.escape(line.length() > 200 ? line.substring(0, 200) + "…" : line, false);
            }
        }
        return null;
    }

    /** The agent's first output after the header (up to {@code max} bytes), or "" when none. */
    public static String firstOutput(Path log, int max) {
        byte[] head = read(log, 0, 4096 + max);
        String text = new String(head, StandardCharsets.UTF_8);
        int at = 0;
        while (text.startsWith(MARK, at)) {
            int nl = text.indexOf('\n', at);
            if (nl < 0) {
                return "";
            }
            at = nl + 1;
        }
        return text.substring(at, Math.min(text.length(), at + max));
    }

    /** The last {@code max} bytes of the file as text ("" when it cannot be read). */
    static String tail(Path log, int max) {
        try {
            long size = Files.size(log);
            return new String(read(log, Math.max(0, size - max), max), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static byte[] read(Path log, long from, int max) {
        if (!Files.isRegularFile(log, LinkOption.NOFOLLOW_LINKS)) {
            return new byte[0];
        }
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            f.seek(from);
            byte[] buf = new byte[(int) Math.min(max, Math.max(0, f.length() - from))];
            f.readFully(buf);
            return buf;
        } catch (IOException e) {
            return new byte[0]; // gone or unreadable: nothing to show
        }
    }
}
