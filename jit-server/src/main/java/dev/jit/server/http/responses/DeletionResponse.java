package dev.jit.server.http.responses;

import java.util.List;

/** {@code DELETE /api/issues/{id}} (the OpenAPI component {@code Deletion}). */
public record DeletionResponse(List<String> deleted, List<String> detachedDependents) {
}
