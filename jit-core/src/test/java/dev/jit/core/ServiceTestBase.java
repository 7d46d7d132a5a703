package dev.jit.core;

import dev.jit.core.model.Outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jit.core.error.ErrorCode;
import dev.jit.core.error.JitException;
import dev.jit.core.events.Event;
import dev.jit.core.model.Issue;
import dev.jit.core.model.Priority;
import dev.jit.core.model.State;
import dev.jit.core.internal.store.Store;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fresh store with all services, plus helpers that make event assertions readable. */
abstract class ServiceTestBase {
    static final String ACTOR = "human:tester";

    @TempDir
    Path tmp;

    Store store;
    List<String> warnings;
    Issues issues;
    Dependencies deps;
    Gates gates;
    Queries query;
    private final Map<String, String> titles = new HashMap<>();

    @BeforeEach
    void openStore() {
        TestStores.Opened opened = TestStores.init(tmp.resolve(".jit"), ACTOR, java.time.Duration.ofSeconds(10));
        store = opened.store();
        warnings = opened.warnings();
        issues = TestStores.jit(store).issues();
        deps = TestStores.jit(store).dependencies();
        gates = TestStores.jit(store).gates();
        query = TestStores.jit(store).queries();
    }

    Issue create(String title) {
        return create(title, Priority.NORMAL);
    }

    Issue create(String title, Priority priority, String... labels) {
        return create(new Issues.NewIssue(title, null, priority, null, List.of(labels), null));
    }

    Issue create(Issues.NewIssue spec) {
        Issue i = issues.create(spec);
        titles.put(i.id(), i.title());
        return i;
    }

    Issue reload(Issue i) {
        return query.show(i.id()).issue();
    }

    State state(Issue i) {
        return reload(i).state();
    }

    static Issues.Edit toState(State s) {
        return new Issues.Edit(null, null, null, s, null, null, null, null);
    }

    Outcome setState(Issue i, State s) {
        return issues.update(i.id(), toState(s));
    }

    /** Moves an issue to done through the normal path (claim, then update --state done). */
    void finish(Issue i) {
        setState(i, State.DONE);
        assertThat(state(i)).isEqualTo(State.DONE);
    }

    long mark() {
        return store.events().size();
    }

    /** Events appended since {@code mark}, as "type title [from->to]"; each must carry the actor. */
    List<String> eventsSince(long mark) {
        List<Event> out = new java.util.ArrayList<>();
        store.events().readFrom(mark, out::add);
        return out.stream().map(e -> {
            assertThat(e.json().path("actor").asText()).as("actor of %s", e.json()).isEqualTo(ACTOR);
            String who = e.issueId() == null ? e.json().path("gate_key").asText() : titles.getOrDefault(e.issueId(), e.issueId());
            String s = e.type() + " " + who;
            if (e.json().has("from") && e.json().has("to")) {
                s += " " + e.json().get("from").asText() + "->" + e.json().get("to").asText();
            }
            return s;
        }).toList();
    }

    static void assertFails(ErrorCode code, ThrowingCallable call, String... messageParts) {
        assertThatThrownBy(call).isInstanceOfSatisfying(JitException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).doesNotContain("\n");
            for (String part : messageParts) {
                assertThat(e.getMessage()).contains(part);
            }
        });
    }

    /** Runs a call that must fail and checks that it changed nothing on disk. */
    void assertFailsUnchanged(ErrorCode code, ThrowingCallable call, String... messageParts) throws Exception {
        Map<String, byte[]> before = snapshot();
        assertFails(code, call, messageParts);
        Map<String, byte[]> after = snapshot();
        assertThat(after.keySet()).isEqualTo(before.keySet());
        before.forEach((k, v) -> assertThat(after.get(k)).as(k).isEqualTo(v));
    }

    private Map<String, byte[]> snapshot() throws Exception {
        return dev.jit.core.TestStores.snapshot(store.paths().dataDir());
    }
}
