package dev.jit.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A gate definition from the registry. Fields this version does not model (the reference's later
 * versions add stage, mode, checker, ...) are kept in {@code extra} and written back unchanged.
 */
public record Gate(String key, String title, String description, boolean auto, String exampleIntegration,
                   Map<String, JsonNode> extra) {
    public Gate {
        extra = Collections2.orderedCopy(extra);
    }
}
