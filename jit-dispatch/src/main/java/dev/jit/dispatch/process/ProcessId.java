package dev.jit.dispatch.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * A process named by pid and start instant. The start instant tells a live process from a later one that
 * was given the same pid after a crash or reboot.
 */
public record ProcessId(long pid, String start) {
    private static final Path PROC = Path.of("/proc");

    public static ProcessId current() {
        return of(ProcessHandle.current());
    }

    public static ProcessId of(ProcessHandle h) {
        return new ProcessId(h.pid(), h.info().startInstant().map(Instant::toString).orElse(null));
    }

    /** The live process this id names, if it still runs (a zombie has ended: only its exit status is left). */
    public Optional<ProcessHandle> handle() {
        if (pid <= 0) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(h -> !hasEnded(h)).filter(h -> start == null
                || h.info().startInstant().map(s -> s.toString().equals(start)).orElse(true));
    }

    public boolean isAlive() {
        return handle().isPresent();
    }

    /**
     * Whether the process has ended: it is gone, its pid names a later process (the handle keeps the start
     * time), or it is a zombie waiting for a parent to reap it. The JDK counts a zombie as alive, and a
     * process whose dispatcher died is reaped by init or a subreaper, which need not do so promptly.
     */
    static boolean hasEnded(ProcessHandle h) {
        if (!h.isAlive()) {
            return true;
        }
        try {
            String stat = Files.readString(PROC.resolve(Long.toString(h.pid())).resolve("stat"), StandardCharsets.US_ASCII);
            // "pid (comm) S ...": the state follows the last ')' (comm may itself contain parentheses)
            int close = stat.lastIndexOf(')');
            char state = close >= 0 && close + 2 < stat.length() ? stat.charAt(close + 2) : '?';
            return state == 'Z' || state == 'X';
        } catch (NoSuchFileException e) {
            return Files.isDirectory(PROC.resolve("self")); // with /proc mounted, no entry means gone
        } catch (IOException e) {
            return false; // no /proc to ask: trust isAlive
        }
    }
}
