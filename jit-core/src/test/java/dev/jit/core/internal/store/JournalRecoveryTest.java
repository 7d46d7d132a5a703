package dev.jit.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jit.core.TestStores;
import dev.jit.core.events.Event;
import dev.jit.core.internal.codec.IssueCodec;
import dev.jit.core.events.EventCodec;
import dev.jit.core.events.EventHeader;
import dev.jit.core.events.IssueUpdated;
import dev.jit.core.json.Json;
import dev.jit.core.model.Issue;
import dev.jit.core.model.Priority;
import dev.jit.core.query.IssueFilter;
import dev.jit.core.Issues;
import dev.jit.core.Queries;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Simulates a process killed in the middle of a commit: the journal and temp files are laid out exactly as
 * {@code Journal.commit} leaves them at each crash point, then the next reader or writer must roll the
 * command forward exactly once.
 */
class JournalRecoveryTest {
    @TempDir
    Path tmp;

    private Path dir;
    private TestStores.Opened s;
    private Issue a;
    private Issue b;

    @BeforeEach
    void setUp() {
        dir = tmp.resolve(".jit");
        s = TestStores.init(dir);
        Issues issues = s.jit().issues();
        a = issues.create(new Issues.NewIssue("A", null, null, null, null, null));
        b = issues.create(new Issues.NewIssue("B", null, null, null, null, null));
    }

    /** A crashed command that retitles A, deletes B, creates C (index change) and logs one event. */
    private record Crash(ObjectNode event, Issue newA, Issue c, Path tempA, Path tempC, Path tempIndex) {
    }

    private Crash layOutCrashedCommit() throws IOException {
        Issue newA = a.withTitle("A renamed");
        Issue c = Issue.create(IssueIds.newId(), "C", "", Priority.HIGH, List.of(), List.of(), "2026-01-01T00:00:00Z");
        String txn = "c0ffee00";
        Path tempA = dir.resolve("issues/" + a.id() + ".json." + txn + ".tmp");
        Path tempC = dir.resolve("issues/" + c.id() + ".json." + txn + ".tmp");
        Path tempIndex = dir.resolve("index.json." + txn + ".tmp");
        Files.writeString(tempA, Json.pretty(IssueCodec.toJson(newA)));
        Files.writeString(tempC, Json.pretty(IssueCodec.toJson(c)));
        ObjectNode index = Json.object();
        index.put("schema_version", 1);
        index.putArray("all_ids").add(a.id()).add(c.id());
        Files.writeString(tempIndex, Json.pretty(index));

        ObjectNode event = EventCodec.toJson(new IssueUpdated(EventHeader.next(a.id()), Map.of()), "test:crashed");
        ObjectNode journal = Json.object();
        ArrayNode writes = journal.putArray("writes");
        writes.addObject().put("target", "issues/" + a.id() + ".json").put("temp", dir.relativize(tempA).toString());
        writes.addObject().put("target", "issues/" + c.id() + ".json").put("temp", dir.relativize(tempC).toString());
        writes.addObject().put("target", "index.json").put("temp", dir.relativize(tempIndex).toString());
        journal.putArray("deletes").add("issues/" + b.id() + ".json");
        journal.putArray("events").add(event);
        Files.writeString(dir.resolve(".journal.json"), Json.pretty(journal));
        return new Crash(event, newA, c, tempA, tempC, tempIndex);
    }

    private long count(String eventId) {
        return s.store().events().query(e -> e.id().equals(eventId), 0).size();
    }

    private void assertRolledForward(Crash crash) {
        Queries q = s.jit().queries();
        assertThat(q.list(IssueFilter.ALL)).extracting(v -> v.issue().id()).containsExactly(a.id(), crash.c().id());
        assertThat(q.show(a.id()).issue().title()).isEqualTo("A renamed");
        assertThat(q.show(crash.c().id()).issue().title()).isEqualTo("C");
        assertThat(dir.resolve("issues/" + b.id() + ".json")).doesNotExist();
        assertThat(dir.resolve(".journal.json")).doesNotExist();
        assertThat(crash.tempA()).doesNotExist();
        assertThat(crash.tempC()).doesNotExist();
        assertThat(crash.tempIndex()).doesNotExist();
        assertThat(count(crash.event().get("id").asText())).isEqualTo(1);
    }

    @Test
    void crashBeforeAnythingWasAppliedIsRolledForwardByTheNextRead() throws IOException {
        Crash crash = layOutCrashedCommit();
        long eventsBefore = s.store().events().query(e -> true, 0).size();

        assertThat(s.jit().queries().show(a.id()).issue().title()).isEqualTo("A renamed");

        assertRolledForward(crash);
        assertThat(s.store().events().query(e -> true, 0)).hasSize((int) eventsBefore + 1);
        assertThat(s.warnings()).anySatisfy(w -> assertThat(w).contains("interrupted write"));
        // Later commands do not apply it again.
        s.jit().issues().update(a.id(), new Issues.Edit(null, "d", null, null, null, null, null, null));
        assertRolledForward(crash);
    }

    @Test
    void crashAfterEventsWereAppendedDoesNotDuplicateThem() throws IOException {
        Crash crash = layOutCrashedCommit();
        Files.writeString(dir.resolve("events.jsonl"), Json.compact(crash.event()) + "\n", StandardOpenOption.APPEND);

        s.jit().issues().update(a.id(),
                new Issues.Edit(null, "after recovery", null, null, null, null, null, null));

        assertRolledForward(crash);
        assertThat(s.jit().queries().show(a.id()).issue().description()).isEqualTo("after recovery");
    }

    @Test
    void crashHalfwayThroughTheRenamesFinishesTheRest() throws IOException {
        Crash crash = layOutCrashedCommit();
        Files.writeString(dir.resolve("events.jsonl"), Json.compact(crash.event()) + "\n", StandardOpenOption.APPEND);
        Files.move(crash.tempA(), dir.resolve("issues/" + a.id() + ".json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        s.jit().queries().status();

        assertRolledForward(crash);
    }

    @Test
    void tornEventAppendIsCompletedOnItsOwnLine() throws IOException {
        Crash crash = layOutCrashedCommit();
        String line = Json.compact(crash.event());
        Files.writeString(dir.resolve("events.jsonl"), line.substring(0, line.length() / 2),
                StandardOpenOption.APPEND);

        s.jit().queries().status();

        assertRolledForward(crash);
        String log = Files.readString(dir.resolve("events.jsonl"), StandardCharsets.UTF_8);
        assertThat(log).endsWith(line + "\n");
        assertThat(s.store().events().query(e -> true, 0)).extracting(Event::type)
                .containsExactly("issue_created", "issue_created", "issue_updated");
    }

    @Test
    void recoveryIsIdempotentWhenEverythingWasAlreadyApplied() throws IOException {
        Crash crash = layOutCrashedCommit();
        // Everything applied, only the journal removal was lost.
        Files.writeString(dir.resolve("events.jsonl"), Json.compact(crash.event()) + "\n", StandardOpenOption.APPEND);
        Files.move(crash.tempA(), dir.resolve("issues/" + a.id() + ".json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.move(crash.tempC(), dir.resolve("issues/" + crash.c().id() + ".json"));
        Files.move(crash.tempIndex(), dir.resolve("index.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.delete(dir.resolve("issues/" + b.id() + ".json"));

        s.jit().queries().status();

        assertRolledForward(crash);
    }

    @Test
    void crashBeforeTheJournalWasWrittenLeavesTheOldState() throws IOException {
        Crash crash = layOutCrashedCommit();
        Files.delete(dir.resolve(".journal.json"));

        Queries q = s.jit().queries();
        assertThat(q.list(IssueFilter.ALL)).extracting(v -> v.issue().id()).containsExactly(a.id(), b.id());
        assertThat(q.show(a.id()).issue().title()).isEqualTo("A");
        assertThat(count(crash.event().get("id").asText())).isZero();
    }

    @Test
    void journalNamingAPathOutsideTheStoreIsRefused() throws IOException {
        Path outside = tmp.resolve("victim.txt");
        Files.writeString(outside, "keep");
        ObjectNode journal = Json.object();
        journal.putArray("writes");
        journal.putArray("deletes").add("../victim.txt");
        journal.putArray("events");
        Files.writeString(dir.resolve(".journal.json"), Json.pretty(journal));

        // Reads see the store as it is, with a warning; writes refuse, naming the journal; nothing is applied.
        assertThat(s.jit().queries().status()).containsEntry("total", 2);
        assertThat(s.warnings()).anySatisfy(w -> assertThat(w).contains(".journal.json", "validate --fix"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.jit().issues().create(
                        new Issues.NewIssue("C", null, null, null, null, null)))
                .hasMessageContaining(".journal.json").hasMessageContaining("../victim.txt");
        assertThat(outside).hasContent("keep");
        Files.delete(dir.resolve(".journal.json"));
        assertThat(s.jit().queries().status()).containsEntry("total", 2);
    }
}
