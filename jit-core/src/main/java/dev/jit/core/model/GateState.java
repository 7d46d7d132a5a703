package dev.jit.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The status of a gate on an issue, who set it and when (RFC 3339 UTC). {@code extra} keeps fields a newer
 * version wrote into the entry.
 */
public record GateState(GateStatus status, String updatedBy, String updatedAt, Map<String, JsonNode> extra) {
    public GateState {
        extra = Collections2.orderedCopy(extra);
    }

    public GateState(GateStatus status, String updatedBy, String updatedAt) {
        this(status, updatedBy, updatedAt, Map.of());
    }
}
