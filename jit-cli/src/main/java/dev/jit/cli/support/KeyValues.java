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
        Map<String, String> out = new LinkedHashMap<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw JitException.invalidArgument("Invalid context entry '" + entry + "': expected key=value",
                        "e.g. --context branch=feature/login");
            }
            out.put(entry.substring(0, eq), entry.substring(eq + 1));
        }
        return out;
    }
}
