package dev.jit.server.http;

import dev.jit.core.query.IssueFilter;
import dev.jit.server.error.ApiException;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Query-string parsing with 400s that name the parameter. */
final class Params {
    private Params() {
    }

    static int intParam(Context ctx, String name, int fallback, int min, int max) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int v = Integer.parseInt(raw.trim());
            if (v < min || v > max) {
                throw ApiException.badRequest("Parameter '" + name + "' must be between " + min + " and " + max);
            }
            return v;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Parameter '" + name + "' must be an integer, got '" + raw + "'");
        }
    }

    static boolean boolParam(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return false;
        }
        return switch (raw.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw ApiException.badRequest("Parameter '" + name + "' must be true or false");
        };
    }

    /** Every value of a parameter, whether repeated ({@code ?a=x&a=y}) or comma-separated ({@code ?a=x,y}). */
    static List<String> values(Context ctx, String name) {
        List<String> out = new ArrayList<>();
        for (String raw : ctx.queryParams(name)) {
            Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
        }
        return out;
    }

    /**
     * The filter given by the {@code state, assignee, priority, label, blocked} parameters: values of one
     * parameter are alternatives, different parameters must all match (jit-core's filter syntax).
     */
    static IssueFilter filter(Context ctx) {
        List<String> terms = new ArrayList<>();
        for (String field : IssueFilter.FIELDS) {
            List<String> vals = values(ctx, field);
            for (String v : vals) {
                if (v.contains("|")) {
                    throw ApiException.badRequest("Parameter '" + field + "' value must not contain '|'");
                }
            }
            if (!vals.isEmpty()) {
                terms.add(field + ":" + String.join("|", vals));
            }
        }
        return IssueFilter.parse(String.join(",", terms));
    }
}
