package dev.jit.cli.support;

import dev.jit.core.error.JitException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses repeated {@code key=value} options. */
public final class KeyValues {
    private KeyValues() {
    }

    public static Map<String, String> parse(List<String> entries) {
        return parse(entries, "context", "--context branch=feature/login");
    }

    /** As {@link #parse(List)}, the error naming {@code what} and showing {@code example}. */
    public static Map<String, String> parse(List<String> entries, String what, String example) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw JitException.invalidArgument("Invalid " + what + " entry '" + entry + "': expected key=value",
                        "e.g. " + example);
            }
            out.put(entry.substring(0, eq), entry.substring(eq + 1));
        }
        return out;
    }
}
