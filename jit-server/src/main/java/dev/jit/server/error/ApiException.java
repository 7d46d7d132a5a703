package dev.jit.server.error;

import java.util.Map;

/**
 * An HTTP-level failure that has no jit-core {@code ErrorCode} (authentication, body size, media type,
 * unknown route). Domain failures stay {@code JitException}s and map through their own codes.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final transient Map<String, Object> details;

    public ApiException(int status, String code, String message, Map<String, Object> details) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.details = Map.copyOf(details);
    }

    public ApiException(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, "UNAUTHORIZED", message);
    }

    public static ApiException payloadTooLarge(long limit) {
        return new ApiException(413, "PAYLOAD_TOO_LARGE", "Request body exceeds the limit of " + limit + " bytes",
                Map.of("limit_bytes", limit));
    }

    public static ApiException unsupportedMediaType(String got) {
        return new ApiException(415, "UNSUPPORTED_MEDIA_TYPE",
                "Request body must be JSON: send Content-Type: application/json (got "
                        + (got == null ? "none" : "'" + got + "'") + ")", Map.of());
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "INVALID_ARGUMENT", message);
    }
}
