package dev.jit.core.model;

import dev.jit.core.error.ErrorCode;
import dev.jit.core.error.JitException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Lifecycle state of an issue. "Blocked" is never stored: it is derived from dependencies. */
public enum State {
    BACKLOG("backlog"),
    READY("ready"),
    IN_PROGRESS("in_progress"),
    GATED("gated"),
    DONE("done"),
    ARCHIVED("archived"),
    /** Closed without doing the work; bypasses gates and, like done, no longer blocks dependents. */
    REJECTED("rejected");

    private final String wire;

    State(String wire) {
        this.wire = wire;
    }

    /** The snake_case name used in files, JSON output and on the command line. */
    public String wire() {
        return wire;
    }

    /** Whether this state releases dependents (a dependency in this state no longer blocks). */
    public boolean isClosed() {
        return this == DONE || this == REJECTED;
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(State::wire).toList();
    }

    /** Parses user or file input: case-insensitive, accepts the legacy aliases open, inprogress and in-progress. */
    public static State parse(String text) {
        String key = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        State state = switch (key) {
            case "open" -> BACKLOG;
            case "inprogress", "in-progress" -> IN_PROGRESS;
            default -> {
                for (State s : values()) {
                    if (s.wire.equals(key)) {
                        yield s;
                    }
                }
                yield null;
            }
        };
        if (state == null) {
            throw new JitException(ErrorCode.INVALID_STATE, "Invalid state: " + text,
                    Map.of("invalid_state", String.valueOf(text)),
                    List.of("Valid states: " + String.join(", ", wireNames())));
        }
        return state;
    }

    @Override
    public String toString() {
        return wire;
    }
}
