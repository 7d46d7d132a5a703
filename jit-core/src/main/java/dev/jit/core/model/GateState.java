package dev.jit.core.model;

/** The status of a gate on an issue, who set it and when (RFC 3339 UTC). */
public record GateState(GateStatus status, String updatedBy, String updatedAt) {
}
