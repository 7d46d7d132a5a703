package dev.jit.server.http.requests;

/** {@code POST /api/issues/{id}/dependencies} (the OpenAPI component {@code DependencyAdd}). */
public record AddDependencyRequest(String dependsOn) {
}
