package dev.jit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Authentication, body limits, media types, unknown routes, CORS, and the shape of every error. */
class ErrorsAndAuthTest {
    static ServerFixture fx;
    static Api api;

    @BeforeAll
    static void setUp() {
        fx = ServerFixture.start(Api.TOKEN, List.of("https://ui.example"), null);
        api = fx.api;
    }

    @AfterAll
    static void tearDown() throws Exception {
        fx.close();
    }

    @Test
    void writesNeedTheRightBearerToken() {
        Api.Resp missing = api.send(api.request("/api/issues").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"x\"}")).build());
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.errorCode()).isEqualTo("UNAUTHORIZED");
        assertThat(missing.header("WWW-Authenticate")).startsWith("Bearer");
        for (String value : List.of("Bearer wrong", "Bearer " + Api.TOKEN + "x", "Basic " + Api.TOKEN, "Bearer ")) {
            Api.Resp r = api.send(api.request("/api/issues").header("Authorization", value)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"x\"}")).build());
            assertThat(r.status()).as(value).isEqualTo(401);
        }
        assertThat(api.send(api.request("/api/issues/abcd").DELETE().build()).status()).isEqualTo(401);
        assertThat(api.get("/api/status").json().path("total").asInt()).isZero();
        assertThat(api.create("authorized", null)).isNotBlank();
    }

    @Test
    void withoutAConfiguredTokenWritesAre403AndReadsWork() throws Exception {
        try (ServerFixture open = ServerFixture.start(null, List.of(), null)) {
            Api.Resp r = open.api.post("/api/issues", "{\"title\":\"x\"}");
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.errorCode()).isEqualTo("PERMISSION_DENIED");
            assertThat(r.body()).contains("JIT_API_TOKEN").contains("--token-file");
            assertThat(open.api.get("/api/issues").status()).isEqualTo(200);
        }
    }

    @Test
    void oversizedBodiesAre413() {
        String big = "{\"title\":\"x\",\"description\":\"" + "a".repeat(1024 * 1024) + "\"}";
        Api.Resp r = api.post("/api/issues", big);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.errorCode()).isEqualTo("PAYLOAD_TOO_LARGE");
        // Without a Content-Length (chunked), the cap applies while reading.
        Api.Resp chunked = api.send(api.authorized(api.request("/api/issues"), "POST", null)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() ->
                        new java.io.ByteArrayInputStream(big.getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                .build());
        assertThat(chunked.status()).isEqualTo(413);
    }

    @Test
    void nonJsonBodiesAre415() {
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded")) {
            Api.Resp r = api.send(api.request("/api/issues").header("Authorization", "Bearer " + Api.TOKEN)
                    .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"x\"}"))
                    .build());
            assertThat(r.status()).as(type).isEqualTo(415);
            assertThat(r.errorCode()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        }
        Api.Resp noType = api.send(api.request("/api/issues").header("Authorization", "Bearer " + Api.TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"x\"}")).build());
        assertThat(noType.status()).isEqualTo(415);
    }

    @Test
    void unknownRoutesAre404AndWrongMethods405AsJson() {
        Api.Resp r = api.get("/api/nothing-here");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.errorCode()).isEqualTo("NOT_FOUND");
        Api.Resp put = api.send(api.request("/api/issues").PUT(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(put.status()).isEqualTo(405);
        assertThat(put.errorCode()).isEqualTo("METHOD_NOT_ALLOWED");
        // The web UI is packaged with the server (jit-web on the classpath): / is the single page.
        assertThat(api.get("/").status()).isEqualTo(200);
    }

    @Test
    void badInputNeverYields500OrAStackTrace() {
        List<Api.Resp> responses = List.of(
                api.post("/api/issues", "{\"title\": [1,2,{]"),
                api.post("/api/issues", "\"just a string\""),
                api.post("/api/issues", "{\"title\":\"x\",\"context\":{\"bad key!\":\"v\"}}"),
                api.post("/api/issues", "{\"title\":\"x\",\"context\":{\"k\":1}}"),
                // Jetty rejects this before routing and closes the connection: use a connection of its own.
                new Api(fx.server.port()).patch("/api/issues/%00%01", "{\"title\":\"x\"}"),
                api.post("/api/issues/abcd/gates/..%2F..%2Fx/pass", "{}"),
                api.post("/api/claim-next", "{\"assignee\":\"a:b\",\"filter\":\"state:,,\"}"),
                api.get("/api/issues?state=" + "x".repeat(5000)),
                api.get("/api/events/stream?last_event_id=-5"),
                api.get("/api/issues/" + "a".repeat(300)));
        for (Api.Resp r : responses) {
            assertThat(r.status()).as(r.body()).isBetween(400, 499);
            assertThat(r.errorCode()).as(r.body()).isNotBlank();
            assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("dev.jit.");
        }
    }

    @Test
    void corsIsOnlyGrantedToListedOrigins() {
        Api.Resp allowed = api.send(api.request("/api/status").header("Origin", "https://ui.example").GET().build());
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("https://ui.example");
        Api.Resp other = api.send(api.request("/api/status").header("Origin", "https://evil.example").GET().build());
        assertThat(other.header("Access-Control-Allow-Origin")).isNull();
        Api.Resp preflight = api.send(api.request("/api/issues").header("Origin", "https://ui.example")
                .header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.header("Access-Control-Allow-Headers")).contains("Authorization");
    }

    @Test
    void corsIsOffByDefault() throws Exception {
        try (ServerFixture plain = ServerFixture.start(Api.TOKEN, List.of(), null)) {
            Api.Resp r = plain.api.send(plain.api.request("/api/status").header("Origin", "https://ui.example")
                    .GET().build());
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Access-Control-Allow-Origin")).isNull();
        }
    }
}
