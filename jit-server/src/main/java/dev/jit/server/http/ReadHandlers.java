package dev.jit.server.http;

import dev.jit.core.Presentation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jit.core.events.Event;
import dev.jit.core.events.EventFilter;
import dev.jit.core.error.ErrorCode;
import dev.jit.core.error.JitException;
import dev.jit.core.Events;
import dev.jit.core.Jit;
import dev.jit.server.http.responses.GateDefinitionListResponse;
import dev.jit.server.http.responses.GateRunListResponse;
import dev.jit.core.json.Json;
import dev.jit.core.model.Issue;
import dev.jit.core.query.IssueFilter;
import dev.jit.core.Search;
import dev.jit.core.Queries;
import dev.jit.server.cache.Snapshot;
import dev.jit.server.cache.SnapshotCache;
import dev.jit.server.error.ApiException;
import dev.jit.server.http.responses.BlockedListResponse;
import dev.jit.server.http.responses.EventListResponse;
import dev.jit.server.http.responses.GraphResponse;
import dev.jit.server.http.responses.SearchResponse;
import dev.jit.server.http.responses.StatusResponse;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** GET endpoints: answered from the cached snapshot (issues) or the event log (events). */
public final class ReadHandlers {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private static final byte[] HEALTHY = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);

    private final SnapshotCache cache;
    private final Jit jit;
    private final Events events;

    public ReadHandlers(SnapshotCache cache, Jit jit) {
        this.cache = cache;
        this.jit = jit;
        this.events = jit.events();
    }

    /**
     * Exactly {@code {"status":"ok"}} (the deployment guide's check) while the store can be locked and read
     * the way every read request does it, else 503 with the reason.
     */
    void health(Context ctx) {
        try {
            jit.queries().ids();
            cache.get();
        } catch (RuntimeException e) {
            throw new ApiException(503, "UNAVAILABLE", "Store unavailable: " + e.getMessage(),
                    Map.of("reason", e instanceof JitException j ? j.code().name() : e.getClass().getSimpleName()));
        }
        ctx.status(200).contentType(Responses.JSON).result(HEALTHY);
    }

    void listIssues(Context ctx) {
        Snapshot snap = cache.get();
        IssueFilter filter = Params.filter(ctx);
        String q = ctx.queryParam("q");
        Comparator<Issue> order = sortOrder(ctx.queryParam("sort"), snap);
        int limit = Params.intParam(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        int offset = decodeCursor(ctx.queryParam("cursor"));

        List<Issue> matched;
        if (filter == IssueFilter.ALL && (q == null || q.isEmpty())) {
            matched = order == null ? snap.issues() : new ArrayList<>(snap.issues());
        } else {
            matched = new ArrayList<>();
            List<Issue> all = snap.issues();
            for (int k = 0; k < all.size(); k++) {
                Issue i = all.get(k);
                if (filter.test(i, snap.isBlockedAt(k)) && Queries.matches(i, q)) {
                    matched.add(i);
                }
            }
        }
        if (order != null) {
            matched.sort(order);
        }
        int end = Math.min(matched.size(), offset + limit);
        String next = end < matched.size() ? "\"" + encodeCursor(end) + "\"" : "null";
        issueArray(ctx, snap, matched.subList(Math.min(offset, end), end),
                ",\"total\":" + matched.size() + ",\"next_cursor\":" + next + "}");
    }

    /** Writes {@code {"issues":[…]<tail>} from each issue's pre-rendered bytes (no tree to serialise). */
    private static void issueArray(Context ctx, Snapshot snap, List<Issue> issues, String tail) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + issues.size() * 512);
        out.writeBytes("{\"issues\":[".getBytes(StandardCharsets.UTF_8));
        for (int k = 0; k < issues.size(); k++) {
            if (k > 0) {
                out.write(',');
            }
            out.writeBytes(snap.jsonBytes(issues.get(k)));
        }
        out.write(']');
        out.writeBytes(tail.getBytes(StandardCharsets.UTF_8));
        ctx.status(200).contentType(Responses.JSON).result(out.toByteArray());
    }

    /** null means creation order, which the snapshot already has. */
    private static Comparator<Issue> sortOrder(String sort, Snapshot snap) {
        if (sort == null || sort.isBlank() || sort.equals("created")) {
            return null;
        }
        boolean desc = sort.startsWith("-");
        String key = desc ? sort.substring(1) : sort;
        Comparator<Issue> byCreation = Comparator.comparingInt(snap::position);
        Comparator<Issue> c = switch (key) {
            case "created" -> byCreation;
            case "updated" -> Comparator.comparing((Issue i) -> i.updatedAt() == null ? "" : i.updatedAt());
            case "priority" -> Comparator.comparingInt((Issue i) -> i.priority().ordinal());
            case "state" -> Comparator.comparingInt((Issue i) -> i.state().ordinal());
            case "title" -> Comparator.comparing((Issue i) -> i.title().toLowerCase(Locale.ROOT));
            default -> throw ApiException.badRequest("Unknown sort '" + sort
                    + "': use created, updated, priority, state or title, prefixed with '-' for descending");
        };
        if (desc) {
            c = c.reversed();
        }
        return c.thenComparing(byCreation);
    }

    private static String encodeCursor(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("o:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int decodeCursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return 0;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8);
            if (raw.startsWith("o:")) {
                int offset = Integer.parseInt(raw.substring(2));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw ApiException.badRequest("Invalid cursor: pass the next_cursor value of a previous response");
    }

    void showIssue(Context ctx) {
        Snapshot snap = cache.get();
        String idOrPrefix = ctx.pathParam("id");
        Issue issue;
        try {
            issue = snap.resolve(idOrPrefix);
        } catch (JitException e) {
            // The snapshot leaves out issues whose file is damaged (or a directory, a link): for those the store
            // names the damage (CORRUPT_DATA) where the snapshot could only say "not found". Other unknown ids
            // cost no store read.
            if (e.code() == ErrorCode.ISSUE_NOT_FOUND && snap.skipped(idOrPrefix)) {
                jit.queries().show(idOrPrefix);
            }
            throw e;
        }
        byte[] base = snap.jsonBytes(issue);
        // Splice the two extra fields in before the closing brace of the pre-rendered issue object.
        ByteArrayOutputStream out = new ByteArrayOutputStream(base.length + 256);
        out.write(base, 0, base.length - 1);
        out.writeBytes((",\"dependents\":" + Json.compact(snap.dependentsOf(issue.id())) + ",\"blocked_reasons\":"
                + Json.compact(Presentation.blockReasons(snap.reasons(issue.id()))) + "}").getBytes(StandardCharsets.UTF_8));
        ctx.status(200).contentType(Responses.JSON).result(out.toByteArray());
    }

    void graph(Context ctx) {
        Snapshot snap = cache.get();
        List<GraphResponse.Node> nodes = new ArrayList<>();
        List<GraphResponse.Edge> edges = new ArrayList<>();
        for (Issue i : snap.issues()) {
            nodes.add(new GraphResponse.Node(i.id(), i.title(), i.state().wire(), i.priority().wire(), i.assignee(),
                    snap.isBlocked(i), i.labels()));
            for (String dep : i.dependencies()) {
                // Edges to deleted issues would point at no node; block reasons still report them.
                if (snap.find(dep) != null) {
                    edges.add(new GraphResponse.Edge(i.id(), dep));
                }
            }
        }
        Responses.json(ctx, new GraphResponse(nodes, edges));
    }

    void status(Context ctx) {
        Responses.json(ctx, StatusResponse.of(cache.get().status()));
    }

    void ready(Context ctx) {
        Snapshot snap = cache.get();
        List<Issue> ready = Queries.readyOf(snap.issues(), snap.issues().stream().map(Issue::id).toList(),
                Params.filter(ctx));
        issueArray(ctx, snap, ready, ",\"total\":" + ready.size() + "}");
    }

    /** Leased claims from the snapshot (jit-server frees expired ones itself, see LeaseExpiry). */
    void leases(Context ctx) {
        java.time.Instant now = java.time.Instant.now();
        List<Issue> leased = new ArrayList<>();
        for (Issue issue : cache.get().issues()) {
            if (issue.lease() != null) {
                leased.add(issue);
            }
        }
        leased.sort(Comparator.comparing(i -> i.lease().expiry()));
        com.fasterxml.jackson.databind.node.ArrayNode rows = Json.array();
        for (Issue issue : leased) {
            rows.add(Presentation.lease(issue).put("remaining_secs", issue.lease().remainingAt(now).toSeconds()));
        }
        ObjectNode body = Json.object();
        body.set("leases", rows);
        body.put("count", rows.size());
        Responses.json(ctx, body);
    }

    void blocked(Context ctx) {
        Snapshot snap = cache.get();
        List<ObjectNode> issues = new ArrayList<>();
        for (Queries.Blocked b : snap.blockedIssues()) {
            ObjectNode n = snap.json(b.issue()).deepCopy();
            n.set("blocked_reasons", Presentation.blockReasons(b.reasons()));
            issues.add(n);
        }
        Responses.json(ctx, new BlockedListResponse(issues, issues.size()));
    }

    /**
     * The last {@code limit} matching events, read backward from the end of the log and stopped at {@code since}:
     * the request holds at most {@code limit} events in memory, whatever the size of the log.
     */
    void events(Context ctx) {
        List<String> types = Params.values(ctx, "type");
        int limit = Params.intParam(ctx, "limit", DEFAULT_LIMIT, 1, 10_000);
        String since = nonBlank(ctx.queryParam("since"));
        EventFilter filter = new EventFilter(types, nonBlank(ctx.queryParam("issue")),
                nonBlank(ctx.queryParam("actor")), since == null ? null : EventFilter.Since.parse(since), limit);
        Responses.json(ctx, new EventListResponse(events.query(filter).stream().map(Event::json).toList()));
    }

    /** The gate registry, for picking a gate to add: no checker command or environment (reads need no token). */
    void gates(Context ctx) {
        List<GateDefinitionListResponse.Definition> gates = jit.gates().list().stream()
                .map(g -> new GateDefinitionListResponse.Definition(g.key(), g.title(), g.description(),
                        g.effectiveStage().wire(), g.checker() != null))
                .toList();
        Responses.json(ctx, new GateDefinitionListResponse(gates));
    }

    /** The issue's checker runs, newest first ({@code gate}: one gate's only; {@code limit}: default 100). */
    void gateRuns(Context ctx) {
        int limit = Params.intParam(ctx, "limit", DEFAULT_LIMIT, 1, 10_000);
        List<ObjectNode> runs = jit.gates().runs(ctx.pathParam("id"), nonBlank(ctx.queryParam("gate")), limit)
                .stream().map(Presentation::gateRun).toList();
        Responses.json(ctx, new GateRunListResponse(runs, runs.size()));
    }

    private static String nonBlank(String param) {
        return param == null || param.isBlank() ? null : param;
    }

    /**
     * Full-text search. The issue filters of the list ({@code state}, {@code priority}, …) narrow which issues are
     * searched, and whose linked documents; they are applied before the limit, so {@code total} counts only them.
     * {@code sort} (as the list's) orders {@code issues}, which otherwise follow the results.
     */
    void search(Context ctx) {
        String q = ctx.queryParam("q");
        if (q == null || q.isEmpty()) {
            throw ApiException.badRequest("Parameter 'q' is required");
        }
        int limit = Params.intParam(ctx, "limit", 50, 1, MAX_LIMIT);
        IssueFilter filter = Params.filter(ctx);
        Snapshot snap = cache.get();
        Comparator<Issue> order = sortOrder(ctx.queryParam("sort"), snap);
        Search.Results found = jit.search().search(new Search.Query(q, Params.boolParam(ctx, "regex"),
                Params.boolParam(ctx, "case_sensitive"), 0, limit, null, filtered(snap, filter)));
        List<SearchResponse.Result> results = new ArrayList<>();
        Map<String, Issue> named = new LinkedHashMap<>();
        for (Search.Result r : found.results()) {
            results.add(new SearchResponse.Result(r.issueId(), r.title(), r.field(), r.lineNumber(), r.text(),
                    r.matches().stream().map(m -> new SearchResponse.Match(m.start(), m.end())).toList(), r.path(),
                    r.path() == null ? null : r.issueIds()));
            for (String id : r.issueIds()) {
                Issue issue = named.containsKey(id) ? null : snap.find(id);
                if (issue != null) { // the search read the store, which may be a moment newer than the snapshot
                    named.put(id, issue);
                }
            }
        }
        List<Issue> issues = new ArrayList<>(named.values());
        if (order != null) {
            issues.sort(order);
        }
        Responses.json(ctx, new SearchResponse(q, found.total(), results, issues.stream().map(snap::json).toList()));
    }

    /** The ids of the issues the filter keeps, or null (search everything) for no filter. */
    private static Set<String> filtered(Snapshot snap, IssueFilter filter) {
        if (filter == IssueFilter.ALL) {
            return null;
        }
        Set<String> ids = new HashSet<>();
        List<Issue> all = snap.issues();
        for (int k = 0; k < all.size(); k++) {
            if (filter.test(all.get(k), snap.isBlockedAt(k))) {
                ids.add(all.get(k).id());
            }
        }
        return ids;
    }
}
