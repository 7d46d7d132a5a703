package dev.jit.core.model;

/** A link from an issue to a file in the enclosing git repository; a null commit means HEAD. */
public record DocumentReference(String path, String commit, String label, String docType) {
}
