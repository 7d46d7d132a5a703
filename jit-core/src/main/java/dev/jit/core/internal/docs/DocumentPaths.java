package dev.jit.core.internal.docs;

import dev.jit.core.error.JitException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Validation of document paths: relative to a root, never escaping it. */
public final class DocumentPaths {
    private DocumentPaths() {
    }

    /** {@code path} as a normalised, forward-slash path relative to {@code root}; INVALID_ARGUMENT if it leaves root. */
    public static String relativize(Path root, String path) {
        if (path == null || path.isBlank() || path.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw JitException.invalidArgument("Invalid document path: '" + path + "'");
        }
        Path p;
        try {
            p = Path.of(path);
        } catch (InvalidPathException e) {
            throw JitException.invalidArgument("Invalid document path: " + e.getMessage());
        }
        Path rel = p.normalize();
        if (p.isAbsolute()) {
            Path absRoot = root.toAbsolutePath().normalize();
            if (!rel.startsWith(absRoot)) {
                throw outside(path);
            }
            rel = absRoot.relativize(rel);
        }
        String s = rel.toString().replace('\\', '/');
        if (s.isEmpty() || s.equals("..") || s.startsWith("../") || s.equals(".git") || s.startsWith(".git/")) {
            throw outside(path);
        }
        return s;
    }

    private static JitException outside(String path) {
        return JitException.invalidArgument("Document path must name a file inside the repository: " + path,
                "Give the path relative to the repository root, e.g. docs/design.md");
    }
}
