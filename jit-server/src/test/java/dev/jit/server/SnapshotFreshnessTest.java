package dev.jit.server;

import dev.jit.core.Jit;


import static org.assertj.core.api.Assertions.assertThat;

import dev.jit.core.model.State;
import dev.jit.core.Gates;
import dev.jit.core.Issues;
import dev.jit.core.model.JitOptions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cached snapshot never serves stale data: changes by another store user (another process in real life)
 * are seen on the next request, whether the cache refreshes incrementally or fully.
 */
class SnapshotFreshnessTest {
    static ServerFixture fx;
    static Api api;
    static Jit other;

    @BeforeAll
    static void setUp() {
        fx = ServerFixture.start();
        api = fx.api;
        other = Jit.open(fx.dataDir, new JitOptions(Duration.ofSeconds(5), "human:other", w -> { }));
    }

    @AfterAll
    static void tearDown() throws Exception {
        fx.close();
    }

    @Test
    void sideEffectsOnOtherIssuesAreSeen() {
        Issues issues = other.issues();
        String dep = api.create("dependency", null);
        String dependent = api.create("dependent", null);
        other.dependencies().add(dependent, dep);
        assertThat(api.get("/api/issues/" + dependent).json().path("blocked").asBoolean()).isTrue();
        assertThat(api.get("/api/issues/" + dependent).json().path("state").asText()).isEqualTo("backlog");

        // Finishing the dependency elsewhere readies the dependent (an event names each changed issue).
        issues.update(dep, new Issues.Edit(null, null, null, State.DONE, null, null, null, null));
        assertThat(api.get("/api/issues/" + dependent).json().path("state").asText()).isEqualTo("ready");
        assertThat(api.get("/api/issues/" + dependent).json().path("blocked").asBoolean()).isFalse();
        assertThat(api.get("/api/issues/" + dep).json().path("state").asText()).isEqualTo("done");
    }

    @Test
    void changesWhoseEventsNameNoIssueForceAFullReload() {
        Gates gates = other.gates();
        gates.define("temp-gate", "Temporary", "", false, null);
        String id = api.create("gated work", "\"gates\":[\"temp-gate\"]");
        assertThat(api.get("/api/issues/" + id).json().path("gates_required").size()).isEqualTo(1);
        gates.undefine("temp-gate", true);
        assertThat(api.get("/api/issues/" + id).json().path("gates_required").size()).isZero();
    }

    @Test
    void ownNoOpAndFailedWritesKeepServingCurrentData() {
        String id = api.create("same title", null);
        assertThat(api.patch("/api/issues/" + id, "{\"title\":\"same title\"}").status()).isEqualTo(200);
        assertThat(api.post("/api/issues/" + id + "/dependencies", "{\"depends_on\":\"" + id + "\"}").status())
                .isEqualTo(409);
        other.issues().delete(List.of(id), false);
        assertThat(api.get("/api/issues/" + id).status()).isEqualTo(404);
        assertThat(api.get("/api/issues?q=same title".replace(" ", "%20")).json().path("total").asInt()).isZero();
    }
}
