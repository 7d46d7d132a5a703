package dev.jit.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A gate definition from the registry, in the reference tool's shape. {@code stage} and {@code mode} are null
 * when the file does not name them (an older store): they are then not written either. {@code checker} is null
 * for a gate that is passed by attestation only. Fields this version does not model ({@code version},
 * {@code priority}, {@code reserved}, ...) are kept in {@code extra} and written back unchanged.
 */
public record Gate(String key, String title, String description, GateStage stage, String mode, GateChecker checker,
                   boolean auto, String exampleIntegration, Map<String, JsonNode> extra) {
    /** The reference's default priority (lower runs first). */
    public static final int DEFAULT_PRIORITY = 100;

    public Gate {
        extra = Collections2.orderedCopy(extra);
    }

    /** A gate passed by attestation, as {@code jit registry add} without a checker defines it. */
    public Gate(String key, String title, String description, boolean auto, String exampleIntegration,
                Map<String, JsonNode> extra) {
        this(key, title, description, null, null, null, auto, exampleIntegration, extra);
    }

    /** When the checker runs; postcheck unless the definition says precheck. */
    public GateStage effectiveStage() {
        return stage == null ? GateStage.POSTCHECK : stage;
    }

    /** The order checkers of one stage run in: lower first (the reference's {@code priority}). */
    public int priority() {
        JsonNode p = extra.get("priority");
        return p != null && p.canConvertToInt() ? p.intValue() : DEFAULT_PRIORITY;
    }
}
