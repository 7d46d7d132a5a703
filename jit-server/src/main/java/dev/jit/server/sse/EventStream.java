package dev.jit.server.sse;

import dev.jit.core.events.Event;
import dev.jit.core.events.EventLog;
import dev.jit.core.json.Json;
import dev.jit.server.error.ApiException;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/events/stream}: Server-Sent Events of every event appended to {@code events.jsonl} by any
 * process. One follower thread polls the log's size and reads new lines once for all clients; each event's
 * {@code id:} is its byte offset, so a reconnecting client resumes with {@code Last-Event-ID}.
 */
public final class EventStream implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
    static final Duration POLL = Duration.ofMillis(200);
    static final Duration HEARTBEAT = Duration.ofSeconds(15);

    /** A connected client; {@code position} is a line start, events at or before {@code skipThrough} were seen. */
    private static final class Subscriber {
        final SseClient client;
        long position;
        final long skipThrough;

        Subscriber(SseClient client, long position, long skipThrough) {
            this.client = client;
            this.position = position;
            this.skipThrough = skipThrough;
        }
    }

    private final EventLog log;
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final Thread follower;
    private volatile boolean running = true;

    public EventStream(EventLog log) {
        this.log = log;
        this.follower = new Thread(this::follow, "jit-event-follower");
        this.follower.setDaemon(true);
        this.follower.start();
    }

    public int clients() {
        return subscribers.size();
    }

    /** Validates the resume point before the response is committed to an event stream. */
    public void handle(Context ctx) throws Exception {
        String lastId = ctx.header("Last-Event-ID");
        if (lastId == null || lastId.isBlank()) {
            lastId = ctx.queryParam("last_event_id");
        }
        long size = log.size();
        long position;
        long skip;
        if (lastId == null || lastId.isBlank()) {
            position = size;
            skip = -1;
        } else {
            long offset = parseOffset(lastId.trim());
            // A log that shrank (replaced or restored) cannot be resumed: continue from its current end.
            position = offset <= size ? offset : size;
            skip = offset <= size ? offset : -1;
        }
        // Javalin opens the stream only for clients that ask for one; anything else would get an empty 200.
        if (!"text/event-stream".equals(ctx.header("Accept"))) {
            throw new ApiException(406, "NOT_ACCEPTABLE", "This is a Server-Sent Events stream: send the header "
                    + "'Accept: text/event-stream' (EventSource does; curl -N -H 'Accept: text/event-stream' …)",
                    Map.of("accept", String.valueOf(ctx.header("Accept"))));
        }
        // Tells nginx not to buffer the stream (the UI is served behind it).
        ctx.header("X-Accel-Buffering", "no");
        new SseHandler(client -> {
            client.keepAlive();
            client.sendComment("connected");
            Subscriber s = new Subscriber(client, position, skip);
            client.onClose(() -> subscribers.remove(s));
            subscribers.add(s);
        }).handle(ctx);
    }

    private static long parseOffset(String raw) {
        try {
            long v = Long.parseLong(raw);
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ApiException(400, "INVALID_ARGUMENT", "Last-Event-ID must be an event id (a byte offset) "
                + "received from this stream, got '" + raw + "'", Map.of("last_event_id", raw));
    }

    private void follow() {
        long lastBeat = System.nanoTime();
        while (running) {
            try {
                Thread.sleep(POLL.toMillis());
                if (subscribers.isEmpty()) {
                    continue;
                }
                deliver();
                if (System.nanoTime() - lastBeat >= HEARTBEAT.toNanos()) {
                    lastBeat = System.nanoTime();
                    subscribers.forEach(s -> s.client.sendComment("heartbeat"));
                }
                subscribers.removeIf(s -> s.client.terminated());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("event stream: {}", e.getMessage());
            }
        }
    }

    /** Reads each distinct position once and hands every new event to the clients at that position. */
    private void deliver() {
        long size = log.size();
        Map<Long, List<Subscriber>> byPosition = new TreeMap<>();
        for (Subscriber s : subscribers) {
            if (s.position > size) {
                s.position = size;
            }
            if (s.position < size) {
                byPosition.computeIfAbsent(s.position, k -> new ArrayList<>()).add(s);
            }
        }
        byPosition.forEach((position, group) -> {
            long next = log.readFrom(position, e -> send(group, e));
            group.forEach(s -> s.position = next);
        });
    }

    private static void send(List<Subscriber> group, Event e) {
        String data = Json.compact(e.json());
        String id = Long.toString(e.offset());
        for (Subscriber s : group) {
            if (e.offset() > s.skipThrough && !s.client.terminated()) {
                s.client.sendEvent(e.type(), data, id);
            }
        }
    }

    /** Ends every stream (so a graceful shutdown need not wait for them) and stops the follower. */
    @Override
    public void close() {
        running = false;
        follower.interrupt();
        subscribers.forEach(s -> s.client.close());
        subscribers.clear();
    }
}
