package dev.jit.core.events;

import dev.jit.core.internal.log.EventLog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jit.core.TestStores;
import dev.jit.core.json.Json;
import dev.jit.core.model.Priority;
import dev.jit.core.model.State;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The on-disk format of every event type is what JIT wrote before events were typed: {@code golden-events.jsonl}
 * holds lines captured from the services and the dispatcher's emit code of that version (one per type and shape),
 * and each record below must encode to its line, byte for byte, and decode from it.
 */
class EventCodecGoldenTest {
    static final String ALPHA = "d7556fef-1e5c-4180-aa70-2ef90c9dd65d";
    static final String BETA = "930e5563-9ec0-4cab-a8d6-aff22837d0ef";
    static final String SUB = "4f7f8905-026d-41e7-bb86-1c1de16e5d94";
    static final String GAMMA = "7cbb0185-0b5a-4666-9b76-07339d7efcde";
    static final String HUMAN = "human:tester";
    /** The actor of dispatcher events. */
    static final String DSP = "dispatcher:42";

    @TempDir
    Path tmp;

    static List<JitEvent> expected() {
        return List.of(
                new IssueCreated(
                        header("75d9b4fa-7b3e-407b-91a0-f0a293516ecd", ALPHA, "2026-12-03T11:48:02.165628645Z", HUMAN),
                        "Alpha", Priority.HIGH, null),
                new DependencyAdded(
                        header("07baa5d6-b079-428b-bf01-48df09ea4e06", ALPHA, "2026-12-03T11:48:02.253082332Z", HUMAN),
                        BETA),
                new IssueStateChanged(
                        header("ae55b293-0f85-4b94-b6cb-c393354dc77e", ALPHA, "2026-12-03T11:48:02.253183843Z", HUMAN),
                        State.READY, State.BACKLOG),
                new GateDefined(
                        header("82d9cbb3-6cb0-42c6-8f01-e11f434e6c3d", null, "2026-12-03T11:48:02.271539803Z", HUMAN),
                        "tests"),
                new GateAdded(
                        header("3be47901-195a-4af9-80ee-43514f8b596a", BETA, "2026-12-03T11:48:02.297589659Z", HUMAN),
                        "tests"),
                new IssueClaimed(
                        header("97bb0ad3-6a8a-46ae-9287-c86f88db9873", BETA, "2026-12-03T11:48:02.329955780Z", HUMAN),
                        "agent:w1"),
                new IssueReleased(
                        header("46b739da-d88a-41f0-9815-125594137d16", BETA, "2026-12-03T11:48:02.347802455Z", HUMAN),
                        "agent:w1", "timed out"),
                new IssueAssigned(
                        header("708a7fbe-f6c3-4a63-8eb3-648cd4e336c6", BETA, "2026-12-03T11:48:02.381719915Z", HUMAN),
                        "agent:w2", null),
                new IssueAssigned(
                        header("7b3cf5e3-3e16-47c2-b5d0-3d3918cf0c03", BETA, "2026-12-03T11:48:02.404913556Z", HUMAN),
                        "agent:w3", "agent:w2"),
                new IssueUnassigned(
                        header("cfdaa807-b80b-45ef-9b01-6a882095d2fb", BETA, "2026-12-03T11:48:02.437674728Z", HUMAN),
                        "agent:w3"),
                new IssueUpdated(
                        header("3cf609f8-27b4-440c-9a4e-7c09f63840e5", BETA, "2026-12-03T11:48:02.462813436Z", HUMAN),
                        orderedMap("title", change("\"Beta\"", "\"Beta 2\""), "priority",
                        change("\"normal\"", "\"low\""), "labels", change("[]", "[\"x:y\"]"), "context",
                        change("{}", "{\"k\": \"v\"}"))),
                new GateFailed(
                        header("23abf231-99fc-4ca5-92c3-833d5ac4ae5d", BETA, "2026-12-03T11:48:02.490728680Z", HUMAN),
                        "tests", null),
                new GatePassed(
                        header("48a4286e-36a1-4fbf-88ce-02dd8d9d481b", BETA, "2026-12-03T11:48:02.506204319Z", HUMAN),
                        "tests", "ci:github"),
                new GateFailed(
                        header("6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b", BETA, "2026-12-03T11:48:02.510000000Z", HUMAN),
                        "lint", "auto:executor", "0397c7a0-d46d-4ae7-bb6d-c94983286440"),
                new GatePassed(
                        header("7a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d", BETA, "2026-12-03T11:48:02.520000000Z", HUMAN),
                        "lint", "auto:executor", "5c6d5426-1d95-475b-be44-44efa315f7e1", null),
                new GatePassed(
                        header("8b3c4d5e-6f7a-4b9c-8d1e-2f3a4b5c6d7e", BETA, "2026-12-03T11:48:02.530000000Z", HUMAN),
                        "lint", "human:alice", null, "CI box is down"),
                new IssueCompleted(
                        header("b90a8e56-efdb-455c-8138-0e8c7afca83e", BETA, "2026-12-03T11:48:02.532948358Z", HUMAN)),
                new IssueCreated(
                        header("44f121b5-a7d0-4d26-8768-2c0dead6a9d4", SUB, "2026-12-03T11:48:02.562145366Z", HUMAN),
                        "Sub", Priority.HIGH, ALPHA),
                new DependencyRemoved(
                        header("e6dd7543-5ef5-41fc-b91a-20d44c66c35e", ALPHA, "2026-12-03T11:48:02.563565499Z", HUMAN),
                        BETA),
                new IssueRejected(
                        header("2d21a582-2462-4754-b9f0-a5000c1cd822", GAMMA, "2026-12-03T11:48:02.648874776Z", HUMAN),
                        "duplicate"),
                new IssueDeleted(
                        header("1dcddce1-c80b-4b4b-be33-2adbc1b69fc0", GAMMA, "2026-12-03T11:48:02.668193811Z", HUMAN),
                        "Gamma"),
                new GateUndefined(
                        header("98246756-abd2-4941-8da7-1f42c9c6a582", null, "2026-12-03T11:48:02.683367884Z", HUMAN),
                        "tests"),
                new StoreRepaired(
                        header("86c417a5-c244-44c2-acae-0a6ca7c73f5d", null, "2026-12-03T11:48:02.725006593Z", HUMAN),
                        List.of("rebuilt index.json", "removed tmp/x")),
                new AgentStarted(
                        header("be0f8024-761c-4137-9aea-609bfdf19a08", ALPHA, "2026-12-03T11:48:02.725145363Z", DSP),
                        "claude", List.of("claude", "-p", "work on it"), "/repo/.jit/dispatch/logs/x.log"),
                new AgentExited(
                        header("762c1da9-0603-48e0-8c87-09ec0e5aa52a", ALPHA, "2026-12-03T11:48:02.725237135Z", DSP),
                        "claude", 1234L, 0, 5000L, "done", false, null),
                new AgentExited(
                        header("a09656f4-3292-4d5c-a067-47a8ecfd03b9", ALPHA, "2026-12-03T11:48:02.725552747Z", DSP),
                        "claude", 1234L, null, 5000L, "deleted", true, "stalled"),
                new AgentStalled(
                        header("7e44d1d8-3cb3-43bb-b53a-8f67f4485dce", ALPHA, "2026-12-03T11:48:02.725613440Z", DSP),
                        "claude", 1234L, 600000L),
                new AgentOrphaned(
                        header("c7c0eba8-df0b-4e4b-a70e-d5043fd76096", ALPHA, "2026-12-03T11:48:02.725647274Z", DSP),
                        "claude", AgentOrphaned.Action.ADOPTED, 1234L, 41L),
                new LeaseExpired(
                        header("5b0e3f57-1f0c-4a59-9d0e-3c1b2f8a7d11", ALPHA, "2026-12-03T11:48:03.000120000Z", HUMAN),
                        "agent:worker-1", "2026-12-03T11:48:02Z"));
    }

    @Test
    void everyTypeEncodesToTheLineJitWroteAndDecodesBackFromIt() throws IOException {
        List<String> golden = goldenLines();
        List<JitEvent> records = expected();
        assertThat(records).hasSameSizeAs(golden);
        for (int i = 0; i < golden.size(); i++) {
            assertThat(EventCodec.encode(records.get(i))).as("line %d", i + 1).isEqualTo(golden.get(i));
            assertThat(EventCodec.decode((ObjectNode) Json.parse(golden.get(i)))).as("line %d", i + 1)
                    .isEqualTo(records.get(i));
        }
    }

    @Test
    void theGoldenLinesCoverEveryRecordOfTheHierarchy() {
        List<Class<?>> covered = expected().stream().<Class<?>>map(Object::getClass).distinct().toList();
        List<Class<?>> typed = new ArrayList<>(List.of(JitEvent.class.getPermittedSubclasses()));
        typed.remove(UnknownEvent.class);
        assertThat(covered).containsExactlyInAnyOrderElementsOf(typed);
    }

    /** Through the real write path: a transaction's events as the journal hands them to the log file. */
    @Test
    void appendedToTheLogTheFileHoldsTheGoldenBytes() throws IOException {
        EventLog log = new EventLog(tmp.resolve("events.jsonl"), w -> { });
        List<ObjectNode> staged = new ArrayList<>();
        for (JitEvent e : expected()) {
            staged.add(EventCodec.toJson(e, "someone:else"));
        }
        log.append(staged);
        assertThat(Files.readString(tmp.resolve("events.jsonl"), StandardCharsets.UTF_8))
                .isEqualTo(String.join("\n", goldenLines()) + "\n");
    }

    @Test
    void theTransactionActorIsRecordedOnlyWhenTheEventNamesNone() {
        IssueClaimed claim = new IssueClaimed(EventHeader.next(ALPHA), "agent:w1");
        assertThat(EventCodec.toJson(claim, HUMAN).get("actor").asText()).isEqualTo(HUMAN);
        assertThat(EventCodec.toJson(claim, null).has("actor")).isFalse();
        assertThat(EventCodec.toJson(claim, HUMAN).fieldNames()).toIterable()
                .containsExactly("type", "id", "issue_id", "timestamp", "assignee", "actor");
    }

    @Test
    void everyLineOfTheReferenceSampleLogDecodesTypedAndReencodesIdentically() throws IOException {
        List<String> sample = Files.readAllLines(TestStores.SAMPLE_STORE.resolve("events.jsonl"));
        assertThat(sample).isNotEmpty();
        for (String line : sample) {
            JitEvent e = EventCodec.decode((ObjectNode) Json.parse(line));
            assertThat(e).as(line).isNotInstanceOf(UnknownEvent.class);
            assertThat(e.actor()).isNull();
            assertThat(EventCodec.encode(e)).isEqualTo(line);
        }
    }

    @Test
    void linesNotAsJitWritesThemAreKeptUnchanged() {
        List<String> odd = List.of(
                // a type this version does not know
                "{\"type\":\"issue_archived\",\"id\":\"e1\",\"issue_id\":\"i1\",\"timestamp\":\"t\",\"why\":[1,2]}",
                // known type, fields in another order
                "{\"type\":\"issue_claimed\",\"id\":\"e2\",\"timestamp\":\"t\",\"issue_id\":\"i1\",\"assignee\":\"a\"}",
                // known type, a field of another kind, a state JIT does not have, a missing field
                "{\"type\":\"agent_stalled\",\"id\":\"e3\",\"timestamp\":\"t\",\"agent_id\":\"x\",\"pid\":\"12\","
                        + "\"stall_timeout_ms\":5}",
                "{\"type\":\"issue_state_changed\",\"id\":\"e4\",\"timestamp\":\"t\",\"from\":\"open\","
                        + "\"to\":\"done\"}",
                "{\"type\":\"issue_created\",\"id\":\"e5\",\"timestamp\":\"t\",\"title\":\"x\"}",
                // actor not last; an optional field turning up after an unknown one
                "{\"type\":\"issue_completed\",\"id\":\"e6\",\"timestamp\":\"t\",\"actor\":\"a\",\"x\":1}",
                "{\"type\":\"issue_created\",\"id\":\"e7\",\"timestamp\":\"t\",\"title\":\"x\",\"priority\":\"low\","
                        + "\"x\":1,\"parent_id\":\"p\"}",
                // no type at all
                "{\"id\":\"e8\"}");
        for (String line : odd) {
            JitEvent e = EventCodec.decode((ObjectNode) Json.parse(line));
            assertThat(e).as(line).isInstanceOf(UnknownEvent.class);
            assertThat(EventCodec.encode(e)).isEqualTo(line);
        }
        UnknownEvent archived = (UnknownEvent) EventCodec.decode((ObjectNode) Json.parse(odd.get(0)));
        assertThat(archived.type()).isEqualTo("issue_archived");
        assertThat(archived.issueId()).isEqualTo("i1");
        assertThat(archived.id()).isEqualTo("e1");
    }

    @Test
    void fieldsThisVersionDoesNotKnowAreKeptOnATypedEvent() {
        String line = "{\"type\":\"gate_passed\",\"id\":\"e1\",\"issue_id\":\"i1\",\"timestamp\":\"t\","
                + "\"gate_key\":\"tests\",\"updated_by\":null,\"run_url\":\"https://ci/1\",\"attempt\":2,"
                + "\"actor\":\"ci:x\"}";
        JitEvent e = EventCodec.decode((ObjectNode) Json.parse(line));
        assertThat(e).isInstanceOfSatisfying(GatePassed.class, g -> {
            assertThat(g.gateKey()).isEqualTo("tests");
            assertThat(g.updatedBy()).isNull();
            assertThat(g.actor()).isEqualTo("ci:x");
            assertThat(g.header().unknownFields()).containsOnlyKeys("run_url", "attempt");
        });
        assertThat(EventCodec.encode(e)).isEqualTo(line);
    }

    private static EventHeader header(String id, String issueId, String timestamp, String actor) {
        return new EventHeader(id, issueId, timestamp, actor, Map.of());
    }

    private static IssueUpdated.FieldChange change(String fromJson, String toJson) {
        return new IssueUpdated.FieldChange(Json.parse(fromJson), Json.parse(toJson));
    }

    private static Map<String, IssueUpdated.FieldChange> orderedMap(Object... keysAndValues) {
        Map<String, IssueUpdated.FieldChange> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], (IssueUpdated.FieldChange) keysAndValues[i + 1]);
        }
        return m;
    }

    private static List<String> goldenLines() throws IOException {
        try (InputStream in = EventCodecGoldenTest.class.getResourceAsStream("golden-events.jsonl")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }
}
