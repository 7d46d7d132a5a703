package dev.jit.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A link from an issue to a file in the enclosing git repository; a null commit means HEAD. {@code extra}
 * keeps fields a newer version wrote into the entry.
 */
public record DocumentReference(String path, String commit, String label, String docType,
                                Map<String, JsonNode> extra) {
    public DocumentReference {
        extra = Collections2.orderedCopy(extra);
    }

    public DocumentReference(String path, String commit, String label, String docType) {
        this(path, commit, label, docType, Map.of());
    }
}
