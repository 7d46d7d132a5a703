package dev.jit.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jit.core.TestStores;
import dev.jit.core.events.Event;
import dev.jit.core.json.Json;
import dev.jit.core.model.Gate;
import dev.jit.core.model.State;
import dev.jit.core.query.IssueFilter;
import dev.jit.core.Issues;
import dev.jit.core.Queries;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reference tool's store must load unchanged and survive our writes without losing anything. */
class SampleStoreTest {
    @TempDir
    Path tmp;

    private Path copy() {
        return TestStores.copyTree(TestStores.SAMPLE_STORE, tmp.resolve(".jit"));
    }


    @Test
    void loadsUnchangedAndReadingModifiesNothing() throws IOException {
        Path dir = copy();
        Map<String, byte[]> before = TestStores.snapshot(dir);
        TestStores.Opened s = TestStores.open(dir, null, Duration.ofSeconds(5));
        Queries q = s.jit().queries();

        List<Queries.IssueView> all = q.list(IssueFilter.ALL);
        assertThat(all).extracting(v -> v.issue().id()).containsExactlyElementsOf(idsOf(dir));
        Queries.IssueView release = q.show("9db2");
        assertThat(release.issue().title()).isEqualTo("Version 1.0 Production Release");
        assertThat(release.issue().state()).isEqualTo(State.BACKLOG);
        assertThat(release.issue().labels()).containsExactly("type:milestone", "milestone:v1.0");
        assertThat(release.blocked()).isTrue();
        assertThat(q.list(IssueFilter.parse("label:epic:phase5.2,state:ready"))).hasSize(4);
        assertThat(s.store().events().query(e -> true, 0)).hasSize(13);
        List<Gate> gates = s.jit().gates().list();
        assertThat(gates).extracting(Gate::key).containsExactly("clippy", "code-review", "fmt", "tdd-reminder", "tests");
        assertThat(gates.get(0).extra()).containsKeys("version", "reserved");
        assertThat(gates.get(0).stage()).isEqualTo(dev.jit.core.model.GateStage.POSTCHECK);
        assertThat(gates.get(0).mode()).isEqualTo("auto");
        assertThat(gates.get(0).checker().command()).isEqualTo("cargo clippy --lib -- -D warnings");

        assertThat(s.warnings()).isEmpty();
        Map<String, byte[]> after = TestStores.snapshot(dir);
        assertThat(after.keySet()).isEqualTo(before.keySet());
        before.forEach((k, v) -> assertThat(after.get(k)).as(k).isEqualTo(v));
    }

    private static List<String> idsOf(Path dir) throws IOException {
        List<String> ids = new ArrayList<>();
        Json.parse(Files.readString(dir.resolve("index.json"))).get("all_ids").forEach(n -> ids.add(n.asText()));
        return ids;
    }

    /** A read-modify-write of every issue keeps every field (order included) and only adds what it changed. */
    @Test
    void readModifyWriteOfEverySampleIssuePreservesEveryField() throws IOException {
        Path dir = copy();
        List<String> ids = idsOf(dir);
        Map<String, JsonNode> before = new HashMap<>();
        for (String id : ids) {
            before.put(id, Json.parse(Files.readString(dir.resolve("issues/" + id + ".json"))));
        }
        byte[] labels = Files.readAllBytes(dir.resolve("labels.json"));
        byte[] events = Files.readAllBytes(dir.resolve("events.jsonl"));
        TestStores.Opened s = TestStores.open(dir, "human:tester", Duration.ofSeconds(5));
        Issues issues = s.jit().issues();

        for (String id : ids) {
            issues.update(id, new Issues.Edit(null, null, null, null, List.of(), List.of(),
                    Map.of("touched", "yes"), List.of()));
        }

        for (String id : ids) {
            String text = Files.readString(dir.resolve("issues/" + id + ".json"), StandardCharsets.UTF_8);
            assertThat(text).endsWith("}\n");
            ObjectNode after = (ObjectNode) Json.parse(text);
            ObjectNode expected = ((ObjectNode) before.get(id)).deepCopy();
            ((ObjectNode) expected.get("context")).put("touched", "yes");
            List<String> deps = new ArrayList<>();
            expected.get("dependencies").forEach(d -> deps.add(d.asText()));
            deps.sort(null);
            deps.forEach(expected.putArray("dependencies")::add); // same place, sorted
            expected.put("updated_at", after.path("updated_at").asText());
            assertThat(after.path("updated_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
            assertThat(after).as(id).isEqualTo(expected);
            List<String> names = new ArrayList<>();
            after.fieldNames().forEachRemaining(names::add);
            List<String> expectedNames = new ArrayList<>();
            expected.fieldNames().forEachRemaining(expectedNames::add);
            assertThat(names).as(id).containsExactlyElementsOf(expectedNames);
        }
        assertThat(Files.readAllBytes(dir.resolve("labels.json"))).isEqualTo(labels);
        byte[] newEvents = Files.readAllBytes(dir.resolve("events.jsonl"));
        assertThat(new String(newEvents, StandardCharsets.UTF_8))
                .startsWith(new String(events, StandardCharsets.UTF_8));
        List<Event> updates = s.store().events().query(e -> e.type().equals("issue_updated"), 0);
        assertThat(updates).hasSize(ids.size());
        assertThat(updates).allSatisfy(e -> assertThat(e.json().path("actor").asText()).isEqualTo("human:tester"));
        assertThat(s.warnings()).isEmpty();
    }

    /** Rewriting gates.json (define a gate) keeps every field of the reference's gate definitions. */
    @Test
    void registryRewriteKeepsEveryGateField() throws IOException {
        Path dir = copy();
        JsonNode before = Json.parse(Files.readString(dir.resolve("gates.json")));
        TestStores.Opened s = TestStores.open(dir, null, Duration.ofSeconds(5));
        s.jit().gates().define("docs", "Docs updated", "", false, null);
        JsonNode after = Json.parse(Files.readString(dir.resolve("gates.json")));
        before.get("gates").properties().forEach(e -> {
            assertThat(after.get("gates").get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
            List<String> a = new ArrayList<>();
            after.get("gates").get(e.getKey()).fieldNames().forEachRemaining(a::add);
            List<String> b = new ArrayList<>();
            e.getValue().fieldNames().forEachRemaining(b::add);
            assertThat(a).as(e.getKey()).containsExactlyElementsOf(b);
        });
        assertThat(after.get("gates").get("docs").get("title").asText()).isEqualTo("Docs updated");
        List<String> keys = new ArrayList<>();
        after.get("gates").fieldNames().forEachRemaining(keys::add);
        assertThat(keys).isSorted();
    }
}
