package dev.jit.server.error;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty raises before a request reaches Javalin (e.g. a NUL byte or an ambiguous encoding in the
 * path) get the same JSON error body instead of Jetty's HTML page.
 */
public final class JettyErrors extends ErrorHandler {
    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        String text = message == null || message.isBlank() ? HttpStatus.getMessage(code) : message;
        byte[] body = ErrorResponses.body(ErrorResponses.codeFor(code), text, Map.of(), List.of())
                .getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, ErrorResponses.CONTENT_TYPE);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
