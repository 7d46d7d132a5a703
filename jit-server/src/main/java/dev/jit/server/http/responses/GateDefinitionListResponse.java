package dev.jit.server.http.responses;

import java.util.List;

/**
 * {@code GET /api/gates} (the OpenAPI component {@code GateDefinitionList}): the registry's gates, by key. Only
 * what a client needs to pick one: a checker's command and environment stay on the server.
 */
public record GateDefinitionListResponse(List<Definition> gates) {
    /** {@code checked}: the gate has a checker (passed by running it, not by attestation). */
    public record Definition(String key, String title, String description, String stage, boolean checked) {
    }
}
