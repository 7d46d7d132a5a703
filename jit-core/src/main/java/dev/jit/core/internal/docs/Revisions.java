package dev.jit.core.internal.docs;

import dev.jit.core.error.JitException;

/** Checks user-supplied revisions and document paths before they reach git or the file system. */
public final class Revisions {
    private Revisions() {
    }

    /** A revision expression (sha, branch, tag, HEAD~2, …): non-empty, no leading '-', no control characters. */
    public static String check(String rev) {
        if (rev == null || rev.isBlank() || rev.startsWith("-") || rev.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw JitException.invalidArgument("Invalid revision: '" + rev + "'",
                    "Give a commit hash, branch, tag or expression such as HEAD~1");
        }
        return rev;
    }
}
