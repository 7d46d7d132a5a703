package dev.jit.core.model;

import java.util.Locale;

/** Result recorded for one gate on one issue. */
public enum GateStatus {
    PENDING, PASSED, FAILED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return wire();
    }

    public static GateStatus parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
