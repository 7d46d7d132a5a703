package dev.jit.server.auth;

import dev.jit.core.error.ErrorCode;
import dev.jit.core.error.JitException;
import dev.jit.server.error.ApiException;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;

/**
 * Bearer-token check for write endpoints. Reads stay open. With no token configured every write is
 * refused (403) with a hint how to enable writes; a missing or wrong token is 401.
 */
public final class TokenAuth {
    private final byte[] expectedDigest;

    /** @param token the configured token, or null when writes are disabled */
    public TokenAuth(String token) {
        this.expectedDigest = token == null ? null : sha256(token);
    }

    public boolean writesEnabled() {
        return expectedDigest != null;
    }

    public void requireWriter(Context ctx) {
        if (expectedDigest == null) {
            throw new JitException(ErrorCode.PERMISSION_DENIED,
                    "Write endpoints are disabled: no API token is configured",
                    Map.of(), List.of("Start jit-server with JIT_API_TOKEN=<secret> or --token-file <file>",
                    "Then send 'Authorization: Bearer <secret>' with each write request"));
        }
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"jit\"");
            throw ApiException.unauthorized("Missing 'Authorization: Bearer <token>' header");
        }
        // Comparing fixed-length digests in constant time leaks neither content nor length of the token.
        if (!MessageDigest.isEqual(expectedDigest, sha256(header.substring(7).trim()))) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"jit\", error=\"invalid_token\"");
            throw ApiException.unauthorized("Invalid API token");
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
