package dev.jit.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jit.core.Gates;
import dev.jit.core.Issues;
import dev.jit.core.model.GateChecker;
import dev.jit.core.model.GateStage;
import dev.jit.core.model.GateStatus;
import dev.jit.core.model.Priority;
import dev.jit.core.model.State;
import dev.jit.dispatch.testkit.Harness;
import dev.jit.dispatch.testkit.Harness.Dispatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prechecks run before the dispatcher hands an issue out, off its loop; a failing one keeps the issue back. */
class DispatchPrecheckIT {
    @TempDir
    Path dir;
    Harness h;

    @BeforeEach
    void setUp() {
        h = new Harness(dir);
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    @Test
    void anIssueIsHandedOutOnlyOnceItsPrecheckPasses() throws Exception {
        h.store.gates().define(new Gates.Definition("setup", "Set up", "", false, null, GateStage.PRECHECK,
                GateChecker.shell("test -f setup.flag || { echo 'run make setup first'; exit 1; }", 30, null,
                        Map.of())));
        String gated = h.issues.create(new Issues.NewIssue("needs setup", null, Priority.HIGH, List.of("setup"),
                null, null)).id();
        String plain = h.create(Priority.NORMAL, "plain task");
        Path cfg = h.config("dispatch.toml", "retry_backoff_seconds = 1\n" + h.agent("a1", 2, null));
        Dispatch d = h.launch("start", cfg);
        d.awaitOutput("precheck-failed issue=" + gated, Duration.ofSeconds(30));
        Harness.await(() -> h.issue(plain).state() == State.DONE, Duration.ofSeconds(30), d::output);
        assertThat(h.startsOf(gated)).isZero();
        assertThat(h.issue(gated).assignee()).isNull();
        assertThat(h.issue(gated).gatesStatus().get("setup").status()).isEqualTo(GateStatus.FAILED);

        Files.writeString(h.repo.resolve("setup.flag"), "");
        Harness.await(() -> h.issue(gated).state() == State.DONE, Duration.ofSeconds(30), d::output);
        assertThat(d.output()).contains("precheck-passed issue=" + gated);
        assertThat(h.startsOf(gated)).isEqualTo(1);
        assertThat(h.events("issue_released")).isEmpty(); // a failed precheck is no failed attempt
        d.term();
        assertThat(d.waitFor(Duration.ofSeconds(30))).isZero();
    }
}
