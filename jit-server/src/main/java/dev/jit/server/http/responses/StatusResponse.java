package dev.jit.server.http.responses;

import java.util.Map;

/**
 * {@code GET /api/status} (the OpenAPI component {@code Status}): {@code open} repeats {@code backlog} (its
 * legacy name).
 */
public record StatusResponse(int backlog, int open, int ready, int inProgress, int gated, int done, int archived,
                             int rejected, int blocked, int total) {

    /** From jit-core's counts, keyed by state wire name plus {@code blocked} and {@code total}. */
    public static StatusResponse of(Map<String, Integer> counts) {
        int backlog = counts.get("backlog");
        return new StatusResponse(backlog, backlog, counts.get("ready"), counts.get("in_progress"),
                counts.get("gated"), counts.get("done"), counts.get("archived"), counts.get("rejected"),
                counts.get("blocked"), counts.get("total"));
    }
}
