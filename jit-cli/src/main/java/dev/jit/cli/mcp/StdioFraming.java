package dev.jit.cli.mcp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.jit.core.json.Json;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The stdio framing (one JSON-RPC message per line) between the client and the SDK's transport, which
 * needs two guards: the SDK stops reading for good at a line it cannot parse, so lines that are not
 * JSON-RPC messages are answered here (-32700 parse error, -32600 invalid request) and never reach it;
 * and when the client closes stdin, requests it already sent still get their responses before the end. A call
 * of a tool that does not exist is answered here too, naming it (the SDK's answer does not say which).
 */
final class StdioFraming {
    private static final JsonFactory JSON = new JsonFactory();

    private final BufferedReader client;
    private final OutputStream clientOut;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private final Object drained = new Object();

    private final Set<String> toolNames;

    StdioFraming(InputStream in, OutputStream out, Set<String> toolNames) {
        this.client = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.clientOut = out;
        this.toolNames = Set.copyOf(toolNames);
    }

    /** What the SDK reads: the client's valid messages, then end of input once {@link #release()} is called. */
    InputStream input() {
        return new InputStream() {
            private byte[] line = new byte[0];
            private int pos;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                while (pos == line.length) {
                    String next = client.readLine();
                    if (next == null) {
                        ended.countDown();
                        awaitQuietly(released);
                        return -1;
                    }
                    if (admit(next)) {
                        line = (next + "\n").getBytes(StandardCharsets.UTF_8);
                        pos = 0;
                    }
                }
                int n = Math.min(len, line.length - pos);
                System.arraycopy(line, pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }

    /** What the SDK writes: whole lines go to the client, and responses settle pending requests. */
    OutputStream output() {
        return new OutputStream() {
            private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

            @Override
            public synchronized void write(int b) throws IOException {
                write(new byte[]{(byte) b}, 0, 1);
            }

            @Override
            public synchronized void write(byte[] b, int off, int len) throws IOException {
                for (int i = off; i < off + len; i++) {
                    if (b[i] == '\n') {
                        partial.write(b, off, i - off + 1);
                        byte[] message = partial.toByteArray();
                        partial.reset();
                        send(message);
                        settle(message);
                        len -= i - off + 1;
                        off = i + 1;
                    }
                }
                partial.write(b, off, len);
            }
        };
    }

    /** Blocks until the client has closed stdin. */
    void awaitEnd() {
        awaitQuietly(ended);
    }

    /** Waits (at most {@code limit}) until every request read so far has its response. */
    void awaitResponses(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (drained) {
            while (!pending.isEmpty() && System.nanoTime() < deadline) {
                try {
                    drained.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Lets the SDK see the end of input. */
    void release() {
        released.countDown();
    }

    /** Whether a line goes to the SDK; a line that is not a JSON-RPC message is answered here instead. */
    private boolean admit(String line) throws IOException {
        if (line.isBlank()) {
            return false;
        }
        JsonNode message;
        try {
            message = Json.parse(line);
        } catch (RuntimeException e) {
            reject(null, -32700, "Parse error: not JSON (one JSON-RPC message per line)");
            return false;
        }
        JsonNode id = message.get("id");
        boolean request = message.path("method").isTextual();
        boolean response = id != null && (message.has("result") || message.has("error"));
        if (!message.isObject() || !"2.0".equals(message.path("jsonrpc").asText()) || !(request || response)
                || id != null && !(id.isTextual() || id.isIntegralNumber())) {
            reject(id != null && (id.isTextual() || id.isIntegralNumber()) ? id : null, -32600,
                    "Invalid request: expected a JSON-RPC 2.0 request, notification or response object");
            return false;
        }
        if (request && id != null && "tools/call".equals(message.get("method").asText())
                && !toolNames.contains(message.path("params").path("name").asText())) {
            String name = message.path("params").path("name").asText();
            reject(id, -32602, "Unknown tool '" + (name.length() > 80 ? name.substring(0, 80) + "…" : name)
                    + "': tools/list names the " + toolNames.size() + " tools (e.g. issue_show, query_ready)");
            return false;
        }
        if (request && id != null) {
            pending.add(id.toString());
        }
        return true;
    }

    private void reject(JsonNode id, int code, String message) throws IOException {
        String error = "{\"jsonrpc\":\"2.0\",\"id\":" + (id == null ? "null" : id.toString())
                + ",\"error\":{\"code\":" + code + ",\"message\":" + Json.compact(message) + "}}\n";
        send(error.getBytes(StandardCharsets.UTF_8));
    }

    private void send(byte[] message) throws IOException {
        synchronized (clientOut) {
            clientOut.write(message);
            clientOut.flush();
        }
    }

    /** Reads just enough of an outgoing message to tell whether it answers a pending request. */
    private void settle(byte[] message) {
        String id = null;
        try (JsonParser p = JSON.createParser(message)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("method")) {
                    return; // a request or notification of the server's own
                }
                if (field.equals("id")) {
                    id = value == JsonToken.VALUE_STRING ? Json.compact(p.getText()) : p.getText();
                } else if ((field.equals("result") || field.equals("error")) && id != null) {
                    break;
                }
                p.skipChildren();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (id != null && pending.remove(id)) {
            synchronized (drained) {
                drained.notifyAll();
            }
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
