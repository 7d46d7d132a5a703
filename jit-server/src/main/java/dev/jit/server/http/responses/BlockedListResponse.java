package dev.jit.server.http.responses;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** {@code GET /api/blocked} (the OpenAPI component {@code BlockedList}): each issue's JSON with its block reasons. */
public record BlockedListResponse(List<ObjectNode> issues, int total) {
}
