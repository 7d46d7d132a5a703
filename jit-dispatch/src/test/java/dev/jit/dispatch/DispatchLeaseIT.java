package dev.jit.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jit.core.events.Event;
import dev.jit.core.model.Issue;
import dev.jit.core.model.Priority;
import dev.jit.core.model.State;
import dev.jit.core.query.IssueFilter;
import dev.jit.dispatch.testkit.Harness;
import dev.jit.dispatch.testkit.Harness.Dispatch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jit-dispatch gives its agents' claims leases, renews them while the agents live, and counts their heartbeats. */
class DispatchLeaseIT {
    @TempDir
    Path dir;
    Harness h;

    @BeforeEach
    void setUp() {
        h = new Harness(dir);
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    @Test
    void aLeaseShorterThanTheRunIsRenewedWhileTheAgentLives() {
        String slow = h.create(Priority.NORMAL, "slow task"); // prints a tick every 0.3 s for 3 s, then done
        Path cfg = h.config("dispatch.toml", "lease_ttl_secs = 1\n" + h.agent("a1", 1, null));
        Dispatch d = h.run("once", cfg, Duration.ofSeconds(60));
        assertThat(d.process.exitValue()).as(d.output()).isZero();
        Issue done = h.issue(slow);
        assertThat(done.state()).as(d.output()).isEqualTo(State.DONE);
        assertThat(done.assignee()).isEqualTo("agent:a1");
        assertThat(h.events("lease_expired")).as(d.output()).isEmpty();
        assertThat(h.startsOf(slow)).isEqualTo(1);
    }

    @Test
    void aQuietAgentThatHeartbeatsIsNotStalled() {
        String quiet = h.create(Priority.NORMAL, "quiet task");
        // Prints nothing for about 5 s, longer than the 3 s stall timeout, but heartbeats its lease meanwhile.
        Path agent = h.script("quiet-agent.sh", "#!/bin/bash\nfor i in 1 2 3 4 5 6; do\n  "
                + Harness.doneCommand().replace(" done", " heartbeat") + " >/dev/null 2>&1 || exit 8\n  sleep 0.4\n"
                + "done\n" + Harness.doneCommand() + " >/dev/null 2>&1\n");
        Path cfg = h.config("dispatch.toml", "stall_timeout_minutes = 0.05\nlease_ttl_secs = 30\n[[agents]]\n"
                + "id = \"a1\"\ntype = \"test\"\nmax_concurrent = 1\ncommand = \"" + agent + "\"\n");
        Dispatch d = h.run("once", cfg, Duration.ofSeconds(90));
        assertThat(d.process.exitValue()).as(d.output()).isZero();
        assertThat(d.output()).doesNotContain("stalled");
        assertThat(h.events("agent_stalled")).isEmpty();
        assertThat(h.issue(quiet).state()).as(d.output()).isEqualTo(State.DONE);
    }

    @Test
    void whenNothingSupervisesTheAgentAnyMoreItsLeaseRunsOutAndTheIssueIsFreeAgain() throws Exception {
        String hang = h.create(Priority.NORMAL, "hang task");
        Path cfg = h.config("dispatch.toml", "lease_ttl_secs = 2\n" + h.agent("a1", 1, null));
        Dispatch d = h.launch("start", cfg);
        Harness.await(() -> h.starts().size() == 1, Duration.ofSeconds(30), d::output);
        Issue claimed = h.issue(hang);
        assertThat(claimed.lease()).isNotNull();
        assertThat(claimed.lease().holder()).isEqualTo("agent:a1");
        assertThat(claimed.lease().ttlSeconds()).isEqualTo(2);
        d.kill9();
        Harness.kill9(h.starts().get(0).pid());
        // Nobody renews now; the next read of ready work after the expiry frees it (no daemon needed).
        Harness.await(() -> {
            List<Issue> ready = h.store.queries().ready(IssueFilter.ALL);
            return ready.stream().anyMatch(i -> i.id().equals(hang));
        }, Duration.ofSeconds(20), d::output);
        List<Event> expired = h.events("lease_expired");
        assertThat(expired).hasSize(1);
        assertThat(expired.get(0).json().path("holder").asText()).isEqualTo("agent:a1");
        assertThat(h.issue(hang).assignee()).isNull();
    }
}
