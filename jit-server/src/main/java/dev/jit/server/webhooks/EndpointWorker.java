package dev.jit.server.webhooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jit.core.Events;
import dev.jit.core.Version;
import dev.jit.core.events.Event;
import dev.jit.core.events.EventFilter;
import dev.jit.core.json.Json;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One endpoint's delivery thread. It reads the event log from its cursor in batches of {@link #BATCH} (so memory
 * is bounded however far behind it is), and delivers each event its filter selects, in log order, retrying with
 * backoff until the endpoint answers 2xx; only then does the cursor move past the event, and the state is saved
 * before the next delivery, so a restart neither loses an event nor, normally, sends one twice. A slow or dead
 * endpoint holds up only its own thread.
 */
final class EndpointWorker implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(EndpointWorker.class);
    static final int BATCH = 64;
    static final Duration POLL = Duration.ofMillis(100);
    /** How long a stopping server lets a delivery in flight finish before cutting it off. */
    static final Duration STOP_GRACE = Duration.ofSeconds(1);

    final WebhookSpec spec;
    final boolean fromConfig;
    private final EventFilter filter;
    private final Events log;
    private final HttpClient http;
    private final WebhooksConfig.Backoff backoff;
    private final StateDir dir;
    private final Consumer<String> problems;
    private final EndpointState state;
    private final Thread thread;
    /** Guards the sleeps, so that stop() ends them at once. */
    private final Object wakeup = new Object();
    private volatile boolean stopping;
    /** Failed attempts in a row for the event being delivered (0: none failing). */
    private volatile int failing;
    private volatile Instant nextAttempt;

    EndpointWorker(WebhookSpec spec, boolean fromConfig, EndpointState state, Events log, HttpClient http,
                   WebhooksConfig.Backoff backoff, StateDir dir, Consumer<String> problems) {
        this.spec = spec;
        this.fromConfig = fromConfig;
        this.filter = spec.filter();
        this.state = state;
        this.log = log;
        this.http = http;
        this.backoff = backoff;
        this.dir = dir;
        this.problems = problems;
        this.thread = new Thread(this, "jit-webhook-" + spec.id());
        this.thread.setDaemon(true);
    }

    static String stateFile(String id) {
        return id + ".state.json";
    }

    void start() {
        thread.start();
    }

    /** Lets a delivery in flight finish (bounded by {@link #STOP_GRACE}), then ends the thread. */
    void stop() {
        stopping = true;
        synchronized (wakeup) {
            wakeup.notifyAll();
        }
        try {
            thread.join(STOP_GRACE.toMillis());
            if (thread.isAlive()) {
                thread.interrupt(); // a delivery still waiting for its answer is abandoned (and sent again later)
                thread.join(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run() {
        try {
            checkCursor();
            while (!stopping) {
                if (!deliverNextBatch()) {
                    pause(POLL);
                }
            }
        } catch (RuntimeException e) {
            // Unexpected (a state file that cannot be written): say so and keep the endpoint's cursor where it is.
            problems.accept("webhook " + spec.id() + " stopped: " + e.getMessage());
            LOG.error("webhook {} stopped", spec.id(), e);
        }
    }

    /**
     * A log that is shorter than the cursor, or whose line at the last delivered offset is another event, was
     * replaced (restored from a backup, rewritten): delivery continues from its end rather than from a position
     * in the middle of unrelated lines.
     */
    private void checkCursor() {
        String[] found = new String[1];
        long size = log.size();
        if (state.lastEventId != null && state.lastEventOffset >= 0 && state.lastEventOffset < size) {
            log.readFrom(state.lastEventOffset, 1, e -> found[0] = idOf(e));
        }
        boolean replaced = state.position > size || state.lastEventId != null && !state.lastEventId.equals(found[0]);
        if (replaced) {
            LOG.warn("webhook {}: the event log no longer holds the last delivered event; continuing from its end",
                    spec.id());
            synchronized (state) {
                state.position = size;
                state.lastEventId = null;
                state.lastEventOffset = -1;
            }
            save();
        }
    }

    /** Delivers what follows the cursor (one batch); false when there was nothing new. */
    private boolean deliverNextBatch() {
        long position = state.position;
        if (log.size() < position) {
            checkCursor();
            return false;
        }
        List<Event> batch = new ArrayList<>(BATCH);
        long end = log.readFrom(position, BATCH, batch::add);
        if (end == position) {
            return false;
        }
        boolean unsaved = false;
        for (int i = 0; i < batch.size() && !stopping; i++) {
            Event e = batch.get(i);
            long next = i + 1 < batch.size() ? batch.get(i + 1).offset() : end;
            if (filter.matches(e)) {
                if (!deliver(e, next)) {
                    return true; // stopping: the cursor stays before this event
                }
                unsaved = false;
            } else {
                synchronized (state) {
                    state.position = next;
                }
                unsaved = true;
            }
        }
        if (!stopping && batch.isEmpty()) {
            // Only lines that are no events (malformed): pass over them.
            synchronized (state) {
                state.position = end;
            }
            unsaved = true;
        }
        if (unsaved) {
            save();
        }
        return true;
    }

    /** Sends {@code e} until it is accepted (true) or the server stops (false). */
    private boolean deliver(Event e, long next) {
        String eventId = idOf(e);
        String deliveryId = UUID.nameUUIDFromBytes((spec.id() + "\n" + eventId).getBytes(StandardCharsets.UTF_8))
                .toString();
        ObjectNode envelope = Json.object();
        envelope.put("delivery_id", deliveryId);
        envelope.put("endpoint_id", spec.id());
        envelope.set("event", e.json());
        byte[] body = Json.compact(envelope).getBytes(StandardCharsets.UTF_8);
        String signature = "sha256=" + HexFormat.of().formatHex(hmac(body));
        for (int attempt = 1; !stopping; attempt++) {
            HttpRequest request = HttpRequest.newBuilder(spec.url()).timeout(spec.timeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "jit-server/" + Version.VALUE)
                    .header("X-JIT-Event", e.type())
                    .header("X-JIT-Delivery", deliveryId)
                    .header("X-JIT-Attempt", Integer.toString(attempt))
                    .header("X-JIT-Signature", signature)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            String at = Instant.now().toString();
            long t0 = System.nanoTime();
            Integer status = null;
            String error = null;
            CompletableFuture<HttpResponse<Void>> answer = http.sendAsync(request,
                    HttpResponse.BodyHandlers.discarding());
            try {
                // The request timeout ends the wait for the headers; this one also bounds a body that trickles.
                status = answer.get(spec.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS).statusCode();
            } catch (InterruptedException stopped) {
                answer.cancel(true);
                return false;
            } catch (TimeoutException slow) {
                answer.cancel(true);
                error = "timed out after " + spec.timeout().toSeconds() + " s";
            } catch (ExecutionException failed) {
                error = describe(failed.getCause());
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            boolean ok = status != null && status >= 200 && status < 300;
            if (!ok && error == null) {
                error = "HTTP " + status;
            }
            EndpointState.Attempt a = new EndpointState.Attempt(deliveryId, eventId, e.type(), e.offset(), attempt, at,
                    status, ok ? null : error, ms, ok);
            synchronized (state) {
                state.record(a);
                if (ok) {
                    state.position = next;
                    state.lastEventId = eventId;
                    state.lastEventOffset = e.offset();
                }
            }
            save();
            if (ok) {
                failing = 0;
                nextAttempt = null;
                return true;
            }
            failing = attempt;
            Duration wait = backoff.delay(attempt, ThreadLocalRandom.current());
            nextAttempt = Instant.now().plus(wait);
            LOG.info("webhook {}: delivery of {} event {} failed ({}), attempt {}; next in {} ms", spec.id(), e.type(),
                    eventId, error, attempt, wait.toMillis());
            pause(wait);
        }
        return false;
    }

    /** The event's id; a line without one (another tool's) is named by its offset. */
    private static String idOf(Event e) {
        return e.id() == null || e.id().isEmpty() ? "@" + e.offset() : e.id();
    }

    private static String describe(Throwable t) {
        if (t instanceof HttpTimeoutException) {
            return "timed out";
        }
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName()
                : root.getClass().getSimpleName() + ": " + root.getMessage();
        return message.replaceAll("[\\r\\n]+", " ");
    }

    private byte[] hmac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(spec.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private void pause(Duration d) {
        synchronized (wakeup) {
            if (!stopping) {
                try {
                    wakeup.wait(Math.max(1, d.toMillis()));
                } catch (InterruptedException e) {
                    stopping = true;
                }
            }
        }
    }

    private void save() {
        byte[] bytes;
        synchronized (state) {
            bytes = Json.pretty(state.toJson()).getBytes(StandardCharsets.UTF_8);
        }
        dir.write(stateFile(spec.id()), bytes);
    }

    /** The endpoint as {@code GET /api/webhooks} shows it (no secret) with its cursor and counts. */
    ObjectNode summary() {
        ObjectNode n = spec.publicJson();
        n.put("source", fromConfig ? "config" : "api");
        synchronized (state) {
            n.put("position", state.position);
            n.put("backlog_bytes", Math.max(0, log.size() - state.position));
            n.put("delivered", state.delivered);
            n.put("failed_attempts", state.failedAttempts);
        }
        n.put("failing_attempts", failing);
        Instant next = nextAttempt;
        if (next == null) {
            n.putNull("next_attempt_at");
        } else {
            n.put("next_attempt_at", next.toString());
        }
        return n;
    }

    List<EndpointState.Attempt> recent(int limit) {
        synchronized (state) {
            return state.recent(limit);
        }
    }

    long delivered() {
        synchronized (state) {
            return state.delivered;
        }
    }

    long failedAttempts() {
        synchronized (state) {
            return state.failedAttempts;
        }
    }

    long backlogBytes() {
        long position;
        synchronized (state) {
            position = state.position;
        }
        return Math.max(0, log.size() - position);
    }
}
