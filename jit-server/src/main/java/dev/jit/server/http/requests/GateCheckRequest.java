package dev.jit.server.http.requests;

import java.util.List;

/**
 * {@code POST /api/issues/{id}/gates/check} (the OpenAPI component {@code GateCheck}): the gates to run; absent or
 * empty, every gate of the issue that has a checker.
 */
public record GateCheckRequest(List<String> gates) {
}
