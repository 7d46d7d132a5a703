package dev.jit.server.http.responses;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** {@code GET /api/events} (the OpenAPI component {@code EventList}): each event as it is in the log. */
public record EventListResponse(List<ObjectNode> events) {
}
