package dev.jit.dispatch.process;

import java.time.Instant;
import java.util.Optional;

/**
 * A process named by pid and start instant. The start instant tells a live process from a later one that
 * was given the same pid after a crash or reboot.
 */
public record ProcessId(long pid, String start) {

    public static ProcessId current() {
        return of(ProcessHandle.current());
    }

    public static ProcessId of(ProcessHandle h) {
        return new ProcessId(h.pid(), h.info().startInstant().map(Instant::toString).orElse(null));
    }

    /** The live process this id names, if it still runs. */
    public Optional<ProcessHandle> handle() {
        if (pid <= 0) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(h -> start == null
                || h.info().startInstant().map(s -> s.toString().equals(start)).orElse(true));
    }

    public boolean isAlive() {
        return handle().isPresent();
    }
}
