package dev.jit.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What the dispatchers of a store remember about one issue between runs, in {@code dispatch.json}: how many
 * agent runs of it failed, when it may be handed out again, why the last one failed, and whether the
 * dispatchers gave up on it (the issue then carries {@code needs:human} until a human removes it).
 *
 * @param attempts    failed runs counted so far (a failure to start the program is not a run)
 * @param nextRetryAt not handed out before this instant; null: whenever it is ready
 * @param lastFailure why the last run failed, or null
 * @param gaveUp      true once {@code attempts} reached the limit and the issue was labelled {@code needs:human}
 * @param extra       fields this version does not know, kept on every write
 */
public record DispatchRecord(String issueId, int attempts, Instant nextRetryAt, String lastFailure, boolean gaveUp,
                             Map<String, JsonNode> extra) {
    /** The label a dispatcher puts on an issue it gave up on; removing it lets the issue be dispatched again. */
    public static final String NEEDS_HUMAN = "needs:human";

    public DispatchRecord {
        Objects.requireNonNull(issueId, "issueId");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must be >= 0, got " + attempts);
        }
        extra = Collections2.orderedCopy(extra);
    }

    /** An issue with no failed run yet. */
    public static DispatchRecord fresh(String issueId) {
        return new DispatchRecord(issueId, 0, null, null, false, Map.of());
    }

    /** One more failed run, held back until {@code retryAt}. */
    public DispatchRecord failed(String reason, Instant retryAt) {
        return new DispatchRecord(issueId, attempts + 1, retryAt, reason, gaveUp, extra);
    }

    /** Held back until {@code retryAt} for {@code reason} without counting a run (the program did not start). */
    public DispatchRecord heldBack(String reason, Instant retryAt) {
        return new DispatchRecord(issueId, attempts, retryAt, reason, gaveUp, extra);
    }

    /** Given up on: no more runs until a human clears {@link #NEEDS_HUMAN}. */
    public DispatchRecord givenUp() {
        return new DispatchRecord(issueId, attempts, null, lastFailure, true, extra);
    }
}
