package dev.jit.server.config;

import java.util.Locale;
import java.util.Map;

/**
 * The log level from {@code JIT_LOG_LEVEL}, else {@code RUST_LOG} (so the reference deployment's unit file
 * and .env keep working), mapped onto slf4j-simple's levels.
 */
public final class LogLevel {
    private LogLevel() {
    }

    /** slf4j-simple level name, or null to keep the default (info). */
    public static String fromEnv(Map<String, String> env) {
        String raw = env.getOrDefault("JIT_LOG_LEVEL", "");
        if (raw.isBlank()) {
            raw = env.getOrDefault("RUST_LOG", "");
        }
        return raw.isBlank() ? null : parse(raw);
    }

    /**
     * Accepts a plain level ({@code debug}) or RUST_LOG directives ({@code jit_server=debug,tower=warn}):
     * a bare level wins, else the first directive's level. Unknown words fall back to info.
     */
    static String parse(String raw) {
        String chosen = null;
        for (String directive : raw.split(",")) {
            String d = directive.trim();
            if (d.isEmpty()) {
                continue;
            }
            int eq = d.indexOf('=');
            if (eq < 0) {
                chosen = d;
                break;
            }
            if (chosen == null) {
                chosen = d.substring(eq + 1);
            }
        }
        return switch (chosen == null ? "" : chosen.trim().toLowerCase(Locale.ROOT)) {
            case "trace" -> "trace";
            case "debug" -> "debug";
            case "warn", "warning" -> "warn";
            case "error" -> "error";
            case "off", "none" -> "off";
            default -> "info";
        };
    }
}
