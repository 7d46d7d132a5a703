package dev.jit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jit events query} reads from the end of the log; malformed lines are one warning and a validate problem. */
class EventsCliTest {
    @TempDir
    Path dir;

    CliRunner jit;
    final List<String> ids = new ArrayList<>();

    @BeforeEach
    void init() {
        jit = new CliRunner(dir);
        jit.ok("init");
        for (int i = 0; i < 3; i++) {
            ids.add(jit.ok("issue", "create", "-t", "issue " + i).strip());
        }
    }

    @Test
    void queryGivesTheLastMatchingEventsOldestFirst() {
        JsonNode last2 = jit.run("events", "query", "--limit", "2", "--json").data().get("events");
        assertThat(last2).hasSize(2);
        assertThat(last2.get(0).get("issue_id").asText()).isEqualTo(ids.get(1));
        assertThat(last2.get(1).get("issue_id").asText()).isEqualTo(ids.get(2));
        assertThat(jit.run("events", "query", "-i", ids.get(0), "--json").data().get("count").asInt()).isEqualTo(1);
        String firstTime = jit.run("events", "query", "-i", ids.get(1), "--json").data().at("/events/0/timestamp")
                .asText();
        assertThat(jit.run("events", "query", "--since", firstTime, "--json").data().get("events"))
                .extracting(e -> e.get("issue_id").asText()).containsExactly(ids.get(1), ids.get(2));
        assertThat(jit.run("events", "query", "--since", "2999-01-01T00:00:00Z", "--json").data().get("count")
                .asInt()).isZero();
    }

    @Test
    void issueIdKeepsTheEventsOfEveryIssueItIsAPrefixOfDeletedOnesToo() {
        String first = ids.get(0);
        jit.ok("issue", "delete", first);
        String prefix = first.substring(0, 8);
        JsonNode events = jit.run("events", "query", "-i", prefix.toUpperCase(java.util.Locale.ROOT), "--json")
                .data().get("events");
        assertThat(events).extracting(e -> e.get("issue_id").asText()).contains(first)
                .allSatisfy(id -> assertThat(id).startsWith(prefix));
        assertThat(events).extracting(e -> e.get("type").asText()).contains("issue_created", "issue_deleted");

        CliRunner.Result tooShort = jit.run("events", "query", "-i", first.substring(0, 3));
        assertThat(tooShort.exit()).isEqualTo(2);
        assertThat(tooShort.err().strip().lines().findFirst()).hasValueSatisfying(
                line -> assertThat(line).startsWith("Error: ").contains("at least 4 characters"));
    }

    @Test
    void malformedLinesAreSkippedWithOneWarningAndCountedByValidate() throws Exception {
        Path log = dir.resolve(".jit/events.jsonl");
        Files.writeString(log, "garbage\n{\"half\":\n[1]\n", StandardOpenOption.APPEND);
        jit.ok("issue", "create", "-t", "after the damage");

        CliRunner.Result all = jit.run("events", "query", "--limit", "0");
        assertThat(all.exit()).isZero();
        assertThat(all.lines()).hasSize(4);
        assertThat(all.err().strip().lines()).hasSize(1).allSatisfy(w -> assertThat(w)
                .contains("skipped 3 malformed event lines").doesNotContain("Exception"));

        CliRunner.Result validate = jit.run("validate", "--json");
        assertThat(validate.exit()).isEqualTo(4);
        assertThat(validate.json().at("/error/details/problems").toString()).contains("malformed_event_lines").contains("3 line(s) of events.jsonl");
    }
}
