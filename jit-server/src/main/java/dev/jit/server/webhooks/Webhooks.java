package dev.jit.server.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jit.core.Events;
import dev.jit.core.Jit;
import dev.jit.core.error.ErrorCode;
import dev.jit.core.error.JitException;
import dev.jit.core.json.Json;
import dev.jit.server.error.ApiException;
import dev.jit.server.metrics.ServerMetrics;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's webhook endpoints: those of the webhooks file and those made through the API (kept, with their
 * secrets, in {@code cache/webhooks/endpoints.json}), each with its own {@link EndpointWorker}. A new endpoint
 * starts at the end of the event log; one that has run before resumes from its saved cursor.
 */
public final class Webhooks implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Webhooks.class);
    static final String ENDPOINTS_FILE = "endpoints.json";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final Events log;
    private final StateDir dir;
    private final WebhooksConfig.Backoff backoff;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
    /** Guarded by {@code this}, in definition order: the file's endpoints, then the API's. */
    private final Map<String, EndpointWorker> workers = new LinkedHashMap<>();
    private boolean started;

    private Webhooks(Events log, StateDir dir, WebhooksConfig.Backoff backoff) {
        this.log = log;
        this.dir = dir;
        this.backoff = backoff;
    }

    /**
     * Loads the endpoints and their cursors; deliveries begin with {@link #start()}. Throws
     * {@link WebhooksConfig.Invalid} when the file and the API define the same id, JitException when the state
     * directory is damaged.
     */
    public static Webhooks open(Jit jit, WebhooksConfig config) {
        Webhooks w = new Webhooks(jit.events(), StateDir.open(jit.dataDir()), config.retry());
        List<WebhookSpec> made = w.readApiEndpoints();
        for (WebhookSpec spec : config.endpoints()) {
            w.workers.put(spec.id(), w.worker(spec, true));
        }
        for (WebhookSpec spec : made) {
            if (w.workers.containsKey(spec.id())) {
                throw new WebhooksConfig.Invalid("webhook id '" + spec.id() + "' is defined in the webhooks file and "
                        + "was also made through the API: rename it in the file, or delete the API's one first");
            }
            w.workers.put(spec.id(), w.worker(spec, false));
        }
        if (w.workers.size() > WebhooksConfig.MAX_ENDPOINTS) {
            throw new WebhooksConfig.Invalid("at most " + WebhooksConfig.MAX_ENDPOINTS + " webhook endpoints (file and "
                    + "API together), got " + w.workers.size());
        }
        w.forgetRemovedEndpoints();
        return w;
    }

    public synchronized void start() {
        started = true;
        workers.values().forEach(EndpointWorker::start);
        if (!workers.isEmpty()) {
            LOG.info("webhooks: {} endpoint(s) ({})", workers.size(), String.join(", ", workers.keySet()));
        }
    }

    public synchronized List<ObjectNode> list() {
        return workers.values().stream().map(EndpointWorker::summary).toList();
    }

    /** Adds an endpoint from a {@code POST /api/webhooks} body; it receives the events appended from now on. */
    public synchronized ObjectNode create(ObjectNode body) {
        WebhookSpec spec = WebhookSpec.fromJson(body, WebhookSpec.Origin.API_REQUEST, null);
        if (workers.containsKey(spec.id())) {
            throw new ApiException(409, "ALREADY_EXISTS", "A webhook endpoint with id '" + spec.id() + "' exists",
                    Map.of("id", spec.id()));
        }
        if (workers.size() >= WebhooksConfig.MAX_ENDPOINTS) {
            throw new ApiException(409, "LIMIT_REACHED", "At most " + WebhooksConfig.MAX_ENDPOINTS
                    + " webhook endpoints: delete one first", Map.of("limit", WebhooksConfig.MAX_ENDPOINTS));
        }
        // Its cursor first, so that a restart right after this answer already delivers from here.
        EndpointWorker w = worker(spec, false);
        workers.put(spec.id(), w);
        try {
            writeApiEndpoints();
        } catch (RuntimeException e) {
            workers.remove(spec.id());
            dir.delete(EndpointWorker.stateFile(spec.id()));
            throw e;
        }
        if (started) {
            w.start();
        }
        LOG.info("webhooks: endpoint {} added through the API", spec.id());
        return w.summary();
    }

    public void delete(String id) {
        synchronized (this) {
            EndpointWorker w = existing(id);
            if (w.fromConfig) {
                throw new ApiException(409, "DEFINED_IN_CONFIG", "Webhook endpoint '" + id + "' is defined in the "
                        + "webhooks file: remove it there and restart jit-server", Map.of("id", id));
            }
            workers.remove(id);
            writeApiEndpoints();
            // Under the lock, so that an endpoint made again with this id cannot lose its new state file.
            w.stop();
            dir.delete(EndpointWorker.stateFile(id));
        }
        LOG.info("webhooks: endpoint {} deleted through the API", id);
    }

    /** The endpoint's last {@code limit} attempts, newest first. */
    public ArrayNode deliveries(String id, int limit) {
        EndpointWorker w;
        synchronized (this) {
            w = existing(id);
        }
        ArrayNode out = Json.array();
        w.recent(limit).forEach(a -> out.add(a.toJson()));
        return out;
    }

    public synchronized List<ServerMetrics.WebhookCounts> counts() {
        return workers.values().stream().map(w -> new ServerMetrics.WebhookCounts(w.spec.id(), w.delivered(),
                w.failedAttempts(), w.backlogBytes())).toList();
    }

    @Override
    public void close() {
        List<EndpointWorker> all;
        synchronized (this) {
            all = new ArrayList<>(workers.values());
            started = false;
        }
        // Stopped together: each may wait a moment for its delivery in flight.
        List<Thread> stoppers = new ArrayList<>();
        for (EndpointWorker w : all) {
            Thread t = new Thread(w::stop, "jit-webhook-stop");
            t.start();
            stoppers.add(t);
        }
        for (Thread t : stoppers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private EndpointWorker existing(String id) {
        EndpointWorker w = workers.get(id);
        if (w == null) {
            throw new JitException(ErrorCode.NOT_FOUND, "No webhook endpoint with id '" + id + "'", Map.of("id", id),
                    List.of("GET /api/webhooks lists them"));
        }
        return w;
    }

    /** A worker with the endpoint's saved state, or (new endpoint) a cursor at the log's end, saved at once. */
    private EndpointWorker worker(WebhookSpec spec, boolean fromConfig) {
        String file = EndpointWorker.stateFile(spec.id());
        EndpointState state = null;
        try {
            byte[] bytes = dir.read(file);
            if (bytes != null) {
                state = EndpointState.fromJson(Json.parse(bytes));
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("webhooks: ignoring the unreadable state of endpoint {} ({}): it continues from the log's end",
                    spec.id(), e.getMessage());
        }
        if (state == null) {
            state = new EndpointState();
            state.position = log.size();
            dir.write(file, Json.pretty(state.toJson()).getBytes(StandardCharsets.UTF_8));
        }
        return new EndpointWorker(spec, fromConfig, state, log, http, backoff, dir,
                problem -> LOG.warn("webhooks: {}", problem));
    }

    /** The state of an endpoint that is no longer defined is dropped: defined again, it starts afresh. */
    private void forgetRemovedEndpoints() {
        try {
            for (String name : dir.list(".state.json")) {
                String id = name.substring(0, name.length() - ".state.json".length());
                if (!workers.containsKey(id)) {
                    LOG.info("webhooks: forgetting the cursor of endpoint {}, which is no longer defined", id);
                    dir.delete(name);
                }
            }
        } catch (IOException e) {
            LOG.warn("webhooks: cannot list {}: {}", dir.path(), e.getMessage());
        }
    }

    private List<WebhookSpec> readApiEndpoints() {
        byte[] bytes;
        try {
            bytes = dir.read(ENDPOINTS_FILE);
        } catch (IOException e) {
            throw damaged(e.getMessage());
        }
        if (bytes == null) {
            return List.of();
        }
        List<WebhookSpec> out = new ArrayList<>();
        try {
            JsonNode root = Json.parse(bytes);
            for (JsonNode n : root.path("endpoints")) {
                out.add(WebhookSpec.fromJson((ObjectNode) n, WebhookSpec.Origin.STATE_FILE, null));
            }
        } catch (IOException | RuntimeException e) {
            throw damaged(e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage());
        }
        return out;
    }

    private JitException damaged(String why) {
        // Refusing to start beats starting without those endpoints and overwriting their file on the next change.
        return new JitException(ErrorCode.CORRUPT_DATA, "cannot read the webhook endpoints made through the API, "
                + "cache/webhooks/" + ENDPOINTS_FILE + ": " + why, Map.of("file", "cache/webhooks/" + ENDPOINTS_FILE),
                List.of("Restore or remove that file (removing it forgets those endpoints)"));
    }

    private void writeApiEndpoints() {
        ObjectNode root = Json.object();
        ArrayNode list = root.putArray("endpoints");
        for (EndpointWorker w : workers.values()) {
            if (!w.fromConfig) {
                list.add(w.spec.toStateJson());
            }
        }
        dir.write(ENDPOINTS_FILE, Json.pretty(root).getBytes(StandardCharsets.UTF_8));
    }
}
