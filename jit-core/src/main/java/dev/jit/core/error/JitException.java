package dev.jit.core.error;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A user-facing failure: a typed code, a one-line message, structured details and next steps. */
public class JitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final Map<String, Object> details;
    private final List<String> suggestions;

    public JitException(ErrorCode code, String message) {
        this(code, message, Map.of(), List.of(), null);
    }

    public JitException(ErrorCode code, String message, Map<String, ?> details, List<String> suggestions) {
        this(code, message, details, suggestions, null);
    }

    public JitException(ErrorCode code, String message, Map<String, ?> details, List<String> suggestions,
                        Throwable cause) {
        super(message, cause);
        this.code = code;
        this.details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
        this.suggestions = List.copyOf(suggestions);
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }

    public List<String> suggestions() {
        return suggestions;
    }

    public static JitException invalidArgument(String message, String... suggestions) {
        return new JitException(ErrorCode.INVALID_ARGUMENT, message, Map.of(), List.of(suggestions));
    }

    public static JitException issueNotFound(String id) {
        return new JitException(ErrorCode.ISSUE_NOT_FOUND, "Issue not found: " + id, Map.of("issue_id", id),
                List.of("Run 'jit issue list' to see existing issues",
                        "Ids can be shortened to any unique prefix of 4 or more characters"));
    }
}
