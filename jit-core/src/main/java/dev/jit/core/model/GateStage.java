package dev.jit.core.model;

import java.util.Locale;

/**
 * When a gate's checker runs: {@code precheck} before work starts (claim, move to in_progress), {@code postcheck}
 * when work is reported done. A gate that names no stage is a postcheck, as in the reference tool.
 */
public enum GateStage {
    PRECHECK, POSTCHECK;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return wire();
    }

    /** The stage named {@code text} (precheck or postcheck, any case), or null. */
    public static GateStage parseOrNull(String text) {
        if (text == null) {
            return null;
        }
        for (GateStage s : values()) {
            if (s.wire().equalsIgnoreCase(text)) {
                return s;
            }
        }
        return null;
    }
}
