package dev.jit.server;

import dev.jit.core.Jit;

import dev.jit.core.Version;
import dev.jit.core.json.Json;
import dev.jit.core.model.JitOptions;
import dev.jit.server.auth.TokenAuth;
import dev.jit.server.cache.LeaseExpiry;
import dev.jit.server.cache.SnapshotCache;
import dev.jit.server.config.ServerConfig;
import dev.jit.server.error.ErrorResponses;
import dev.jit.server.error.JettyErrors;
import dev.jit.server.error.PathScrubber;
import dev.jit.server.http.Cors;
import dev.jit.server.http.DocumentHandlers;
import dev.jit.server.http.JsonBody;
import dev.jit.server.http.ReadHandlers;
import dev.jit.server.http.RequestDeadline;
import dev.jit.server.http.Route;
import dev.jit.server.http.Routes;
import dev.jit.server.http.WebRoot;
import dev.jit.server.http.WebhookHandlers;
import dev.jit.server.http.WriteHandlers;
import dev.jit.server.http.responses.ServerInfoResponse;
import dev.jit.server.json.ApiJson;
import dev.jit.server.metrics.ServerMetrics;
import dev.jit.server.openapi.OpenApi;
import dev.jit.server.sse.EventStream;
import dev.jit.server.webhooks.Webhooks;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One running API server: a Javalin app wired to a store's services. */
public final class JitServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JitServer.class);
    /** How long a graceful stop waits for in-flight requests (systemd's stop must finish within 5 s). */
    static final int STOP_TIMEOUT_MS = 3000;
    public static final String ACTOR = "service:jit-api";

    private final Javalin app;
    private final EventStream stream;
    private final SnapshotCache cache;
    private final LeaseExpiry leaseExpiry;
    private final Routes routes;
    private final WebRoot webRoot;
    private final ServerMetrics metrics;
    private final Webhooks webhooks;
    private final List<String> registered = new CopyOnWriteArrayList<>();

    private JitServer(ServerConfig config) {
        Jit jit = Jit.open(config.dataDir(), new JitOptions(config.lockTimeout(), ACTOR, w -> LOG.warn("store: {}", w)));
        // First: it may refuse the configuration before any thread is started.
        this.webhooks = Webhooks.open(jit, config.webhooks());
        this.cache = new SnapshotCache(jit);
        String version = Version.VALUE;
        this.stream = new EventStream(jit.events());
        this.routes = new Routes(new ReadHandlers(cache, jit), new WriteHandlers(jit, cache), new DocumentHandlers(jit));
        this.metrics = new ServerMetrics(() -> cache.get().status(), stream::clients);
        metrics.registerWebhooks(webhooks::counts);
        new WebhookHandlers(webhooks).routes().forEach(routes::add);
        routes.add(Route.read("/api/events/stream", "Server-Sent Events of every new event (any process)",
                "text/event-stream", List.of("last_event_id"), List.of(400, 406), stream::handle));
        routes.add(Route.read("/api/metrics", "Prometheus metrics", "text/plain", List.of(), List.of(),
                ctx -> {
                    ServerMetrics.Scrape scrape = metrics.scrape(ctx.header("Accept"));
                    ctx.contentType(scrape.contentType()).result(scrape.body());
                }));
        TokenAuth auth = new TokenAuth(config.token());
        byte[] serverInfo = Json.compact(ApiJson.MAPPER.valueToTree(new ServerInfoResponse(version, auth.writesEnabled())))
                .getBytes(StandardCharsets.UTF_8);
        routes.add(Route.read("/api/server", "This server: its version and whether writes are enabled (a token is "
                + "configured)", "ServerInfo", List.of(), List.of(),
                ctx -> ctx.contentType("application/json; charset=utf-8").result(serverInfo)));
        routes.add(Route.read("/api/openapi.json", "This OpenAPI 3 document", "OpenApi", List.of(), List.of(),
                ctx -> ctx.contentType("application/json; charset=utf-8")
                        .result(Json.compact(OpenApi.document(routes.all(), version)))));
        this.webRoot = WebRoot.find(config.webRoot());

        this.app = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.startup.showOldJavalinVersionWarning = false;
            c.events.handlerAdded(h -> registered.add(h.getHttpMethod().name() + " " + h.getPath()));
            c.jetty.host = config.host();
            c.jetty.port = config.port();
            c.jetty.modifyServer(server -> {
                // Javalin nests its handler inside this wrapper; stop() then waits for in-flight requests.
                server.setHandler(new GracefulHandler());
                server.setStopTimeout(STOP_TIMEOUT_MS);
                server.setErrorHandler(new JettyErrors());
            });
            c.http.maxRequestSize = JsonBody.MAX_BYTES;
            c.http.prefer405over404 = true;
            c.router.ignoreTrailingSlashes = true;
            c.requestLogger.http((ctx, ms) -> {
                metrics.observeRequest(ctx.method().name(), routeOf(ctx), ctx.statusCode(), ms / 1000.0);
                LOG.debug("{} {} {} {}ms", ctx.method(), ctx.path(), ctx.statusCode(), ms);
            });
            // API answers are never cached (e.g. by nginx's proxy_cache: it would serve issues from before a write).
            c.routes.before("/api/*", ctx -> ctx.header("Cache-Control", "no-store"));
            new Cors(config.corsOrigins()).register(c.routes);
            routes.register(c.routes, auth);
            new ErrorResponses(new PathScrubber(jit.dataDir())).register(c.routes);
            if (webRoot != null) {
                webRoot.register(c);
            }
        });
        try {
            app.start();
            RequestDeadline.install(app.jettyServer().server());
        } catch (RuntimeException e) {
            webhooks.close();
            stream.close();
            cache.close();
            metrics.close();
            throw e;
        }
        // Load the snapshot now rather than on the first request (seconds for a store of 10,000 issues).
        Thread warm = new Thread(() -> {
            try {
                cache.get();
            } catch (RuntimeException e) {
                LOG.warn("could not preload the store: {}", e.getMessage());
            }
        }, "jit-snapshot-preload");
        warm.setDaemon(true);
        warm.start();
        webhooks.start();
        this.leaseExpiry = new LeaseExpiry(cache, jit.issues()).start();
        LOG.info("jit-server {} listening on http://{}:{} (store {}, writes {}, web UI {})", version, config.host(),
                app.port(), jit.dataDir(), auth.writesEnabled() ? "enabled" : "disabled (no token)",
                webRoot == null ? "none" : webRoot.describe());
    }

    /** Opens the store (which must exist) and starts serving; throws JitException if the store is missing. */
    public static JitServer start(ServerConfig config) {
        return new JitServer(config);
    }

    public int port() {
        return app.port();
    }

    /** The API's route table, as the OpenAPI document is generated from it. */
    public List<Route> routes() {
        return routes.all();
    }

    /** Every handler Javalin actually registered, as "METHOD path" (BEFORE/AFTER filters included). */
    public List<String> registeredHandlers() {
        return List.copyOf(registered);
    }

    /** Ends event streams, stops accepting, lets in-flight requests finish (bounded), then stops. */
    @Override
    public void close() {
        webhooks.close(); // first: a delivery in flight gets its moment while the API still drains
        leaseExpiry.close();
        stream.close();
        app.stop();
        cache.close();
        metrics.close();
    }

    /** The route template for metrics labels; never the raw path (ids would explode the series count). */
    private static String routeOf(Context ctx) {
        Endpoint e = ctx.endpoints().lastHttpEndpoint();
        if (e != null && e.method != HandlerType.BEFORE && e.method != HandlerType.AFTER) {
            return e.path;
        }
        return ctx.path().startsWith("/api") ? "unmatched" : "static";
    }
}
