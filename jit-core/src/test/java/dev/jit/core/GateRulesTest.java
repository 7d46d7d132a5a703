package dev.jit.core;

import dev.jit.core.model.Outcome;
import dev.jit.core.model.StateChange;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jit.core.error.ErrorCode;
import dev.jit.core.model.Gate;
import dev.jit.core.model.GateStatus;
import dev.jit.core.model.Issue;
import dev.jit.core.model.State;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gate registry and gates on issues: gated, auto-done, dependents readied, removal rules. */
class GateRulesTest extends ServiceTestBase {

    @BeforeEach
    void defineGates() {
        gates.define("tests", "Tests pass", "all of them", true, null);
        gates.define("review", "Review", null, false, null);
    }

    private Issue gatedIssue(String title, String... keys) {
        return create(new Issues.NewIssue(title, null, null, List.of(keys), null, null));
    }

    @Test
    void registryDefineShowListAndEvents() throws Exception {
        long m = mark();
        Gate g = gates.define("lint", "Lint clean", null, true, "ci:lint");
        assertThat(g.description()).isEmpty();
        assertThat(gates.show("lint")).isEqualTo(g);
        assertThat(gates.list()).extracting(Gate::key).containsExactly("lint", "review", "tests");
        assertThat(eventsSince(m)).containsExactly("gate_defined lint");
        assertFailsUnchanged(ErrorCode.ALREADY_EXISTS, () -> gates.define("lint", "again", null, false, null), "lint");
        assertFailsUnchanged(ErrorCode.INVALID_ARGUMENT, () -> gates.define("../x", "t", null, false, null));
        assertFailsUnchanged(ErrorCode.INVALID_ARGUMENT, () -> gates.define("ok", " ", null, false, null));
        assertFails(ErrorCode.GATE_NOT_FOUND, () -> gates.show("nope"), "nope", "known: lint, review, tests");
    }

    @Test
    void requiredGateKeysMustExist() throws Exception {
        Issue a = create("A");
        assertFailsUnchanged(ErrorCode.GATE_NOT_FOUND, () -> gates.require(a.id(), "docs"),
                "'docs'", "review, tests");
        long m = mark();
        gates.require(a.id(), "review");
        gates.require(a.id(), "review");
        assertThat(reload(a).gatesRequired()).containsExactly("review");
        assertThat(eventsSince(m)).containsExactly("gate_added A");
    }

    @Test
    void recordingAGateThatIsNotRequiredFails() throws Exception {
        Issue a = gatedIssue("A", "tests");
        assertFailsUnchanged(ErrorCode.GATE_ERROR, () -> gates.record(a.id(), "review", GateStatus.PASSED, "me"),
                "'review'", "not required");
    }

    @Test
    void passingTheLastGateCompletesTheIssueAndReadiesDependents() {
        Issue a = gatedIssue("A", "tests", "review");
        Issue b = create("B");
        deps.add(b.id(), a.id());
        assertThat(setState(a, State.DONE).issue().state()).isEqualTo(State.GATED);

        long m = mark();
        Outcome first = gates.record(a.id(), "tests", GateStatus.PASSED, "ci:runner");
        assertThat(first.issue().state()).isEqualTo(State.GATED);
        assertThat(first.issue().gatesStatus().get("tests").status()).isEqualTo(GateStatus.PASSED);
        assertThat(first.issue().gatesStatus().get("tests").updatedBy()).isEqualTo("ci:runner");
        gates.record(a.id(), "review", GateStatus.FAILED, "human:alice");
        assertThat(state(a)).isEqualTo(State.GATED);
        assertThat(state(b)).isEqualTo(State.BACKLOG);

        Outcome last = gates.record(a.id(), "review", GateStatus.PASSED, "human:alice");

        assertThat(last.issue().state()).isEqualTo(State.DONE);
        assertThat(last.stateChanges()).containsExactly(new StateChange(a.id(), State.GATED, State.DONE),
                new StateChange(b.id(), State.BACKLOG, State.READY));
        assertThat(state(b)).isEqualTo(State.READY);
        assertThat(eventsSince(m)).containsExactly("gate_passed A", "gate_failed A", "gate_passed A",
                "issue_state_changed A gated->done", "issue_completed A", "issue_state_changed B backlog->ready");
        var passed = store.events().query(e -> e.type().equals("gate_passed"), 1).get(0).json();
        assertThat(passed.get("gate_key").asText()).isEqualTo("review");
        assertThat(passed.get("updated_by").asText()).isEqualTo("human:alice");
    }

    @Test
    void gatesPassedBeforehandLetDoneGoStraightToDone() {
        Issue a = gatedIssue("A", "tests");
        issues.claim(a.id(), "agent:w");
        assertThat(gates.record(a.id(), "tests", GateStatus.PASSED, null).issue().state())
                .isEqualTo(State.IN_PROGRESS);
        assertThat(setState(a, State.DONE).issue().state()).isEqualTo(State.DONE);
        // A later failure is recorded but does not reopen the issue.
        assertThat(gates.record(a.id(), "tests", GateStatus.FAILED, null).issue().state()).isEqualTo(State.DONE);
    }

    @Test
    void registryRemoveRefusesGatesInUseUnlessForced() throws Exception {
        Issue a = gatedIssue("A", "review");
        Issue c = gatedIssue("C", "review", "tests");
        Issue b = create("B");
        deps.add(b.id(), a.id());
        setState(a, State.DONE);
        assertThat(state(a)).isEqualTo(State.GATED);

        assertFailsUnchanged(ErrorCode.GATE_IN_USE, () -> gates.undefine("review", false), "'review'", a.id(),
                c.id());

        long m = mark();
        Gates.Removal r = gates.undefine("review", true);

        assertThat(r.detachedIssues()).containsExactly(a.id(), c.id());
        assertThat(reload(a).gatesRequired()).isEmpty();
        assertThat(reload(c).gatesRequired()).containsExactly("tests");
        assertThat(state(a)).isEqualTo(State.DONE); // its only pending gate is gone
        assertThat(state(b)).isEqualTo(State.READY);
        assertThat(eventsSince(m)).containsExactly("issue_state_changed A gated->done", "issue_completed A",
                "issue_state_changed B backlog->ready", "gate_undefined review");
        assertThat(gates.list()).extracting(Gate::key).containsExactly("tests");
        assertFails(ErrorCode.GATE_NOT_FOUND, () -> gates.undefine("review", true), "review");
        // An unused gate goes without force.
        gates.define("unused", "U", null, false, null);
        gates.undefine("unused", false);
    }
}
