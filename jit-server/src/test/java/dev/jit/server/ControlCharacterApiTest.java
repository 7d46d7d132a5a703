package dev.jit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Control characters in titles, labels and descriptions are refused over real HTTP (POST and PATCH), as on the CLI. */
class ControlCharacterApiTest {
    static ServerFixture fx;
    static Api api;

    @BeforeAll
    static void setUp() {
        fx = ServerFixture.start();
        api = fx.api;
    }

    @AfterAll
    static void tearDown() throws Exception {
        fx.close();
    }

    @Test
    void controlCharactersAre400NamingFieldAndCharacterAndChangeNothing() {
        String id = api.post("/api/issues", "{\"title\":\"clean\"}").json().path("id").asText();
        int before = api.get("/api/status").json().path("total").asInt();
        record Case(String method, String path, String body, String field, String escape) {
        }
        for (Case c : List.of(
                new Case("POST", "/api/issues", "{\"title\":\"a\\u0000b\"}", "Title", "\\x00"),
                new Case("POST", "/api/issues", "{\"title\":\"\\u001b]0;owned\\u0007\"}", "Title", "\\x1b"),
                new Case("POST", "/api/issues", "{\"title\":\"x\\u009b2J\"}", "Title", "\\u009b"),
                new Case("POST", "/api/issues", "{\"title\":\"x\",\"labels\":[\"a:\\u001b[2J\"]}", "Label", "\\x1b"),
                new Case("POST", "/api/issues", "{\"title\":\"x\",\"description\":\"ok\\n\\u0007\"}", "Description",
                        "\\x07"),
                new Case("PATCH", "/api/issues/" + id, "{\"title\":\"t\\u007f\"}", "Title", "\\x7f"),
                new Case("PATCH", "/api/issues/" + id, "{\"description\":\"\\u001b[2J\"}", "Description", "\\x1b"),
                new Case("PATCH", "/api/issues/" + id, "{\"add_labels\":[\"a:\\u0001\"]}", "Label", "\\x01"))) {
            Api.Resp r = api.write(c.method(), c.path(), c.body());
            assertThat(r.status()).as(c.body()).isEqualTo(400);
            assertThat(r.errorCode()).as(c.body()).isEqualTo("INVALID_ARGUMENT");
            assertThat(r.json().path("error").path("message").asText()).as(c.body())
                    .startsWith(c.field() + " contains the control character " + c.escape());
        }
        assertThat(api.get("/api/status").json().path("total").asInt()).isEqualTo(before);
        assertThat(api.get("/api/issues/" + id).json().path("title").asText()).isEqualTo("clean");
        assertThat(api.get("/api/issues/" + id).json().path("description").asText()).isEmpty();

        Api.Resp layout = api.post("/api/issues", "{\"title\":\"fine\",\"description\":\"col\\tcol\\r\\nline 2\"}");
        assertThat(layout.status()).isEqualTo(201);
        assertThat(layout.json().path("description").asText()).isEqualTo("col\tcol\r\nline 2");
    }
}
