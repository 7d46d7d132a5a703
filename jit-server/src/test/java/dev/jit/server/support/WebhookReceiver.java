package dev.jit.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.jit.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A real webhook receiver on loopback (the JDK's HttpServer), one path per endpoint, each with its own secret.
 * It checks every request's signature as a receiver should (a bad one is answered 401 and counted), can fail
 * the first deliveries of a path with 500 or hold its requests until released, and can go away and come back on
 * the same port. It records every request; {@link #accepted} are those it answered 2xx.
 */
public final class WebhookReceiver implements AutoCloseable {
    /** One request as received. */
    public record Delivery(String path, String eventId, String eventType, String deliveryId, int attempt,
                           String headerEvent, String contentType, JsonNode body, byte[] raw, int answered) {
    }

    private final int port;
    private final Map<String, Inbox> paths = new ConcurrentHashMap<>();
    private final List<Delivery> received = new ArrayList<>();
    private final AtomicInteger badSignatures = new AtomicInteger();
    private HttpServer server;

    private static final class Inbox {
        final String secret;
        final AtomicInteger failuresLeft;
        final AtomicInteger arrived = new AtomicInteger();
        volatile CountDownLatch hold;

        Inbox(String secret, int failFirst) {
            this.secret = secret;
            this.failuresLeft = new AtomicInteger(failFirst);
        }
    }

    public WebhookReceiver() {
        this(0);
    }

    private WebhookReceiver(int port) {
        this.port = start(port);
    }

    public int port() {
        return port;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** Serves {@code path}: requests signed with {@code secret}; the first {@code failFirst} answered 500. */
    public WebhookReceiver endpoint(String path, String secret, int failFirst) {
        paths.put(path, new Inbox(secret, failFirst));
        return this;
    }

    /** From now on requests to {@code path} wait (the connection open, no answer) until {@link #release}. */
    public void hold(String path) {
        paths.get(path).hold = new CountDownLatch(1);
    }

    public void release(String path) {
        CountDownLatch h = paths.get(path).hold;
        paths.get(path).hold = null;
        if (h != null) {
            h.countDown();
        }
    }

    /** Stops listening: connections are refused until {@link #restart}. */
    public synchronized void stop() {
        server.stop(0);
        server = null;
    }

    /** Listens again on the same port. */
    public void restart() {
        start(port);
    }

    private synchronized int start(int p) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), p), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "webhook-receiver");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange x) throws IOException {
        byte[] raw = x.getRequestBody().readAllBytes();
        String path = x.getRequestURI().getPath();
        Inbox p = paths.get(path);
        int status;
        JsonNode body = null;
        if (p == null) {
            status = 404;
        } else {
            p.arrived.incrementAndGet();
            CountDownLatch hold = p.hold;
            if (hold != null) {
                try {
                    hold.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            String expected = "sha256=" + HexFormat.of().formatHex(hmac(p.secret, raw));
            String signature = x.getRequestHeaders().getFirst("X-JIT-Signature");
            if (signature == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                    signature.getBytes(StandardCharsets.US_ASCII))) {
                badSignatures.incrementAndGet();
                status = 401;
            } else {
                status = p.failuresLeft.getAndDecrement() > 0 ? 500 : 200;
            }
            body = Json.parse(new String(raw, StandardCharsets.UTF_8));
        }
        String attempt = x.getRequestHeaders().getFirst("X-JIT-Attempt");
        Delivery d = new Delivery(path, body == null ? null : body.path("event").path("id").asText(),
                body == null ? null : body.path("event").path("type").asText(),
                x.getRequestHeaders().getFirst("X-JIT-Delivery"), attempt == null ? 0 : Integer.parseInt(attempt),
                x.getRequestHeaders().getFirst("X-JIT-Event"), x.getRequestHeaders().getFirst("Content-Type"), body,
                raw, status);
        synchronized (received) {
            received.add(d);
        }
        byte[] answer = (status == 200 ? "ok" : "no").getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(status, answer.length);
        x.getResponseBody().write(answer);
        x.close();
    }

    private static byte[] hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Every request to {@code path}, in arrival order. */
    public List<Delivery> received(String path) {
        synchronized (received) {
            return received.stream().filter(d -> d.path().equals(path)).toList();
        }
    }

    /** The requests to {@code path} it answered 2xx, in arrival order. */
    public List<Delivery> accepted(String path) {
        return received(path).stream().filter(d -> d.answered() / 100 == 2).toList();
    }

    /** Requests to {@code path} that have arrived, answered or not (a held one counts at once). */
    public int arrived(String path) {
        return paths.get(path).arrived.get();
    }

    public int badSignatures() {
        return badSignatures.get();
    }

    /** Waits (at most {@code deadline}) for {@code condition}; fails with {@code what} if it never holds. */
    public static void await(String what, Duration deadline, BooleanSupplier condition) {
        Instant end = Instant.now().plus(deadline);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("not within " + deadline.toSeconds() + " s: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Override
    public synchronized void close() {
        paths.keySet().forEach(this::release);
        if (server != null) {
            server.stop(0);
        }
    }
}
