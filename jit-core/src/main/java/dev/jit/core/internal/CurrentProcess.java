package dev.jit.core.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's id, for lock-holder notes and temp-file names. */
public final class CurrentProcess {
    private CurrentProcess() {
    }

    /**
     * The pid, read from the {@code /proc/self} link on Linux: {@code ProcessHandle.current()} initialises
     * the process-reaper machinery, about 9 ms of a short-lived CLI command.
     */
    public static long pid() {
        return Holder.PID;
    }

    private static final class Holder {
        static final long PID = read();

        private static long read() {
            try {
                return Long.parseLong(Files.readSymbolicLink(Path.of("/proc/self")).toString());
            } catch (IOException | RuntimeException e) {
                // no /proc (not Linux), no symbolic links, or not a number: ask the JDK
                return ProcessHandle.current().pid();
            }
        }
    }
}
