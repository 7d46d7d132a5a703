package dev.jit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Many agents claiming one issue at once through the API: the store lock lets exactly one win. */
class ConcurrentClaimTest {
    @Test
    void exactlyOneConcurrentClaimSucceeds() throws Exception {
        try (ServerFixture fx = ServerFixture.start()) {
            Api api = fx.api;
            String id = api.create("Contended", null);
            int agents = 12;
            ExecutorService pool = Executors.newFixedThreadPool(agents);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Api.Resp>> results = new ArrayList<>();
            for (int i = 0; i < agents; i++) {
                String who = "agent:w" + i;
                results.add(pool.submit(() -> {
                    go.await();
                    return api.post("/api/issues/" + id + "/claim", "{\"assignee\":\"" + who + "\"}");
                }));
            }
            go.countDown();
            List<Api.Resp> responses = new ArrayList<>();
            for (Future<Api.Resp> f : results) {
                responses.add(f.get());
            }
            pool.shutdown();

            List<Api.Resp> won = responses.stream().filter(r -> r.status() == 200).toList();
            assertThat(won).hasSize(1);
            assertThat(responses.stream().filter(r -> r.status() == 409).count()).isEqualTo(agents - 1);
            assertThat(responses).filteredOn(r -> r.status() == 409)
                    .allSatisfy(r -> assertThat(r.errorCode()).isEqualTo("ALREADY_ASSIGNED"));
            String winner = won.get(0).json().path("assignee").asText();
            assertThat(api.get("/api/issues/" + id).json().path("assignee").asText()).isEqualTo(winner);
            assertThat(api.get("/api/events?type=issue_claimed&issue=" + id).json().path("events").size())
                    .isEqualTo(1);
        }
    }
}
