package dev.jit.server.sse;

import dev.jit.core.events.Event;
import dev.jit.core.Events;
import dev.jit.core.events.EventCodec;
import dev.jit.server.error.ApiException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/events/stream}: Server-Sent Events of every event appended to {@code events.jsonl} by any
 * process. One follower thread polls the log's size, reads new lines once and renders each event once; every
 * client has its own bounded queue and its own writer thread, so a slow or stalled client delays nobody else.
 * A client that falls {@link #QUEUE_CAPACITY} events behind is closed; it resumes without gaps with
 * {@code Last-Event-ID} (each event's {@code id:} is its byte offset), replayed from the log by its own
 * writer. A heartbeat every {@link #HEARTBEAT} makes a vanished client's writes fail within seconds.
 */
public final class EventStream implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
    static final Duration POLL = Duration.ofMillis(50);
    static final Duration HEARTBEAT = Duration.ofSeconds(2);
    static final int QUEUE_CAPACITY = 1024;
    /** Events replayed from the log per read when a client resumes (bounded memory however far behind). */
    private static final int REPLAY_BATCH = 256;
    private static final byte[] HEARTBEAT_FRAME = ": heartbeat\n\n".getBytes(StandardCharsets.UTF_8);

    /** One rendered event, shared by every client's queue. */
    private record Frame(long offset, byte[] bytes) {
        static Frame of(Event e) {
            String text = "id: " + e.offset() + "\nevent: " + e.type().replaceAll("[\r\n]", "") + "\ndata: "
                    + EventCodec.encode(e.event()) + "\n\n";
            return new Frame(e.offset(), text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private final Events log;
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final Thread follower;
    /** Where the follower reads next; every event at or after it reaches the queues of registered clients. */
    private long followed;
    private volatile boolean running = true;

    public EventStream(Events log) {
        this.log = log;
        this.followed = log.size();
        this.follower = new Thread(this::follow, "jit-event-follower");
        this.follower.setDaemon(true);
        this.follower.start();
    }

    public int clients() {
        return subscribers.size();
    }

    /** Validates the resume point before the response is committed to an event stream. */
    public void handle(Context ctx) {
        String lastId = ctx.header("Last-Event-ID");
        if (lastId == null || lastId.isBlank()) {
            lastId = ctx.queryParam("last_event_id");
        }
        long resumeAfter = lastId == null || lastId.isBlank() ? -1 : parseOffset(lastId.trim());
        // Javalin opens the stream only for clients that ask for one; anything else would get an empty 200.
        if (!"text/event-stream".equals(ctx.header("Accept"))) {
            throw new ApiException(406, "NOT_ACCEPTABLE", "This is a Server-Sent Events stream: send the header "
                    + "'Accept: text/event-stream' (EventSource does; curl -N -H 'Accept: text/event-stream' …)",
                    Map.of("accept", String.valueOf(ctx.header("Accept"))));
        }
        ctx.status(200).contentType("text/event-stream; charset=utf-8");
        // Tells nginx not to buffer the stream (the UI is served behind it).
        ctx.header("X-Accel-Buffering", "no");
        Subscriber s = new Subscriber(ctx, resumeAfter);
        // The request goes asynchronous: Jetty's thread is released and the client's writer thread serves it.
        ctx.future(() -> {
            s.start();
            return s.done;
        });
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

    /** One connected client: its queue of live events and the thread that writes them. */
    private final class Subscriber implements Runnable {
        final Context ctx;
        final long resumeAfter;
        final BlockingQueue<Frame> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final Thread writer = new Thread(this, "jit-sse-client");
        /** Live events start here; the writer replays [resumeAfter, liveFrom) from the log itself. */
        long liveFrom;
        /** Events at or before this offset were seen; -1 for a resume point past the end (a log restored since). */
        long skipThrough;
        volatile boolean closed;

        Subscriber(Context ctx, long resumeAfter) {
            this.ctx = ctx;
            this.resumeAfter = resumeAfter;
            writer.setDaemon(true);
        }

        void start() {
            synchronized (EventStream.this) {
                liveFrom = followed;
                skipThrough = resumeAfter < liveFrom ? resumeAfter : -1;
                subscribers.add(this);
            }
            writer.start();
        }

        @Override
        public void run() {
            try {
                OutputStream out = ctx.res().getOutputStream();
                out.write(": connected\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (skipThrough >= 0) {
                    replay(out);
                }
                List<Frame> batch = new ArrayList<>();
                while (!closed) {
                    Frame f = queue.poll(HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
                    if (closed) {
                        break;
                    }
                    if (f == null) {
                        out.write(HEARTBEAT_FRAME);
                        out.flush();
                        continue;
                    }
                    // Everything already queued goes out with one flush (one system call, not one per event).
                    batch.add(f);
                    queue.drainTo(batch);
                    for (Frame e : batch) {
                        if (e.offset() > skipThrough) {
                            out.write(e.bytes());
                        }
                    }
                    batch.clear();
                    out.flush();
                }
            } catch (IOException | InterruptedException | RuntimeException gone) {
                // the client went away (or was closed): nothing to report
            } finally {
                finish();
            }
        }

        /** Events the client missed, read from the log in bounded batches up to where the live queue starts. */
        private void replay(OutputStream out) throws IOException {
            long position = skipThrough;
            while (position < liveFrom && !closed) {
                List<Frame> batch = new ArrayList<>();
                long next = log.readFrom(position, REPLAY_BATCH, e -> {
                    if (e.offset() > skipThrough && e.offset() < liveFrom) {
                        batch.add(Frame.of(e));
                    }
                });
                if (next == position) {
                    return; // no complete line left before the live part
                }
                for (Frame f : batch) {
                    out.write(f.bytes());
                }
                out.flush();
                position = next;
            }
        }

        /** Called by the follower when the queue is full, and on shutdown: the writer ends, the socket closes. */
        void close() {
            closed = true;
            writer.interrupt();
            try {
                // A writer blocked on a client that does not read is released only by closing the connection.
                ServletContextRequest.getServletContextRequest(ctx.req()).getConnectionMetaData().getConnection()
                        .getEndPoint().close();
            } catch (RuntimeException e) {
                LOG.debug("closing an event stream: {}", e.getMessage());
            }
        }

        private void finish() {
            closed = true;
            subscribers.remove(this);
            done.complete(null);
        }
    }

    private void follow() {
        while (running) {
            try {
                Thread.sleep(POLL.toMillis());
                deliver();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("event stream: {}", e.getMessage());
            }
        }
    }

    /**
     * Reads the new events once (at most a queue's worth per read) and offers each to every client's queue; a
     * full queue closes its client.
     */
    private void deliver() {
        long size = log.size();
        synchronized (this) {
            if (size < followed) {
                followed = size; // the log was replaced or restored: continue from its new end
            }
            while (followed < size && running) {
                List<Frame> frames = new ArrayList<>();
                long next = log.readFrom(followed, QUEUE_CAPACITY, e -> frames.add(Frame.of(e)));
                if (next == followed) {
                    return; // only a line being appended
                }
                followed = next;
                offer(frames);
            }
        }
    }

    private void offer(List<Frame> frames) {
        for (Subscriber s : subscribers) {
            for (Frame f : frames) {
                if (!s.queue.offer(f)) {
                    LOG.info("closing an event stream {} events behind (it may resume with Last-Event-ID)",
                            QUEUE_CAPACITY);
                    s.close();
                    break;
                }
            }
        }
    }

    /** Ends every stream (so a graceful shutdown need not wait for them) and stops the follower. */
    @Override
    public void close() {
        running = false;
        follower.interrupt();
        for (Subscriber s : subscribers) {
            s.close();
        }
        subscribers.clear();
    }
}
