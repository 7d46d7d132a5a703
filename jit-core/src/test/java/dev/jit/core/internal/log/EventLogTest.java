package dev.jit.core.internal.log;

import dev.jit.core.events.EventCodec;
import dev.jit.core.events.EventHeader;
import dev.jit.core.events.IssueUpdated;

import dev.jit.core.events.Event;


import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jit.core.TestStores;
import dev.jit.core.Issues;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogTest {
    @TempDir
    Path tmp;

    private final List<String> warnings = new CopyOnWriteArrayList<>();

    /** An event with a field no JIT version writes ({@code n}): it reads back as written. */
    private static ObjectNode event(int n) {
        return EventCodec.toJson(new IssueUpdated(EventHeader.next("issue-" + n), Map.of()), null).put("n", n);
    }

    private EventLog logWith(int count) throws IOException {
        EventLog log = new EventLog(tmp.resolve("events.jsonl"), warnings::add);
        List<ObjectNode> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(event(i));
        }
        log.append(events);
        return log;
    }

    @Test
    void appendsOneCompactLinePerEventAndReadsThemBack() throws IOException {
        EventLog log = logWith(3);
        List<String> lines = Files.readAllLines(log.file());
        assertThat(lines).hasSize(3).allSatisfy(l -> assertThat(l).startsWith("{\"type\":\"issue_updated\",\"id\":"));
        assertThat(log.query(e -> true, 0)).extracting(e -> e.json().get("n").asInt()).containsExactly(0, 1, 2);
        assertThat(log.query(e -> true, 2)).extracting(e -> e.json().get("n").asInt()).containsExactly(1, 2);
        assertThat(log.query(e -> e.issueId().equals("issue-1"), 0)).hasSize(1);
        assertThat(log.tail(2)).extracting(e -> e.json().get("n").asInt()).containsExactly(1, 2);
        assertThat(log.tail(10)).hasSize(3);
        assertThat(log.tail(0)).isEmpty();
        assertThat(log.size()).isEqualTo(Files.size(log.file()));
        assertThat(warnings).isEmpty();
    }

    @Test
    void missingLogReadsAsEmpty() {
        EventLog log = new EventLog(tmp.resolve("none.jsonl"), warnings::add);
        assertThat(log.tail(5)).isEmpty();
        assertThat(log.query(e -> true, 0)).isEmpty();
        assertThat(log.size()).isZero();
        assertThat(log.readFrom(0, e -> { })).isZero();
    }

    @Test
    void tornLastLineIsSkippedAndTheNextAppendStartsAFreshLine() throws IOException {
        EventLog log = logWith(2);
        long complete = log.size();
        Files.writeString(log.file(), "{\"type\":\"issue_upd", StandardOpenOption.APPEND);

        assertThat(log.query(e -> true, 0)).hasSize(2);
        assertThat(log.tail(5)).hasSize(2);
        List<Event> seen = new ArrayList<>();
        assertThat(log.readFrom(0, seen::add)).isEqualTo(complete);
        assertThat(seen).hasSize(2);

        log.append(List.of(event(7)));
        assertThat(log.query(e -> true, 0)).extracting(e -> e.json().get("n").asInt()).containsExactly(0, 1, 7);
        assertThat(log.tail(1)).extracting(e -> e.json().get("n").asInt()).containsExactly(7);
        // The torn line is a malformed line once the append finished it: the full read warns once (tail(1) stops
        // before reaching it).
        assertThat(warnings).hasSize(1).allSatisfy(w -> assertThat(w)
                .contains("skipped 1 malformed event line of ").contains("(the first at byte " + complete + ")"));
    }

    @Test
    void blankAndMalformedLinesInTheMiddleAreSkippedWithAWarning() throws IOException {
        EventLog log = logWith(1);
        Files.writeString(log.file(), "\n   \nnot json\n[1,2]\n", StandardOpenOption.APPEND);
        log.append(List.of(event(5)));
        assertThat(log.query(e -> true, 0)).extracting(e -> e.json().get("n").asInt()).containsExactly(0, 5);
        assertThat(log.query(e -> true, 5)).extracting(e -> e.json().get("n").asInt()).containsExactly(0, 5);
        // One warning per read, not one per line.
        assertThat(warnings).hasSize(2).allSatisfy(w -> assertThat(w).startsWith("skipped 2 malformed event lines"));
    }

    @Test
    void readFromResumesWhereItStoppedWithLineOffsets() throws IOException {
        EventLog log = logWith(2);
        List<Event> first = new ArrayList<>();
        long next = log.readFrom(0, first::add);
        assertThat(first).hasSize(2);
        assertThat(first.get(0).offset()).isZero();
        assertThat(first.get(1).offset()).isEqualTo(Files.readAllLines(log.file()).get(0)
                .getBytes(StandardCharsets.UTF_8).length + 1);

        log.append(List.of(event(9)));
        List<Event> more = new ArrayList<>();
        long after = log.readFrom(next, more::add);
        assertThat(more).extracting(e -> e.json().get("n").asInt()).containsExactly(9);
        assertThat(more.get(0).offset()).isEqualTo(next);
        assertThat(after).isEqualTo(log.size());
        assertThat(log.readFrom(after, e -> { throw new AssertionError("nothing new"); })).isEqualTo(after);
    }

    /** tail() reads only the end of a large log; it must not parse a partial first line from mid-file. */
    @Test
    void tailOfALargeLogGivesTheLastEventsWithoutWarnings() throws IOException {
        EventLog log = logWith(500);
        assertThat(Files.size(log.file())).isGreaterThan(3 * 8192);
        for (int n : new int[]{1, 2, 10, 100, 499, 500, 501}) {
            List<Event> tail = log.tail(n);
            int expected = Math.min(n, 500);
            assertThat(tail).as("tail(%d)", n).hasSize(expected);
            assertThat(tail.get(expected - 1).json().get("n").asInt()).isEqualTo(499);
            assertThat(tail.get(0).json().get("n").asInt()).isEqualTo(500 - expected);
        }
        assertThat(warnings).isEmpty();
    }

    /** Every store commit checks the log tail for crash recovery: a big log must not produce warnings. */
    @Test
    void commitsOnAStoreWithALargeLogProduceNoWarnings() {
        TestStores.Opened s = TestStores.init(tmp.resolve(".jit"));
        Issues issues = s.jit().issues();
        for (int i = 0; i < 40; i++) {
            issues.create(new Issues.NewIssue(i + " " + "long title ".repeat(40), null, null, null, null, null));
        }
        assertThat(s.store().events().size()).isGreaterThan(8192 * 2);
        assertThat(s.warnings()).isEmpty();
        assertThat(s.store().events().query(e -> true, 0)).hasSize(40)
                .allSatisfy(e -> assertThat(e.json().get("actor").asText()).isEqualTo("test:unit"));
    }

    /** Events carry the actor of the store options; without one (unknown), no actor field is written. */
    @Test
    void actorIsRecordedOnlyWhenKnown() {
        TestStores.init(tmp.resolve(".jit"));
        TestStores.Opened anonymous = TestStores.open(tmp.resolve(".jit"), null, java.time.Duration.ofSeconds(5));
        anonymous.jit().issues().create(new Issues.NewIssue("t", null, null, null, null, null));
        TestStores.Opened alice = TestStores.open(tmp.resolve(".jit"), "human:alice", java.time.Duration.ofSeconds(5));
        alice.jit().issues().create(new Issues.NewIssue("t", null, null, null, null, null));
        List<Event> events = alice.store().events().query(e -> true, 0);
        assertThat(events.get(0).json().has("actor")).isFalse();
        assertThat(events.get(1).json().get("actor").asText()).isEqualTo("human:alice");
        List<String> names = new ArrayList<>();
        events.get(1).json().fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("type", "id", "issue_id", "timestamp", "title", "priority", "actor");
    }
}
