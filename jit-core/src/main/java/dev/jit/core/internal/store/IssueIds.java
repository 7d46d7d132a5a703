package dev.jit.core.internal.store;

import dev.jit.core.model.Issue;

import dev.jit.core.internal.RandomUuids;
import dev.jit.core.error.ErrorCode;
import dev.jit.core.error.JitException;
import dev.jit.core.model.Names;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Issue id rules: what a valid id looks like, how new ones are made, how a short prefix is resolved. */
public final class IssueIds {
    public static final int MIN_PREFIX = Issue.MIN_ID_PREFIX;

    private IssueIds() {
    }

    public static String newId() {
        return RandomUuids.next().toString();
    }

    /** A name of at most 128 characters without "..": no path separators, so an id can never leave issues/. */
    public static boolean isValid(String id) {
        return Names.isName(id) && id.length() <= 128 && !id.contains("..");
    }

    public static void requireValid(String id) {
        if (!isValid(id)) {
            throw new JitException(ErrorCode.INVALID_ARGUMENT, "Invalid issue id: '" + id + "'",
                    Map.of("issue_id", String.valueOf(id)),
                    List.of("Ids are UUIDs such as 9db27a3a-86c5-4d79-9582-9ad68364ea36, or a unique prefix of "
                            + MIN_PREFIX + "+ characters"));
        }
    }

    /** Resolves an exact id or a unique prefix of at least {@link #MIN_PREFIX} characters. */
    public static String resolve(String idOrPrefix, Collection<String> known, boolean exactKnown) {
        requireValid(idOrPrefix);
        if (exactKnown) {
            return idOrPrefix;
        }
        String needle = idOrPrefix.toLowerCase(java.util.Locale.ROOT);
        if (needle.length() < MIN_PREFIX) {
            throw new JitException(ErrorCode.INVALID_ARGUMENT,
                    "Id prefix '" + idOrPrefix + "' is too short: use at least " + MIN_PREFIX + " characters",
                    Map.of("issue_id", idOrPrefix), List.of("Run 'jit issue list' to see full ids"));
        }
        List<String> matches = new ArrayList<>();
        for (String id : known) {
            if (id.toLowerCase(java.util.Locale.ROOT).startsWith(needle)) {
                matches.add(id);
            }
        }
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.isEmpty()) {
            throw JitException.issueNotFound(idOrPrefix);
        }
        throw new JitException(ErrorCode.AMBIGUOUS_ID,
                "Ambiguous id prefix '" + idOrPrefix + "' matches " + matches.size() + " issues: "
                        + String.join(", ", matches.subList(0, Math.min(10, matches.size())))
                        + (matches.size() > 10 ? ", …" : ""),
                Map.of("issue_id", idOrPrefix, "candidates", matches),
                List.of("Use a longer prefix"));
    }
}
