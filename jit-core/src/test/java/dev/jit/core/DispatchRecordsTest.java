package dev.jit.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jit.core.error.ErrorCode;
import dev.jit.core.json.Json;
import dev.jit.core.model.DispatchRecord;
import dev.jit.core.model.Issue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Agents facet's dispatch records: dispatch.json, written in the commit of the release it goes with. */
class DispatchRecordsTest extends ServiceTestBase {
    private Agents agents() {
        return TestStores.jit(store).agents();
    }

    private Path file() {
        return store.paths().dataDir().resolve("dispatch.json");
    }

    @Test
    void aFailedAttemptIsCommittedWithTheReleaseAndSurvivesReopening() throws Exception {
        Issue a = create("A");
        issues.claim(a.id(), "agent:w1");
        Instant retry = Instant.parse("2030-01-01T00:00:00Z");
        long m = mark();
        agents().inOneCommit("test", tx -> {
            Issue released = tx.releaseWithReason(tx.find(a.id()).orElseThrow(), "agent exited with 1");
            tx.putDispatchRecord(tx.dispatchRecord(a.id()).failed("agent exited with 1", retry));
            return released;
        });
        assertThat(eventsSince(m)).containsExactly("issue_released A", "issue_state_changed A in_progress->ready");
        DispatchRecord r = agents().dispatchRecords().get(a.id());
        assertThat(r).isEqualTo(new DispatchRecord(a.id(), 1, retry, "agent exited with 1", false, java.util.Map.of()));
        assertThat(Files.readString(file())).isEqualTo("""
                {
                  "issues": {
                    "%s": {
                      "attempts": 1,
                      "next_retry_at": "2030-01-01T00:00:00Z",
                      "last_failure": "agent exited with 1",
                      "gave_up": false
                    }
                  }
                }
                """.formatted(a.id()));
        agents().inOneCommit("test", tx -> {
            tx.removeDispatchRecord(a.id());
            return null;
        });
        assertThat(agents().dispatchRecords()).isEmpty();
    }

    @Test
    void unknownFieldsAndUnreadableEntriesSurviveAWrite() throws Exception {
        Issue a = create("A");
        Files.writeString(file(), """
                {"issues": {"%s": {"attempts": 2, "future": [1]}, "../x": {"attempts": 1},
                 "bbbbbbbb": {"attempts": "many"}}, "version": 7}
                """.formatted(a.id()));
        assertThat(agents().dispatchRecords()).containsOnlyKeys(a.id());
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("\"../x\"").contains("not a valid issue id"))
                .anySatisfy(w -> assertThat(w).contains("\"bbbbbbbb\"").contains("\"attempts\" is not an integer"));
        agents().inOneCommit("test", tx -> {
            tx.putDispatchRecord(tx.dispatchRecord(a.id()).givenUp());
            return null;
        });
        var json = Json.parse(Files.readAllBytes(file()));
        assertThat(json.path("version").asInt()).isEqualTo(7);
        assertThat(json.path("issues").path(a.id()).path("future").get(0).asInt()).isEqualTo(1);
        assertThat(json.path("issues").path(a.id()).path("gave_up").asBoolean()).isTrue();
        assertThat(json.path("issues").path(a.id()).path("attempts").asInt()).isEqualTo(2);
        assertThat(json.path("issues").path("../x").path("attempts").asInt()).isEqualTo(1);
        assertThat(json.path("issues").path("bbbbbbbb").path("attempts").asText()).isEqualTo("many");
    }

    @Test
    void aDamagedFileIsAnErrorNamingItAndNothingIsWritten() throws Exception {
        Issue a = create("A");
        issues.claim(a.id(), "agent:w1");
        for (String damaged : List.of("{\"issues\": {", "[1, 2]", "{\"issues\": 3}")) {
            Files.writeString(file(), damaged);
            assertFails(ErrorCode.CORRUPT_DATA, () -> agents().dispatchRecords(), file().toString());
            assertFailsUnchanged(ErrorCode.CORRUPT_DATA, () -> agents().inOneCommit("test", tx -> {
                tx.releaseWithReason(tx.find(a.id()).orElseThrow(), "x");
                tx.putDispatchRecord(tx.dispatchRecord(a.id()).failed("x", null));
                return null;
            }), "dispatch.json");
            assertThat(Files.readString(file(), StandardCharsets.UTF_8)).isEqualTo(damaged);
        }
    }

    @Test
    void aLinkAtDispatchJsonIsRefusedAndNeverFollowed() throws Exception {
        Path outside = tmp.resolve("outside.json");
        Files.writeString(outside, "{\"issues\": {}}");
        Files.createSymbolicLink(file(), outside);
        assertFails(ErrorCode.CORRUPT_DATA, () -> agents().inOneCommit("test", tx -> {
            tx.putDispatchRecord(DispatchRecord.fresh("aaaaaaaa").failed("x", null));
            return null;
        }), "dispatch.json");
        assertThat(Files.readString(outside)).isEqualTo("{\"issues\": {}}");
        assertThat(TestStores.jit(store).validation().check().problems())
                .anySatisfy(p -> assertThat(p.code()).isEqualTo("symlink"));
    }

    @Test
    void addLabelRecordsAnIssueUpdatedEvent() {
        Issue a = create("A");
        long m = mark();
        Issue labelled = agents().inOneCommit("test", tx -> tx.addLabel(tx.find(a.id()).orElseThrow(),
                DispatchRecord.NEEDS_HUMAN));
        assertThat(labelled.labels()).containsExactly("needs:human");
        assertThat(reload(a).labels()).containsExactly("needs:human");
        assertThat(eventsSince(m)).containsExactly("issue_updated A");
    }
}
