package dev.jit.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jit.core.Jit;
import dev.jit.core.model.Issue;
import dev.jit.core.model.JitOptions;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Leases over HTTP: claim with ttl_secs, heartbeat, the lease list, and jit-server freeing leases on time. */
class LeaseApiTest {
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
    void aLeasedClaimIsRenewedOnlyByItsHolderAndListed() {
        String id = api.create("Leased", null);
        Api.Resp claim = api.post("/api/issues/" + id + "/claim", "{\"assignee\":\"agent:w1\",\"ttl_secs\":600}");
        assertThat(claim.status()).isEqualTo(200);
        assertThat(claim.json().path("lease").path("holder").asText()).isEqualTo("agent:w1");
        assertThat(claim.json().path("lease").path("ttl_secs").asLong()).isEqualTo(600);
        String expires = claim.json().path("lease").path("expires_at").asText();

        Api.Resp other = api.post("/api/issues/" + id + "/heartbeat", "{\"holder\":\"agent:w2\"}");
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.errorCode()).isEqualTo("NOT_HOLDER");
        assertThat(api.post("/api/issues/" + id + "/heartbeat", "{}").status()).isEqualTo(400);
        Api.Resp beat = api.post("/api/issues/" + id + "/heartbeat", "{\"holder\":\"agent:w1\"}");
        assertThat(beat.status()).isEqualTo(200);
        assertThat(Instant.parse(beat.json().path("lease").path("expires_at").asText()))
                .isAfterOrEqualTo(Instant.parse(expires));

        JsonNode leases = api.get("/api/leases").json();
        assertThat(leases.path("count").asInt()).isGreaterThanOrEqualTo(1);
        JsonNode mine = null;
        for (JsonNode l : leases.path("leases")) {
            if (l.path("issue_id").asText().equals(id)) {
                mine = l;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.path("holder").asText()).isEqualTo("agent:w1");
        assertThat(mine.path("remaining_secs").asLong()).isBetween(590L, 600L);

        assertThat(api.post("/api/issues/" + id + "/claim", "{\"assignee\":\"agent:w3\",\"ttl_secs\":-1}")
                .status()).isEqualTo(400);
        assertThat(api.post("/api/claim-next", "{\"assignee\":\"agent:w3\",\"ttl_secs\":\"x\"}").status())
                .isEqualTo(400);
    }

    @Test
    void theServerFreesALeaseWhenItRunsOutWithNoOtherRequest() throws Exception {
        String id = api.create("Short lease", null);
        assertThat(api.post("/api/issues/" + id + "/claim", "{\"assignee\":\"agent:sleepy\",\"ttl_secs\":1}")
                .status()).isEqualTo(200);
        // Read the store directly, not through the server: only the server's own timer can free it.
        Jit direct = Jit.open(fx.dataDir, new JitOptions(Duration.ofSeconds(5), "human:test", w -> { }));
        Instant deadline = Instant.now().plusSeconds(20);
        Issue issue;
        do {
            Thread.sleep(50);
            issue = direct.snapshots().read().find(id);
        } while (issue.assignee() != null && Instant.now().isBefore(deadline));
        assertThat(issue.assignee()).isNull();
        assertThat(issue.state().wire()).isEqualTo("ready");
        JsonNode events = api.get("/api/events?type=lease_expired&issue=" + id).json().path("events");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).path("holder").asText()).isEqualTo("agent:sleepy");
        assertThat(events.get(0).path("actor").asText()).isEqualTo(JitServer.ACTOR);
    }
}
