package dev.jit.core.internal.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jit.core.json.Json;
import dev.jit.core.model.DispatchRecord;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * One entry of {@code dispatch.json} to and from JSON. The file is input like any other in a checkout: an
 * entry of the wrong shape is refused with the reason (the caller keeps it as it is and warns), never guessed.
 */
public final class DispatchRecordCodec {
    private static final Set<String> KNOWN = Set.of("attempts", "next_retry_at", "last_failure", "gave_up");
    /** More failed runs than any limit a dispatcher allows (a hostile count must not overflow arithmetic). */
    private static final int MAX_ATTEMPTS = 1_000_000;

    private DispatchRecordCodec() {
    }

    /** The record, or IllegalArgumentException saying which field is wrong. */
    public static DispatchRecord fromJson(String issueId, JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("is not an object");
        }
        JsonNode attempts = node.get("attempts");
        if (attempts != null && (!attempts.isIntegralNumber() || !attempts.canConvertToInt() || attempts.asInt() < 0
                || attempts.asInt() > MAX_ATTEMPTS)) {
            throw new IllegalArgumentException("\"attempts\" is not an integer from 0 to " + MAX_ATTEMPTS);
        }
        Instant retryAt = null;
        JsonNode retry = node.get("next_retry_at");
        if (retry != null && !retry.isNull()) {
            if (!retry.isTextual()) {
                throw new IllegalArgumentException("\"next_retry_at\" is not a timestamp string");
            }
            try {
                retryAt = Instant.parse(retry.asText());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("\"next_retry_at\" is not an ISO-8601 instant: " + retry);
            }
        }
        JsonNode failure = node.get("last_failure");
        if (failure != null && !failure.isNull() && !failure.isTextual()) {
            throw new IllegalArgumentException("\"last_failure\" is not a string");
        }
        JsonNode gaveUp = node.get("gave_up");
        if (gaveUp != null && !gaveUp.isBoolean()) {
            throw new IllegalArgumentException("\"gave_up\" is not true or false");
        }
        return new DispatchRecord(issueId, attempts == null ? 0 : attempts.asInt(), retryAt,
                failure == null || failure.isNull() ? null : failure.asText(), gaveUp != null && gaveUp.asBoolean(),
                IssueCodec.extras(node, KNOWN));
    }

    public static ObjectNode toJson(DispatchRecord r) {
        ObjectNode n = Json.object();
        n.put("attempts", r.attempts());
        n.put("next_retry_at", r.nextRetryAt() == null ? null : r.nextRetryAt().toString());
        n.put("last_failure", r.lastFailure());
        n.put("gave_up", r.gaveUp());
        IssueCodec.setAll(n, r.extra());
        return n;
    }
}
