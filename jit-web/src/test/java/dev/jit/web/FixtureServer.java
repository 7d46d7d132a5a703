package dev.jit.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * THROWAWAY development fixture, not jit-server: a loopback HTTP server that serves the built UI from the
 * classpath {@code /jit-web} (as jit-server does) and canned JSON shaped like the shared API contract,
 * generated in memory. It lets the UI be developed and screenshotted before jit-server is merged. The
 * browser tests that count are {@link RealServerUiTest}, which run against the real server and CLI.
 */
final class FixtureServer implements AutoCloseable {
    static final String TOKEN = "fixture-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] STATES = {"backlog", "ready", "in_progress", "gated", "done", "archived", "rejected"};
    private static final List<String> PRIORITIES = List.of("critical", "high", "normal", "low");
    private static final Set<String> FINISHED = Set.of("done", "archived", "rejected");

    private final Map<String, ObjectNode> issues = new LinkedHashMap<>();
    private final List<ObjectNode> events = new ArrayList<>();
    private final List<OutputStream> streams = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private long clock = Instant.parse("2026-11-20T09:00:00Z").getEpochSecond();

    /** A store of {@code count} issues in a layered DAG: each depends on up to two earlier ones. */
    FixtureServer(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            String state = i < count / 10 ? "done" : STATES[(i * 3 + i / 7) % STATES.length];
            List<String> deps = new ArrayList<>();
            for (int back : new int[] {1 + i % 7, 3 + i % 11}) {
                if (i - back >= 0 && i % 5 != 0) {
                    deps.add(id(i - back));
                }
            }
            ObjectNode issue = newIssue(id(i), title(i), PRIORITIES.get(i % 4), state);
            deps.stream().distinct().sorted().forEach(((ArrayNode) issue.get("dependencies"))::add);
            ((ArrayNode) issue.get("labels")).add("epic:" + List.of("auth", "web", "cli", "sync", "docs").get(i % 5));
            ((ArrayNode) issue.get("labels")).add(i % 3 == 0 ? "type:bug" : "type:task");
            if (i % 4 == 0) {
                ((ArrayNode) issue.get("gates_required")).add("tests");
                ((ArrayNode) issue.get("gates_required")).add("review");
                ObjectNode g = ((ObjectNode) issue.get("gates_status")).putObject("tests");
                g.put("status", i % 8 == 0 ? "passed" : "failed").put("updated_by", "ci").put("updated_at", time(i));
            }
            if (state.equals("in_progress") || state.equals("gated")) {
                issue.put("assignee", "agent:worker-" + (i % 4));
                event("issue_claimed", issue.get("id").asText()).put("assignee", issue.get("assignee").asText());
            }
            if (i % 6 == 0) {
                ((ObjectNode) issue.get("context")).put("branch", "feature/" + i);
                ((ArrayNode) issue.get("documents")).addObject().put("path", "docs/design-" + i + ".md").putNull("commit")
                        .put("label", "Design " + i).put("doc_type", "design");
            }
            issues.put(issue.get("id").asText(), issue);
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    static String id(int i) {
        return String.format("%08x", 0x1a2b0000 + i * 7919) + "-" + String.format("%04d", i) + "-fixture";
    }

    static String title(int i) {
        String[] verbs = {"Fix", "Add", "Refactor", "Document", "Speed up", "Test"};
        String[] things = {"lock file handling", "claim queue", "graph layout", "gate registry", "event stream", "search index"};
        return verbs[i % verbs.length] + " " + things[(i / 6) % things.length] + " #" + i;
    }

    synchronized List<ObjectNode> issues() {
        return List.copyOf(issues.values());
    }

    synchronized int edgeCount() {
        return issues.values().stream().mapToInt(n -> n.get("dependencies").size()).sum();
    }

    synchronized boolean blocked(ObjectNode issue) {
        if (FINISHED.contains(issue.get("state").asText())) {
            return false;
        }
        for (JsonNode d : issue.get("dependencies")) {
            ObjectNode dep = issues.get(d.asText());
            if (dep != null && !dep.get("state").asText().equals("done") && !dep.get("state").asText().equals("archived")) {
                return true;
            }
        }
        for (JsonNode g : issue.get("gates_required")) {
            if (!issue.get("gates_status").path(g.asText()).path("status").asText().equals("passed")
                    && issue.get("state").asText().equals("gated")) {
                return true;
            }
        }
        return false;
    }

    /** Adds an issue as another process (the CLI, an agent) would, and streams its event. */
    synchronized ObjectNode addIssue(String title) {
        ObjectNode issue = newIssue(String.format("%08x", 0x7e000000 + issues.size()) + "-live", title, "high", "ready");
        issues.put(issue.get("id").asText(), issue);
        broadcast(event("issue_created", issue.get("id").asText()).put("title", title).put("priority", "high"));
        return issue;
    }

    private ObjectNode newIssue(String id, String title, String priority, String state) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", id).put("title", title)
                .put("description", "## What\n" + title + ".\n\n- [ ] write it\n- [ ] test it\n\n`code` and **bold**.")
                .put("state", state).put("priority", priority).putNull("assignee");
        n.putArray("dependencies");
        n.putArray("gates_required");
        n.putObject("gates_status");
        n.putObject("context");
        n.putArray("documents");
        n.putArray("labels");
        String t = time(issues.size());
        n.put("created_at", t).put("updated_at", t);
        event("issue_created", id).put("title", title).put("priority", priority);
        return n;
    }

    private String time(int i) {
        return Instant.ofEpochSecond(clock + i * 37L).toString();
    }

    private ObjectNode event(String type, String issueId) {
        ObjectNode e = JSON.createObjectNode();
        e.put("type", type).put("id", "ev-" + events.size()).put("issue_id", issueId)
                .put("timestamp", Instant.ofEpochSecond(clock += 11).toString());
        events.add(e);
        return e;
    }

    private void broadcast(ObjectNode e) {
        byte[] frame = ("id: " + events.size() + "\nevent: " + e.get("type").asText() + "\ndata: " + e + "\n\n")
                .getBytes(StandardCharsets.UTF_8);
        for (OutputStream out : streams) {
            try {
                out.write(frame);
                out.flush();
            } catch (IOException gone) {
                streams.remove(out);
            }
        }
    }

    // ---- HTTP -------------------------------------------------------------------------------------

    private void handle(HttpExchange ex) throws IOException {
        try {
            String path = ex.getRequestURI().getPath();
            if (!path.startsWith("/api/")) {
                staticFile(ex, path);
            } else if (path.equals("/api/events/stream")) {
                stream(ex);
            } else {
                Object body;
                synchronized (this) {
                    body = api(ex, path.substring(5), query(ex.getRequestURI().getRawQuery()));
                }
                if (body instanceof Error err) {
                    send(ex, err.status, "application/json",
                            ("{\"error\":{\"code\":\"" + err.code + "\",\"message\":\"" + err.message + "\",\"details\":{}}}")
                                    .getBytes(StandardCharsets.UTF_8));
                } else {
                    send(ex, ex.getRequestMethod().equals("POST") ? 201 : 200, "application/json", JSON.writeValueAsBytes(body));
                }
            }
        } finally {
            ex.close();
        }
    }

    private record Error(int status, String code, String message) {
    }

    private Object api(HttpExchange ex, String path, Map<String, String> q) throws IOException {
        String method = ex.getRequestMethod();
        if (!method.equals("GET")) {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !auth.equals("Bearer " + TOKEN)) {
                return new Error(401, "UNAUTHORIZED", auth == null ? "Missing 'Authorization: Bearer <token>' header" : "Invalid API token");
            }
        }
        String[] parts = path.split("/");
        if (method.equals("POST") && path.equals("issues")) {
            JsonNode body = JSON.readTree(ex.getRequestBody());
            return withBlocked(addIssue(body.path("title").asText()));
        }
        if (method.equals("PATCH") && parts.length == 2 && parts[0].equals("issues")) {
            ObjectNode issue = resolve(parts[1]);
            if (issue == null) {
                return new Error(404, "ISSUE_NOT_FOUND", "Issue not found: " + parts[1]);
            }
            JsonNode body = JSON.readTree(ex.getRequestBody());
            String from = issue.get("state").asText();
            issue.put("state", body.path("state").asText(from));
            broadcast(event("issue_state_changed", issue.get("id").asText()).put("from", from).put("to", issue.get("state").asText()));
            return withBlocked(issue);
        }
        if (!method.equals("GET")) {
            return new Error(404, "NOT_FOUND", "The fixture does not implement " + method + " /api/" + path);
        }
        switch (parts[0]) {
            case "status": {
                ObjectNode s = JSON.createObjectNode();
                for (String st : STATES) {
                    s.put(st, issues.values().stream().filter(i -> i.get("state").asText().equals(st)).count());
                }
                s.put("open", s.get("backlog").asInt());
                s.put("blocked", issues.values().stream().filter(this::blocked).count());
                s.put("total", issues.size());
                return s;
            }
            case "ready":
                return page(issues.values().stream().filter(i -> i.get("state").asText().equals("ready") && !blocked(i))
                        .map(this::withBlocked).toList(), null);
            case "graph": {
                ObjectNode g = JSON.createObjectNode();
                ArrayNode nodes = g.putArray("nodes");
                ArrayNode edges = g.putArray("edges");
                for (ObjectNode i : issues.values()) {
                    ObjectNode node = nodes.addObject().put("id", i.get("id").asText()).put("label", i.get("title").asText())
                            .put("state", i.get("state").asText()).put("priority", i.get("priority").asText())
                            .put("blocked", blocked(i));
                    node.set("assignee", i.get("assignee"));
                    node.set("labels", i.get("labels"));
                    for (JsonNode d : i.get("dependencies")) {
                        edges.addObject().put("from", i.get("id").asText()).put("to", d.asText());
                    }
                }
                return g;
            }
            case "events": {
                Predicate<ObjectNode> p = e -> (!q.containsKey("type") || Arrays.asList(q.get("type").split(",")).contains(e.get("type").asText()))
                        && (!q.containsKey("issue") || e.path("issue_id").asText().startsWith(q.get("issue")));
                List<ObjectNode> matched = events.stream().filter(p).toList();
                int limit = Integer.parseInt(q.getOrDefault("limit", "100"));
                ObjectNode out = JSON.createObjectNode();
                matched.subList(Math.max(0, matched.size() - limit), matched.size()).forEach(out.putArray("events")::add);
                return out;
            }
            case "issues":
                if (parts.length == 1) {
                    return list(q);
                }
                if (parts.length == 2) {
                    ObjectNode issue = resolve(parts[1]);
                    if (issue == null) {
                        return new Error(404, "ISSUE_NOT_FOUND", "Issue not found: " + parts[1]);
                    }
                    ObjectNode out = withBlocked(issue);
                    ArrayNode dependents = out.putArray("dependents");
                    issues.values().stream().filter(o -> o.get("dependencies").toString().contains("\"" + issue.get("id").asText() + "\""))
                            .forEach(o -> dependents.add(o.get("id").asText()));
                    ArrayNode reasons = out.putArray("blocked_reasons");
                    if (blocked(issue)) {
                        for (JsonNode d : issue.get("dependencies")) {
                            String st = issues.get(d.asText()).get("state").asText();
                            if (!st.equals("done") && !st.equals("archived")) {
                                reasons.addObject().put("type", "dependency").put("target", d.asText()).put("status", st)
                                        .put("detail", "depends on " + d.asText().substring(0, 8) + " (" + st + ")");
                            }
                        }
                    }
                    return out;
                }
                return new Error(404, "NOT_FOUND", "The fixture does not implement /api/" + path);
            default:
                return new Error(404, "NOT_FOUND", "No such endpoint: GET /api/" + path);
        }
    }

    private ObjectNode list(Map<String, String> q) {
        Map<String, Predicate<ObjectNode>> filters = new HashMap<>();
        for (String field : List.of("state", "priority", "assignee")) {
            if (q.containsKey(field)) {
                List<String> values = Arrays.asList(q.get(field).split(","));
                filters.put(field, i -> values.contains(i.path(field).asText(field.equals("assignee") ? "none" : "")));
            }
        }
        if (q.containsKey("label")) {
            String l = q.get("label");
            filters.put("label", i -> {
                for (JsonNode x : i.get("labels")) {
                    if (l.endsWith("*") ? x.asText().startsWith(l.substring(0, l.length() - 1)) : x.asText().equals(l)) {
                        return true;
                    }
                }
                return false;
            });
        }
        if (q.containsKey("blocked")) {
            boolean want = q.get("blocked").equals("true");
            filters.put("blocked", i -> blocked(i) == want);
        }
        if (q.containsKey("q")) {
            String text = q.get("q").toLowerCase(Locale.ROOT);
            filters.put("q", i -> i.get("id").asText().startsWith(text) || i.get("title").asText().toLowerCase(Locale.ROOT).contains(text));
        }
        List<ObjectNode> matched = new ArrayList<>(issues.values().stream()
                .filter(i -> filters.values().stream().allMatch(f -> f.test(i))).toList());
        String sort = q.getOrDefault("sort", "created");
        String key = sort.replace("-", "");
        Comparator<ObjectNode> c = switch (key) {
            case "priority" -> Comparator.comparingInt(i -> PRIORITIES.indexOf(i.get("priority").asText()));
            case "state" -> Comparator.comparingInt(i -> List.of(STATES).indexOf(i.get("state").asText()));
            case "title" -> Comparator.comparing(i -> i.get("title").asText().toLowerCase(Locale.ROOT));
            case "updated" -> Comparator.comparing(i -> i.get("updated_at").asText());
            default -> Comparator.comparing(i -> i.get("created_at").asText());
        };
        matched.sort(sort.startsWith("-") ? c.reversed() : c);
        int offset = Integer.parseInt(q.getOrDefault("cursor", "0"));
        int limit = Integer.parseInt(q.getOrDefault("limit", "100"));
        int end = Math.min(matched.size(), offset + limit);
        ObjectNode out = page(matched.subList(offset, end).stream().map(this::withBlocked).toList(), end < matched.size() ? String.valueOf(end) : null);
        out.put("total", matched.size());
        return out;
    }

    private ObjectNode page(List<ObjectNode> list, String next) {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode arr = out.putArray("issues");
        list.forEach(arr::add);
        out.put("total", list.size());
        out.put("next_cursor", next);
        return out;
    }

    private ObjectNode withBlocked(ObjectNode issue) {
        return issue.deepCopy().put("blocked", blocked(issue));
    }

    private ObjectNode resolve(String prefix) {
        List<ObjectNode> found = issues.values().stream().filter(i -> i.get("id").asText().startsWith(prefix)).toList();
        return found.size() == 1 ? found.get(0) : null;
    }

    private void stream(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        out.write(": connected\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        streams.add(out);
        try {
            closing.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void staticFile(HttpExchange ex, String path) throws IOException {
        String name = path.equals("/") ? "index.html" : path.substring(1);
        try (InputStream in = FixtureServer.class.getResourceAsStream("/jit-web/" + name)) {
            if (in == null || name.contains("..")) {
                send(ex, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String type = name.endsWith(".html") ? "text/html; charset=utf-8" : name.endsWith(".js") ? "text/javascript"
                    : name.endsWith(".css") ? "text/css" : "application/octet-stream";
            send(ex, 200, type, in.readAllBytes());
        }
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        pool.shutdownNow();
    }
}
