package dev.jit.core.events;

import dev.jit.core.internal.log.EventLog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jit.core.error.ErrorCode;
import dev.jit.core.error.JitException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One filter for {@code jit events query} and {@code /api/events}, over a real log file. */
class EventFilterTest {
    static final String ONE = "aaaa1111-0000-4000-8000-000000000001";
    static final String TWO = "aaaa2222-0000-4000-8000-000000000002";
    static final String OTHER = "bbbb3333-0000-4000-8000-000000000003";

    @TempDir
    Path tmp;

    EventLog log;
    final List<String> warnings = new ArrayList<>();

    @BeforeEach
    void writeLog() throws IOException {
        log = new EventLog(tmp.resolve("events.jsonl"), warnings::add);
        List<ObjectNode> lines = new ArrayList<>();
        lines.add(line(new IssueClaimed(header("e1", ONE, "2026-01-01T10:00:00Z", "agent:a"), "agent:a")));
        lines.add(line(new IssueClaimed(header("e2", TWO, "2026-01-01T11:00:00Z", "agent:b"), "agent:b")));
        lines.add(line(new GateDefined(header("e3", null, "2026-01-01T12:00:00Z", "human:h"), "tests")));
        lines.add(line(new IssueCompleted(header("e4", OTHER, "2026-01-01T13:00:00Z", "agent:a"))));
        lines.add(line(new IssueCompleted(header("e5", ONE, "2026-01-01T14:00:00Z", "agent:a"))));
        log.append(lines);
    }

    private static ObjectNode line(JitEvent e) {
        return EventCodec.toJson(e, null);
    }

    private static EventHeader header(String id, String issueId, String timestamp, String actor) {
        return new EventHeader(id, issueId, timestamp, actor, Map.of());
    }

    private List<String> ids(EventFilter filter) {
        return log.query(filter).stream().map(Event::id).toList();
    }

    @Test
    void anIssueIsMatchedByAnyPrefixOfFourOrMoreCharactersCaseInsensitively() {
        assertThat(ids(new EventFilter(List.of(), ONE, null, null, 0))).containsExactly("e1", "e5");
        assertThat(ids(new EventFilter(List.of(), "AAAA1", null, null, 0))).containsExactly("e1", "e5");
        // A prefix two issues share is a filter, not a lookup: both issues' events.
        assertThat(ids(new EventFilter(List.of(), "aaaa", null, null, 0))).containsExactly("e1", "e2", "e5");
        assertThat(ids(new EventFilter(List.of(), "cccc", null, null, 0))).isEmpty();
        assertThatThrownBy(() -> new EventFilter(List.of(), "aaa", null, null, 0))
                .isInstanceOfSatisfying(JitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                    assertThat(e.getMessage()).contains("at least 4 characters").doesNotContain("\n");
                });
    }

    @Test
    void typesActorSinceAndLimitCombine() {
        assertThat(ids(new EventFilter(List.of("issue_completed", "gate_defined"), null, null, null, 0)))
                .containsExactly("e3", "e4", "e5");
        assertThat(ids(new EventFilter(List.of(), null, "agent:a", null, 0))).containsExactly("e1", "e4", "e5");
        EventFilter.Since noon = EventFilter.Since.parse("2026-01-01T12:00:00Z");
        assertThat(noon).isEqualTo(new EventFilter.Since.AtOrAfter(Instant.parse("2026-01-01T12:00:00Z")));
        assertThat(ids(new EventFilter(List.of(), null, null, noon, 0))).containsExactly("e3", "e4", "e5");
        assertThat(ids(new EventFilter(List.of(), null, null, noon, 2))).containsExactly("e4", "e5");
        assertThat(ids(new EventFilter(List.of(), null, "agent:a", null, 1))).containsExactly("e5");
        assertThat(ids(new EventFilter(List.of(), ONE, "agent:a", noon, 10))).containsExactly("e5");
    }

    @Test
    void sinceAnOffsetMeansTheEventsAfterTheOneAtThatOffset() {
        long offsetOfE3 = log.query(new EventFilter(List.of("gate_defined"), null, null, null, 0)).get(0).offset();
        EventFilter.Since after = EventFilter.Since.parse(Long.toString(offsetOfE3));
        assertThat(after).isEqualTo(new EventFilter.Since.AfterOffset(offsetOfE3));
        assertThat(ids(new EventFilter(List.of(), null, null, after, 0))).containsExactly("e4", "e5");
        assertThat(ids(new EventFilter(List.of(), null, null, after, 100))).containsExactly("e4", "e5");
    }

    @Test
    void badSinceAndLimitAreOneLineInvalidArguments() {
        for (String bad : List.of("yesterday", "99999999999999999999", "")) {
            assertThatThrownBy(() -> EventFilter.Since.parse(bad)).isInstanceOfSatisfying(JitException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                assertThat(e.getMessage()).startsWith("Invalid since").doesNotContain("\n");
            });
        }
        assertThatThrownBy(() -> new EventFilter(List.of(), null, null, null, -1))
                .isInstanceOfSatisfying(JitException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        assertThat(warnings).isEmpty();
    }
}
