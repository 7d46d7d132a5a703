package dev.jit.server.http.responses;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** {@code GET /api/issues/{id}/gate-runs} (the OpenAPI component {@code GateRunList}): records, newest first. */
public record GateRunListResponse(List<ObjectNode> runs, int count) {
}
