package dev.jit.server.http;

import static dev.jit.server.http.Route.read;
import static dev.jit.server.http.Route.write;

import dev.jit.server.auth.TokenAuth;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;

/** The API's route table. Everything under /api is registered from here, so the OpenAPI document can list it. */
public final class Routes {
    private static final List<String> FILTERS = List.of("state", "assignee", "priority", "label", "blocked");

    private final List<Route> routes = new ArrayList<>();

    public Routes(ReadHandlers reads, WriteHandlers writes, DocumentHandlers documents) {
        routes.add(read("/api/health", "Liveness check used by Docker/systemd health checks", "Health",
                List.of(), List.of(503), reads::health));
        // The deployment guide's Docker health check is 'wget --spider', which sends HEAD.
        routes.add(new Route(HandlerType.HEAD, "/api/health", "Liveness check without a body", false, 200, null,
                "Health", List.of(), List.of(503), reads::health));
        routes.add(read("/api/issues", "List issues with filters, sorting and cursor pagination", "IssuePage",
                concat(FILTERS, List.of("q", "sort", "limit", "cursor")), List.of(400), reads::listIssues));
        routes.add(write(HandlerType.POST, "/api/issues", "Create an issue", 201, "NewIssue", "Issue", List.of(),
                List.of(400, 404), writes::create));
        routes.add(read("/api/issues/{id}", "One issue (id or unique 4+ character prefix) with dependents and "
                + "block reasons", "IssueDetail", List.of(), List.of(400, 404), reads::showIssue));
        routes.add(write(HandlerType.PATCH, "/api/issues/{id}", "Edit an issue (fields, labels, context, assignee, gates, "
                + "state); "
                + "state done runs its postcheck gate checkers first, in_progress its prechecks (a failing one: 422, "
                + "GATE_FAILED; no_check=true defers them)",
                200, "IssueEdit", "Issue", List.of("no_check"), List.of(400, 404, 422), writes::update));
        routes.add(write(HandlerType.DELETE, "/api/issues/{id}", "Delete an issue; force=true also detaches "
                + "its dependents", 200, null, "Deletion", List.of("force"), List.of(400, 404, 409), writes::delete));
        routes.add(write(HandlerType.POST, "/api/issues/{id}/claim", "Claim an issue for an assignee", 200,
                "Claim", "Issue", List.of(), List.of(400, 404, 409, 422), writes::claim));
        routes.add(write(HandlerType.POST, "/api/issues/{id}/heartbeat", "Renew the lease the holder has on the "
                + "issue (409 NOT_HOLDER for anyone else, 409 LEASE_EXPIRED once it ran out)", 200, "Heartbeat",
                "Issue", List.of(), List.of(400, 404, 409), writes::heartbeat));
        routes.add(write(HandlerType.POST, "/api/issues/{id}/release", "Release a claimed issue", 200, "Release",
                "Issue", List.of(), List.of(400, 404), writes::release));
        routes.add(write(HandlerType.POST, "/api/issues/{id}/dependencies", "Make the issue depend on another",
                200, "DependencyAdd", "Issue", List.of(), List.of(400, 404, 409), writes::addDependency));
        routes.add(write(HandlerType.DELETE, "/api/issues/{id}/dependencies/{dep}", "Remove a dependency", 200,
                null, "Issue", List.of(), List.of(400, 404), writes::removeDependency));
        routes.add(write(HandlerType.POST, "/api/issues/{id}/gates/{key}/pass", "Record a passed gate", 200,
                "GateResult", "Issue", List.of(), List.of(400, 404, 422), writes::passGate));
        routes.add(write(HandlerType.POST, "/api/issues/{id}/gates/{key}/fail", "Record a failed gate", 200,
                "GateResult", "Issue", List.of(), List.of(400, 404, 422), writes::failGate));
        routes.add(write(HandlerType.POST, "/api/issues/{id}/gates/check", "Run gate checkers (the named gates, "
                + "else every gate of the issue that has one) and pass or fail the gates from the result", 200,
                "GateCheck", "GateCheckResult", List.of(), List.of(400, 404, 422), writes::checkGates));
        routes.add(read("/api/issues/{id}/gate-runs", "The issue's recorded checker runs, newest first",
                "GateRunList", List.of("gate", "limit"), List.of(400, 404), reads::gateRuns));
        routes.add(write(HandlerType.POST, "/api/claim-next", "Claim the most urgent ready issue", 200,
                "ClaimNext", "Issue", List.of(), List.of(400, 404), writes::claimNext));
        routes.add(read("/api/gates", "The gate registry: every defined gate, by key (what add_gates can name)",
                "GateDefinitionList", List.of(), List.of(), reads::gates));
        routes.add(read("/api/graph", "Dependency graph: nodes and edges (dependent -> dependency)", "Graph",
                List.of(), List.of(), reads::graph));
        routes.add(read("/api/status", "Issue counts by state, blocked and total", "Status", List.of(), List.of(),
                reads::status));
        routes.add(read("/api/ready", "Issues an agent can take now, most urgent first", "IssueList", FILTERS,
                List.of(400),
                reads::ready));
        routes.add(read("/api/leases", "Claims with a lease, soonest expiry first, with the seconds left",
                "LeaseList", List.of(), List.of(), reads::leases));
        routes.add(read("/api/blocked", "Issues that cannot proceed, with reasons", "BlockedList", List.of(), List.of(),
                reads::blocked));
        routes.add(read("/api/events", "Event log entries, oldest first (the last `limit` that match)",
                "EventList", List.of("type", "issue", "actor", "since", "limit"), List.of(400), reads::events));
        routes.add(read("/api/issues/{id}/documents/{path}/content", "A referenced document's committed content "
                + "(at ?commit=, else the pinned commit, else HEAD)", "DocumentContent", List.of("commit"),
                List.of(400, 404),
                documents::content));
        routes.add(read("/api/issues/{id}/documents/{path}/history", "Commits that changed a referenced document",
                "DocumentHistory", List.of(), List.of(400, 404), documents::history));
        routes.add(read("/api/issues/{id}/documents/{path}/diff", "Unified diff of a referenced document between "
                + "two revisions (to defaults to HEAD)", "DocumentDiff", List.of("from", "to"),
                List.of(400, 404), documents::diff));
        routes.add(read("/api/search", "Full-text search of issue titles, descriptions, labels, context values "
                + "and linked documents, line by line; the list's filters narrow the issues searched",
                "SearchResults", concat(List.of("q", "limit", "case_sensitive", "regex", "sort"), FILTERS), List.of(400),
                reads::search));
    }

    /** Adds an endpoint served outside the handler classes (metrics, event stream, OpenAPI document). */
    public void add(Route route) {
        routes.add(route);
    }

    public List<Route> all() {
        return List.copyOf(routes);
    }

    public void register(RoutesConfig config, TokenAuth auth) {
        for (Route r : routes) {
            Handler h = r.handler();
            if (r.write()) {
                h = ctx -> {
                    auth.requireWriter(ctx);
                    r.handler().handle(ctx);
                };
            }
            config.addHttpHandler(r.method(), r.path(), h);
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
