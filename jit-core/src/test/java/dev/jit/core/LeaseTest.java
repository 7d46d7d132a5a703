package dev.jit.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jit.core.error.ErrorCode;
import dev.jit.core.json.Json;
import dev.jit.core.model.Issue;
import dev.jit.core.model.Lease;
import dev.jit.core.model.State;
import dev.jit.core.query.IssueFilter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Leased claims: claim --ttl, heartbeat, lazy expiry by whatever touches the issue or lists ready work. */
class LeaseTest extends ServiceTestBase {
    private static final Duration TTL = Duration.ofMinutes(15);

    /** Lets the lease of {@code issue} run out, as the clock would: its expiry is moved into the past on disk. */
    private void letLeaseRunOut(Issue issue) throws Exception {
        Path file = store.paths().issue(issue.id());
        ObjectNode json = (ObjectNode) Json.parse(Files.readAllBytes(file));
        ((ObjectNode) json.get("lease")).put("expires_at", "2026-01-01T00:00:00Z");
        Files.writeString(file, Json.pretty(json), StandardCharsets.UTF_8);
    }

    @Test
    void aClaimWithATtlCarriesALeaseThatOnlyItsHolderRenews() throws Exception {
        Issue a = create("A");
        Instant before = Instant.now();
        Issue claimed = issues.claim(a.id(), "agent:w1", TTL).issue();
        Lease lease = claimed.lease();
        assertThat(lease.holder()).isEqualTo("agent:w1");
        assertThat(lease.ttlSeconds()).isEqualTo(900);
        assertThat(lease.expiry()).isBetween(before.plus(TTL), Instant.now().plus(TTL));
        assertThat(reload(a).lease()).isEqualTo(lease);

        Thread.sleep(5);
        Issue renewed = issues.heartbeat(a.id(), "agent:w1");
        assertThat(renewed.lease().expiry()).isAfter(lease.expiry());
        assertThat(renewed.lease().acquiredAt()).isEqualTo(lease.acquiredAt());
        assertThat(reload(a).lease()).isEqualTo(renewed.lease());

        assertFailsUnchanged(ErrorCode.NOT_HOLDER, () -> issues.heartbeat(a.id(), "agent:w2"),
                "claimed by agent:w1, not agent:w2");
        Issue b = create("B");
        assertFailsUnchanged(ErrorCode.NOT_HOLDER, () -> issues.heartbeat(b.id(), "agent:w1"), "is not claimed");
    }

    @Test
    void aClaimWithoutTtlNeverLapsesAndAHeartbeatLeavesIt() {
        Issue a = create("A");
        Issue claimed = issues.claim(a.id(), "human:alice").issue();
        assertThat(claimed.lease()).isNull();
        assertThat(issues.heartbeat(a.id(), "human:alice")).isEqualTo(reload(a));
        assertThat(issues.claim(create("B").id(), "agent:w1", Duration.ZERO).issue().lease()).isNull();
    }

    @Test
    void anExpiredLeaseIsFreedByTheNextReadOfReadyWorkWithOneLeaseExpiredEvent() throws Exception {
        Issue a = create("A");
        Issue b = create("B");
        issues.claim(a.id(), "agent:w1", TTL);
        issues.claim(b.id(), "agent:w2", TTL);
        letLeaseRunOut(a);
        long m = mark();
        List<Issue> ready = query.ready(IssueFilter.ALL);
        assertThat(ready).extracting(Issue::id).containsExactly(a.id());
        assertThat(eventsSince(m)).containsExactly("lease_expired A", "issue_state_changed A in_progress->ready");
        Issue freed = reload(a);
        assertThat(freed.assignee()).isNull();
        assertThat(freed.lease()).isNull();
        assertThat(store.events().query(e -> e.type().equals("lease_expired"), 5).get(0).json().get("holder")
                .asText()).isEqualTo("agent:w1");
        assertThat(reload(b).assignee()).isEqualTo("agent:w2");
        assertThat(query.ready(IssueFilter.ALL)).hasSize(1);
        assertThat(eventsSince(m)).hasSize(2); // freed once
    }

    @Test
    void anExpiredLeaseOfABlockedIssueReturnsItToBacklog() throws Exception {
        Issue a = create("A");
        Issue dep = create("dep");
        issues.claim(a.id(), "agent:w1", TTL);
        // A dependency added while A is in progress: A stays in progress, but is blocked now.
        deps.add(a.id(), dep.id());
        letLeaseRunOut(a);
        assertThat(query.show(a.id()).issue().state()).isEqualTo(State.BACKLOG);
    }

    @Test
    void whateverTouchesTheIssueFreesItFirst() throws Exception {
        Issue a = create("A");
        issues.claim(a.id(), "agent:w1", TTL);
        letLeaseRunOut(a);
        Issue taken = issues.claim(a.id(), "agent:w2", TTL).issue();
        assertThat(taken.assignee()).isEqualTo("agent:w2");

        Issue b = create("B");
        issues.claim(b.id(), "agent:w1", TTL);
        letLeaseRunOut(b);
        long m = mark();
        assertThat(issues.claimNext("agent:w3", IssueFilter.ALL, TTL).issue().id()).isEqualTo(b.id());
        assertThat(eventsSince(m)).startsWith("lease_expired B");

        Issue c = create("C");
        issues.claim(c.id(), "agent:w1", TTL);
        letLeaseRunOut(c);
        m = mark();
        issues.update(c.id(), new Issues.Edit(null, null, null, null, List.of("area:x"), null, null, null));
        assertThat(eventsSince(m)).startsWith("lease_expired C");
        assertThat(reload(c).assignee()).isNull();
    }

    @Test
    void aLateHeartbeatIsRefusedAndFreesTheIssue() throws Exception {
        Issue a = create("A");
        issues.claim(a.id(), "agent:w1", TTL);
        letLeaseRunOut(a);
        long m = mark();
        assertFails(ErrorCode.LEASE_EXPIRED, () -> issues.heartbeat(a.id(), "agent:w1"), "ran out at 2026-01-01");
        assertThat(eventsSince(m)).containsExactly("lease_expired A", "issue_state_changed A in_progress->ready");
        assertThat(reload(a).assignee()).isNull();
    }

    @Test
    void aLeaseTimesWorkInProgressOnly() {
        Issue a = create("A");
        issues.claim(a.id(), "agent:w1", TTL);
        Issue done = setState(a, State.DONE).issue();
        assertThat(done.assignee()).isEqualTo("agent:w1");
        assertThat(done.lease()).isNull();
        Issue b = create("B");
        issues.claim(b.id(), "agent:w1", TTL);
        assertThat(issues.assign(b.id(), "agent:w2").issue().lease()).isNull();
    }

    @Test
    void theStoreConfigSetsTheDefaultLeaseOfAgentsButNotOfHumans() throws Exception {
        Files.writeString(store.paths().config(), "[version]\nschema = 2\n\n[coordination]\ndefault_ttl_secs = 120\n");
        Issue a = issues.claim(create("A").id(), "agent:w1").issue();
        assertThat(a.lease().ttlSeconds()).isEqualTo(120);
        assertThat(issues.claim(create("B").id(), "human:alice").issue().lease()).isNull();
        assertThat(issues.claim(create("C").id(), "agent:w2", Duration.ofSeconds(30)).issue().lease().ttlSeconds())
                .isEqualTo(30);

        Files.writeString(store.paths().config(), "[coordination]\ndefault_ttl_secs = \"soon\"\n");
        Issue d = create("D");
        assertFailsUnchanged(ErrorCode.CORRUPT_DATA, () -> issues.claim(d.id(), "agent:w1"),
                "default_ttl_secs must be a whole number of seconds");
        Files.writeString(store.paths().config(), "[coordination\n");
        assertFailsUnchanged(ErrorCode.CORRUPT_DATA, () -> issues.claim(d.id(), "agent:w1"), "config.toml");
    }

    @Test
    void ttlsOutsideOneSecondToAWeekAreRefused() throws Exception {
        Issue a = create("A");
        assertFailsUnchanged(ErrorCode.INVALID_ARGUMENT, () -> issues.claim(a.id(), "agent:w1", Duration.ofDays(8)),
                "1 s to 7 d");
        assertFailsUnchanged(ErrorCode.INVALID_ARGUMENT, () -> issues.claim(a.id(), "agent:w1", Duration.ofMillis(10)),
                "1 s to 7 d");
    }

    @Test
    void aDamagedLeaseMakesTheIssueFileUnreadableLikeAnyBadField() throws Exception {
        Issue a = create("A");
        issues.claim(a.id(), "agent:w1", TTL);
        Path file = store.paths().issue(a.id());
        ObjectNode json = (ObjectNode) Json.parse(Files.readAllBytes(file));
        ((ObjectNode) json.get("lease")).put("expires_at", "tomorrow");
        Files.writeString(file, Json.pretty(json), StandardCharsets.UTF_8);
        assertFails(ErrorCode.CORRUPT_DATA, () -> query.show(a.id()), "lease");
    }

    @Test
    void timestampsParseByHandExactlyAsInstantParseDoes() {
        for (String t : List.of("2026-12-03T11:48:02Z", "2026-12-03T11:48:02.7Z", "2026-12-03T11:48:02.725613440Z",
                "2000-02-29T23:59:59.999Z", "1970-01-01T00:00:00Z", "2026-12-03T11:48:02+01:00")) {
            assertThat(Lease.parseInstant(t)).as(t).isEqualTo(java.time.OffsetDateTime.parse(t).toInstant());
        }
    }
}
