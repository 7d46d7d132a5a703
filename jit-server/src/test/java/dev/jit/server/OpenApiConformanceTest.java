package dev.jit.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import dev.jit.core.json.Json;
import dev.jit.core.Jit;
import dev.jit.core.model.JitOptions;
import dev.jit.server.support.WebhookReceiver;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real responses against the served OpenAPI document: every operation is called over HTTP for its success and
 * for each error status it documents, each status must be one the document lists for that operation, and each
 * JSON body must validate (networknt's OpenAPI 3.0 dialect, so {@code nullable} counts) against the schema the
 * document gives for it. Every documented response must have been seen, so the document cannot promise one the
 * server never gives.
 */
class OpenApiConformanceTest {
    private static final String DOCUMENT_IRI = "https://jit.invalid/api/openapi.json";

    static ServerFixture fx;
    static Api api;
    static JsonNode doc;
    static SchemaRegistry schemas;
    /** "METHOD /template STATUS" of every response checked. */
    static final Set<String> seen = new TreeSet<>();

    @BeforeAll
    static void setUp() throws Exception {
        fx = ServerFixture.start();
        api = fx.api;
        Jit jit = Jit.open(fx.dataDir, new JitOptions(Duration.ofSeconds(5), "human:test", w -> { }));
        jit.gates().define("review", "Code review", "", false, null);
        jit.gates().define(new dev.jit.core.Gates.Definition("tests", "Tests", "", false, null, null,
                dev.jit.core.model.GateChecker.shell("echo ok", 30, null, Map.of())));
        doc = api.get("/api/openapi.json").json();
        schemas = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi30(),
                b -> b.schemas(Map.of(DOCUMENT_IRI, Json.compact(doc))));
    }

    @AfterAll
    static void tearDown() throws Exception {
        fx.close();
    }

    @Test
    void theRouteTableAndTheDocumentHaveTheSameOperations() {
        List<String> routes = fx.server.routes().stream()
                .map(r -> r.method().name() + " " + r.path()).toList();
        List<String> documented = new ArrayList<>();
        doc.path("paths").fields().forEachRemaining(p -> p.getValue().fieldNames()
                .forEachRemaining(m -> documented.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey())));
        assertThat(documented).containsExactlyInAnyOrderElementsOf(routes);
    }

    @Test
    void everyDocumentedResponseIsWhatTheServerAnswers() throws Exception {
        String docId = documentedIssue();
        String blocker = created("Blocker", "\"gates\":[\"review\"]");
        String blocked = created("Blocked", null);
        check("POST", "/api/issues/{id}/dependencies", "/api/issues/" + blocked + "/dependencies",
                "{\"depends_on\":\"" + blocker + "\"}", 200);
        check("POST", "/api/issues/{id}/dependencies", "/api/issues/" + blocker + "/dependencies",
                "{\"depends_on\":\"" + blocked + "\"}", 409);
        check("POST", "/api/issues/{id}/dependencies", "/api/issues/" + blocker + "/dependencies", "{}", 400);
        check("POST", "/api/issues/{id}/dependencies", "/api/issues/" + blocker + "/dependencies",
                "{\"depends_on\":\"zzzzzzzz\"}", 404);

        check("POST", "/api/issues", "/api/issues", "{\"title\":1}", 400);
        check("POST", "/api/issues", "/api/issues", "{\"title\":\"x\",\"gates\":[\"nope\"]}", 404);
        check("POST", "/api/issues", "/api/issues", "{\"title\":\"x\",\"dependencies\":[\"" + blocker + "\"]}", 201);
        check("POST", "/api/issues", "/api/issues", "{\"title\":\"x\",\"dependencies\":[\"zzzzzzzz\"]}", 404);

        check("GET", "/api/issues", "/api/issues?limit=1", null, 200);
        check("GET", "/api/issues", "/api/issues?sort=bogus", null, 400);
        check("GET", "/api/issues/{id}", "/api/issues/" + blocked, null, 200);
        check("GET", "/api/issues/{id}", "/api/issues/zzzzzzzz", null, 404);
        check("GET", "/api/issues/{id}", "/api/issues/" + "a".repeat(300), null, 400);

        String edited = created("Edited", null);
        check("PATCH", "/api/issues/{id}", "/api/issues/" + edited, "{\"title\":\"Edited again\"}", 200);
        check("PATCH", "/api/issues/{id}", "/api/issues/" + edited, "{\"assignee\":\"human:ann\","
                + "\"add_gates\":[\"review\"],\"add_labels\":[\"type:bug\"]}", 200);
        check("PATCH", "/api/issues/{id}", "/api/issues/" + edited, "{\"unassign\":true,\"remove_gates\":[\"review\"]}",
                200);
        check("PATCH", "/api/issues/{id}", "/api/issues/" + edited, "{}", 400);
        check("PATCH", "/api/issues/{id}", "/api/issues/zzzzzzzz", "{\"title\":\"t\"}", 404);
        check("PATCH", "/api/issues/{id}", "/api/issues/" + blocked, "{\"state\":\"done\"}", 422);

        String claimed = created("Claimed", null);
        check("POST", "/api/issues/{id}/claim", "/api/issues/" + claimed + "/claim", "{\"assignee\":\"agent:a\"}", 200);
        check("POST", "/api/issues/{id}/claim", "/api/issues/" + claimed + "/claim", "{\"assignee\":\"agent:b\"}", 409);
        check("POST", "/api/issues/{id}/claim", "/api/issues/" + claimed + "/claim", "{}", 400);
        check("POST", "/api/issues/{id}/claim", "/api/issues/zzzzzzzz/claim", "{\"assignee\":\"agent:a\"}", 404);
        check("POST", "/api/issues/{id}/claim", "/api/issues/" + blocked + "/claim", "{\"assignee\":\"agent:a\"}", 422);
        String leased = created("Leased", null);
        check("POST", "/api/issues/{id}/claim", "/api/issues/" + leased + "/claim",
                "{\"assignee\":\"agent:l\",\"ttl_secs\":600}", 200);
        String beat = "/api/issues/" + leased + "/heartbeat";
        check("POST", "/api/issues/{id}/heartbeat", beat, "{\"holder\":\"agent:l\"}", 200);
        check("POST", "/api/issues/{id}/heartbeat", beat, "{\"holder\":\"agent:other\"}", 409);
        check("POST", "/api/issues/{id}/heartbeat", beat, "{}", 400);
        check("POST", "/api/issues/{id}/heartbeat", "/api/issues/zzzzzzzz/heartbeat", "{\"holder\":\"agent:l\"}", 404);
        check("GET", "/api/leases", "/api/leases", null, 200);
        check("POST", "/api/issues/{id}/release", "/api/issues/" + claimed + "/release", "{\"reason\":\"done\"}", 200);
        check("POST", "/api/issues/{id}/release", "/api/issues/" + claimed + "/release", "{}", 400);
        check("POST", "/api/issues/{id}/release", "/api/issues/zzzzzzzz/release", "{\"reason\":\"x\"}", 404);

        String gate = "/api/issues/" + blocker + "/gates/review/";
        check("POST", "/api/issues/{id}/gates/{key}/fail", gate + "fail", "{\"by\":\"human:bob\"}", 200);
        check("POST", "/api/issues/{id}/gates/{key}/pass", gate + "pass", null, 200);
        for (String result : List.of("pass", "fail")) {
            String template = "/api/issues/{id}/gates/{key}/" + result;
            check("POST", template, gate + result, "{\"by\":1}", 400);
            check("POST", template, "/api/issues/zzzzzzzz/gates/review/" + result, "{}", 404);
            check("POST", template, "/api/issues/" + blocker + "/gates/lint/" + result, "{}", 422);
        }

        String checked = created("Checked", "\"gates\":[\"tests\",\"review\"]");
        String checks = "/api/issues/" + checked + "/gates/check";
        check("POST", "/api/issues/{id}/gates/check", checks, "{}", 200);
        check("POST", "/api/issues/{id}/gates/check", checks, "{\"gates\":[\"tests\"]}", 200);
        check("POST", "/api/issues/{id}/gates/check", checks, "{\"gates\":1}", 400);
        check("POST", "/api/issues/{id}/gates/check", "/api/issues/zzzzzzzz/gates/check", "{}", 404);
        check("POST", "/api/issues/{id}/gates/check", checks, "{\"gates\":[\"review\"]}", 422);
        String runs = "/api/issues/" + checked + "/gate-runs";
        check("GET", "/api/issues/{id}/gate-runs", runs + "?gate=tests&limit=1", null, 200);
        check("GET", "/api/issues/{id}/gate-runs", runs + "?limit=0", null, 400);
        check("GET", "/api/issues/{id}/gate-runs", "/api/issues/zzzzzzzz/gate-runs", null, 404);

        check("POST", "/api/claim-next", "/api/claim-next", "{\"assignee\":\"agent:n\"}", 200);
        check("POST", "/api/claim-next", "/api/claim-next", "{\"assignee\":\"agent:n\",\"filter\":\"color:red\"}", 400);
        check("POST", "/api/claim-next", "/api/claim-next",
                "{\"assignee\":\"agent:n\",\"filter\":\"label:none:here\"}", 404);

        check("GET", "/api/gates", "/api/gates", null, 200);
        check("GET", "/api/graph", "/api/graph", null, 200);
        check("GET", "/api/status", "/api/status", null, 200);
        check("GET", "/api/server", "/api/server", null, 200);
        check("GET", "/api/ready", "/api/ready", null, 200);
        check("GET", "/api/ready", "/api/ready?state=flying", null, 400);
        check("GET", "/api/blocked", "/api/blocked", null, 200);
        check("GET", "/api/events", "/api/events?limit=5", null, 200);
        check("GET", "/api/events", "/api/events?limit=0", null, 400);
        check("GET", "/api/search", "/api/search?q=version", null, 200);
        // a document match (path, issue_ids, the issues named) within a filtered list
        check("GET", "/api/search", "/api/search?q=version%20two&state=ready,backlog&priority=normal&sort=-updated", null, 200);
        check("GET", "/api/search", "/api/search?q=version&state=flying", null, 400);
        check("GET", "/api/search", "/api/search", null, 400);
        check("GET", "/api/metrics", "/api/metrics", null, 200);
        check("GET", "/api/openapi.json", "/api/openapi.json", null, 200);

        String docs = "/api/issues/" + docId + "/documents/";
        for (String view : List.of("content", "history", "diff?from=HEAD~1")) {
            String template = "/api/issues/{id}/documents/{path}/" + view.replaceAll("\\?.*", "");
            check("GET", template, docs + "docs%2Fdesign.md/" + view, null, 200);
            check("GET", template, docs + "..%2F..%2Fetc%2Fpasswd/" + view, null, 400);
            check("GET", template, docs + "not-referenced.md/" + view, null, 404);
        }

        String hook = "{\"id\":\"hook\",\"url\":\"http://127.0.0.1:9/hook\",\"secret\":\"0123456789abcdef\"}";
        check("POST", "/api/webhooks", "/api/webhooks", hook, 201);
        check("POST", "/api/webhooks", "/api/webhooks", hook, 409);
        check("POST", "/api/webhooks", "/api/webhooks", "{\"url\":\"ftp://127.0.0.1/\"}", 400);
        created("Delivered to nobody", null); // port 9 refuses: the delivery log gets a failed attempt
        WebhookReceiver.await("an attempt in the delivery log", Duration.ofSeconds(30), () -> !api.write("GET",
                "/api/webhooks/hook/deliveries", null).json().path("deliveries").isEmpty());
        check("GET", "/api/webhooks", "/api/webhooks", null, 200);
        check("GET", "/api/webhooks/{id}/deliveries", "/api/webhooks/hook/deliveries", null, 200);
        check("GET", "/api/webhooks/{id}/deliveries", "/api/webhooks/hook/deliveries?limit=0", null, 400);
        check("GET", "/api/webhooks/{id}/deliveries", "/api/webhooks/nope/deliveries", null, 404);
        check("DELETE", "/api/webhooks/{id}", "/api/webhooks/hook", null, 200);
        check("DELETE", "/api/webhooks/{id}", "/api/webhooks/hook", null, 404);
        try (ServerFixture filed = ServerFixture.start(WebhookDeliveryTest.config(fx.root, "{\"endpoints\":["
                + hook + "]}"))) {
            Api main = api;
            api = filed.api;
            check("DELETE", "/api/webhooks/{id}", "/api/webhooks/hook", null, 409);
            api = main;
        }

        stream("text/event-stream", "", 200);
        stream("text/event-stream", "?last_event_id=-5", 400);
        stream("application/json", "", 406);

        String doomed = created("Doomed", null);
        String dependent = created("Needs doomed", null);
        check("POST", "/api/issues/{id}/dependencies", "/api/issues/" + dependent + "/dependencies",
                "{\"depends_on\":\"" + doomed + "\"}", 200);
        String dependency = "/api/issues/{id}/dependencies/{dep}";
        check("DELETE", dependency, "/api/issues/" + dependent + "/dependencies/" + doomed, null, 200);
        check("DELETE", dependency, "/api/issues/zzzzzzzz/dependencies/" + doomed, null, 404);
        check("DELETE", dependency, "/api/issues/" + dependent + "/dependencies/" + "a".repeat(300), null, 400);
        check("POST", "/api/issues/{id}/dependencies", "/api/issues/" + dependent + "/dependencies",
                "{\"depends_on\":\"" + doomed + "\"}", 200);
        check("DELETE", "/api/issues/{id}", "/api/issues/" + doomed, null, 409);
        check("DELETE", "/api/issues/{id}", "/api/issues/" + doomed + "?force=perhaps", null, 400);
        check("DELETE", "/api/issues/{id}", "/api/issues/" + doomed + "?force=true", null, 200);
        check("DELETE", "/api/issues/{id}", "/api/issues/" + doomed, null, 404);

        // The statuses every write shares, for each write operation of the document.
        try (ServerFixture readOnly = ServerFixture.start(null, List.of(), null)) {
            String big = "{\"title\":\"" + "a".repeat(1024 * 1024) + "\"}";
            for (Operation op : operations()) {
                if (!op.node().has("security")) {
                    continue;
                }
                String path = op.path().replace("{id}", blocked).replace("{key}", "review")
                        .replace("{dep}", blocker);
                HttpRequest.Builder unauthenticated = api.request(path).header("Content-Type", "application/json")
                        .method(op.method(), HttpRequest.BodyPublishers.ofString("{}"));
                record(op, api.send(unauthenticated.build()), 401);
                record(op, readOnly.api.write(op.method(), path, "{}"), 403);
                if (op.node().has("requestBody")) {
                    record(op, api.write(op.method(), path, big), 413);
                    record(op, api.send(api.request(path).header("Authorization", "Bearer " + Api.TOKEN)
                            .header("Content-Type", "text/plain")
                            .method(op.method(), HttpRequest.BodyPublishers.ofString("{}")).build()), 415);
                }
            }
        }

        check("GET", "/api/health", "/api/health", null, 200);
        check("HEAD", "/api/health", "/api/health", null, 200);
        // A directory where the index should be: the store cannot be read.
        Path index = fx.dataDir.resolve("index.json");
        Path aside = fx.root.resolve("index.aside");
        Files.move(index, aside);
        Files.createDirectory(index);
        check("GET", "/api/health", "/api/health", null, 503);
        check("HEAD", "/api/health", "/api/health", null, 503);
        Files.delete(index);
        Files.move(aside, index);

        Set<String> documented = new TreeSet<>();
        for (Operation op : operations()) {
            op.node().path("responses").fieldNames().forEachRemaining(s -> documented.add(op.key() + " " + s));
        }
        assertThat(seen).as("responses checked against the document").isEqualTo(documented);
    }

    record Operation(String method, String path, JsonNode node) {
        String key() {
            return method + " " + path;
        }
    }

    private static List<Operation> operations() {
        List<Operation> out = new ArrayList<>();
        doc.path("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(m ->
                out.add(new Operation(m.getKey().toUpperCase(Locale.ROOT), p.getKey(), m.getValue()))));
        return out;
    }

    private static Operation operation(String method, String template) {
        JsonNode node = doc.path("paths").path(template).path(method.toLowerCase(Locale.ROOT));
        assertThat(node.isObject()).as(method + " " + template + " in the document").isTrue();
        return new Operation(method, template, node);
    }

    /** Sends a request (writes with the token), and checks its response against the document. */
    private static Api.Resp check(String method, String template, String path, String body, int expected) {
        Operation op = operation(method, template);
        Api.Resp r = op.node().has("security") ? api.write(method, path, body)
                : api.send(api.request(path).method(method, HttpRequest.BodyPublishers.noBody()).build());
        record(op, r, expected);
        return r;
    }

    private static void record(Operation op, Api.Resp r, int expected) {
        String what = op.key() + " -> " + r.status() + " " + r.body();
        assertThat(r.status()).as(what).isEqualTo(expected);
        JsonNode response = op.node().path("responses").path(Integer.toString(r.status()));
        assertThat(response.isObject()).as("status documented: " + what).isTrue();
        seen.add(op.key() + " " + r.status());
        if (op.method().equals("HEAD")) {
            return;
        }
        String mediaType = response.path("content").fieldNames().next();
        assertThat(r.header("Content-Type")).as(what).startsWith(mediaType);
        if (mediaType.equals("application/json")) {
            validate(response.path("content").path(mediaType).path("schema"), r.json(), what);
        }
    }

    private static void validate(JsonNode schema, JsonNode body, String what) {
        String ref = schema.path("$ref").asText();
        assertThat(ref).as("schema of " + what).startsWith("#/components/schemas/");
        List<Error> errors = schemas.getSchema(SchemaLocation.of(DOCUMENT_IRI + ref)).validate(body);
        assertThat(errors).as(what).isEmpty();
    }

    /** The event stream answers headers first and then never ends: read the status and close. */
    private static void stream(String accept, String query, int expected) throws Exception {
        HttpResponse<InputStream> r = api.http.send(api.request("/api/events/stream" + query)
                .header("Accept", accept).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        String body;
        try (InputStream in = r.body()) {
            body = expected == 200 ? "" : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        Operation op = operation("GET", "/api/events/stream");
        String what = op.key() + " -> " + r.statusCode() + " " + body;
        assertThat(r.statusCode()).as(what).isEqualTo(expected);
        JsonNode response = op.node().path("responses").path(Integer.toString(r.statusCode()));
        assertThat(response.isObject()).as("status documented: " + what).isTrue();
        seen.add(op.key() + " " + r.statusCode());
        String mediaType = response.path("content").fieldNames().next();
        assertThat(r.headers().firstValue("Content-Type").orElse("")).as(what).startsWith(mediaType);
        if (expected != 200) {
            validate(response.path("content").path(mediaType).path("schema"), Json.parse(body), what);
        }
    }

    private static String created(String title, String extra) {
        Api.Resp r = check("POST", "/api/issues", "/api/issues", "{\"title\":" + Json.compact(title)
                + (extra == null ? "" : "," + extra) + "}", 201);
        return r.json().path("id").asText();
    }

    /** An issue referencing docs/design.md, committed twice in a git repository around the store. */
    private static String documentedIssue() throws Exception {
        Path root = fx.root;
        git(root, "init", "-q");
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(root.resolve("docs/design.md"), "# Design\nversion one\n");
        git(root, "add", "docs/design.md");
        git(root, "commit", "-q", "-m", "Add design");
        Files.writeString(root.resolve("docs/design.md"), "# Design\nversion two\n");
        git(root, "commit", "-q", "-am", "Revise design");
        String id = created("Documented", "\"labels\":[\"kind:doc\"],\"context\":{\"k\":\"v\"}");
        Jit.open(fx.dataDir, new JitOptions(Duration.ofSeconds(5), "human:test", w -> { })).documents()
                .add(id, "docs/design.md", null, "Design", "design");
        return id;
    }

    private static void git(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString(), "-c", "user.name=JIT Test",
                "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }
}
