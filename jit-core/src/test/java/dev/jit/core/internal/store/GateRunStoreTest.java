package dev.jit.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jit.core.Gates;
import dev.jit.core.TestStores;
import dev.jit.core.Validation;
import dev.jit.core.error.ErrorCode;
import dev.jit.core.error.JitException;
import dev.jit.core.json.Json;
import dev.jit.core.model.Gate;
import dev.jit.core.model.GateChecker;
import dev.jit.core.model.GateRegistry;
import dev.jit.core.model.GateRun;
import dev.jit.core.model.GateStage;
import dev.jit.core.model.Issue;
import dev.jit.core.model.Priority;
import dev.jit.core.Issues;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gate runs and checker definitions on disk, in the reference tool's format: its real records and registry
 * entries load and survive unchanged, and hostile entries under {@code gate-runs/} are skipped with a warning,
 * reported by validate and never followed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS) // a FIFO opened by mistake would block for ever
class GateRunStoreTest {
    private static final String PASSED_RUN = "5c6d5426-1d95-475b-be44-44efa315f7e1";
    private static final String ERROR_RUN = "0397c7a0-d46d-4ae7-bb6d-c94983286440";

    @TempDir
    Path tmp;

    private Path dir;
    private TestStores.Opened s;

    @BeforeEach
    void setUp() {
        dir = tmp.resolve(".jit");
        s = TestStores.init(dir);
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = GateRunStoreTest.class.getResourceAsStream("/dev/jit/core/gateruns/" + name)) {
            return in.readAllBytes();
        }
    }

    /** An issue with exactly this id, as the reference's records name theirs. */
    private void issueWithId(String id) {
        s.store().write("test", tx -> {
            tx.create(Issue.create(id, "from the reference", "", Priority.NORMAL, List.of(), List.of(),
                    "2026-01-01T00:00:00Z"));
            return null;
        });
    }

    private Path plantRecord(String runId, byte[] content) throws IOException {
        Path runDir = Files.createDirectories(dir.resolve("gate-runs").resolve(runId));
        return Files.write(runDir.resolve("result.json"), content);
    }

    @Test
    void theReferenceToolsRealRecordsAreReadWithEveryField() throws Exception {
        byte[] passed = fixture(PASSED_RUN + ".json");
        byte[] error = fixture(ERROR_RUN + ".json");
        plantRecord(PASSED_RUN, passed);
        plantRecord(ERROR_RUN, error);
        issueWithId("d41c6a08-81ce-491f-8bf9-6aab78febcbf");
        issueWithId("abfd6016-a79d-4a5c-9d1d-d5393e7acb2d");

        List<GateRun> clippy = s.jit().gates().runs("d41c6a08", null, 0);
        assertThat(clippy).hasSize(1);
        GateRun run = clippy.get(0);
        assertThat(run.gateKey()).isEqualTo("clippy");
        assertThat(run.status()).isEqualTo("passed");
        assertThat(run.exitCode()).isZero();
        assertThat(run.durationMs()).isEqualTo(2904);
        assertThat(run.stdout()).isEqualTo("  ✓ clippy: ok\n\n");
        assertThat(run.by()).isEqualTo("auto:executor");
        assertThat(run.commit()).isEqualTo("052e4acd23ad768afa066d2339a322561b8ebd77");
        assertThat(run.branch()).isEqualTo("feature/worktree-parallel-work");
        GateRun timedOut = s.jit().gates().runs("abfd6016", "code-review", 0).get(0);
        assertThat(timedOut.status()).isEqualTo("error");
        assertThat(timedOut.exitCode()).isNull();
        assertThat(timedOut.durationMs()).isEqualTo(600081);

        // Rendered back, each is its file: same fields, same order, same values.
        for (GateRun r : List.of(run, timedOut)) {
            JsonNode original = Json.parse(r == run ? passed : error);
            assertThat(Json.pretty(GateRunFiles.toJson(r))).isEqualTo(Json.pretty(original));
        }
        assertThat(s.jit().validation().check().problems()).isEmpty();
        assertThat(s.warnings()).isEmpty();
    }

    @Test
    void hostileEntriesUnderGateRunsAreSkippedReportedAndNeverFollowed() throws Exception {
        String id = "d41c6a08-81ce-491f-8bf9-6aab78febcbf";
        issueWithId(id);
        plantRecord(PASSED_RUN, fixture(PASSED_RUN + ".json"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        String foreign = new String(fixture(PASSED_RUN + ".json"), StandardCharsets.UTF_8)
                .replace(PASSED_RUN, "11111111-1111-4111-8111-111111111111");
        Files.writeString(outside.resolve("result.json"), foreign);
        Path runs = dir.resolve("gate-runs");
        // A record that is a link, a run directory that is a link, a FIFO, bad JSON, a record naming another run,
        // a directory not named by a run id.
        Files.createDirectories(runs.resolve("11111111-1111-4111-8111-111111111111"));
        Files.createSymbolicLink(runs.resolve("11111111-1111-4111-8111-111111111111/result.json"),
                outside.resolve("result.json"));
        Files.createSymbolicLink(runs.resolve("22222222-2222-4222-8222-222222222222"), outside);
        Files.createDirectories(runs.resolve("33333333-3333-4333-8333-333333333333"));
        assertThat(new ProcessBuilder("mkfifo", runs.resolve("33333333-3333-4333-8333-333333333333/result.json")
                .toString()).start().waitFor()).isZero();
        plantRecord("44444444-4444-4444-8444-444444444444", "{not json".getBytes(StandardCharsets.UTF_8));
        plantRecord("55555555-5555-4555-8555-555555555555", foreign.getBytes(StandardCharsets.UTF_8));
        Files.createDirectories(runs.resolve("../gate-runs/not-a-run-id"));

        assertThat(s.jit().gates().runs(id, null, 0)).extracting(GateRun::runId).containsExactly(PASSED_RUN);
        assertThat(s.warnings()).hasSize(6).allSatisfy(w -> assertThat(w).contains("gate-runs/").contains("skipped"));

        Validation.Report report = s.jit().validation().check();
        List<String> found = new ArrayList<>();
        report.problems().forEach(p -> found.add(p.code() + " " + p.file()));
        assertThat(found).containsExactlyInAnyOrder(
                "symlink gate-runs/11111111-1111-4111-8111-111111111111/result.json",
                "symlink gate-runs/22222222-2222-4222-8222-222222222222/",
                "not_a_regular_file gate-runs/33333333-3333-4333-8333-333333333333/result.json",
                "unreadable_file gate-runs/44444444-4444-4444-8444-444444444444/result.json",
                "unreadable_file gate-runs/55555555-5555-4555-8555-555555555555/result.json",
                "unexpected_file gate-runs/not-a-run-id");
        assertThat(report.problems()).noneMatch(Validation.Problem::fixable); // history: reported, not removed
        try (var listing = Files.list(outside)) {
            assertThat(listing).containsExactly(outside.resolve("result.json"));
        }
        assertThat(Files.readString(outside.resolve("result.json"))).isEqualTo(foreign);
    }

    @Test
    void aLinkAtGateRunsRefusesToRecordARunBeforeTheCommitPoint() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.createSymbolicLink(dir.resolve("gate-runs"), outside);
        Gates gates = s.jit().gates();
        gates.define(new Gates.Definition("ok", "ok", "", false, null, null,
                GateChecker.shell("true", 30, null, Map.of())));
        Issue a = s.jit().issues().create(new Issues.NewIssue("A", null, null, List.of("ok"), null, null));
        assertThatThrownBy(() -> gates.check(a.id(), List.of(), Gates.Progress.NONE))
                .isInstanceOfSatisfying(JitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_DATA);
                    assertThat(e.getMessage()).contains("gate-runs");
                });
        try (var listing = Files.list(outside)) {
            assertThat(listing).isEmpty();
        }
        assertThat(dir.resolve(".journal.json")).doesNotExist();
        assertThat(s.jit().issues().create(new Issues.NewIssue("B", null, null, null, null, null))).isNotNull();
        Validation.Report report = s.jit().validation().check();
        assertThat(report.problems()).extracting(Validation.Problem::code).containsExactly("symlink");
    }

    @Test
    void theReferenceRegistryWithCheckersRoundTripsByteForByteAndKeepsUnknownFields() throws Exception {
        byte[] reference = fixture("reference-gates.json");
        Files.write(dir.resolve("gates.json"), reference);
        GateRegistry registry = StoreFiles.readRegistry(new StorePaths(dir));
        assertThat(StoreFiles.renderRegistry(registry)).isEqualTo(reference);

        Gate review = registry.gates().get("breakdown-review");
        assertThat(review.stage()).isEqualTo(GateStage.POSTCHECK);
        assertThat(review.mode()).isEqualTo("auto");
        assertThat(review.checker().command()).isEqualTo("./scripts/ai-review.sh");
        assertThat(review.checker().timeoutSeconds()).isEqualTo(1800);
        assertThat(review.checker().env()).containsEntry("REVIEWER_AGENT", "codex exec");
        assertThat(review.checker().passContext()).isTrue();
        assertThat(review.checker().extra()).containsKey("prompt_file");
        Gate validate = registry.gates().get("jit-validate");
        assertThat(validate.checker().problem()).isNull();
        assertThat(validate.checker().argv()).isNull();
        assertThat(validate.extra()).containsKey("future_gate_field");
        Gate tdd = registry.gates().get("tdd-reminder");
        assertThat(tdd.checker()).isNull();
        assertThat(tdd.effectiveStage()).isEqualTo(GateStage.PRECHECK);

        // A rewrite of the registry (define, then remove, a gate) gives back the reference's bytes.
        s.jit().gates().define(new Gates.Definition("docs", "Docs", "", false, null, GateStage.POSTCHECK,
                GateChecker.exec(List.of("make", "docs"), 60, "doc", Map.of("A", "1"))));
        JsonNode docs = Json.parse(Files.readAllBytes(dir.resolve("gates.json"))).at("/gates/docs");
        assertThat(docs.at("/checker/command").asText()).isEqualTo("make docs");
        assertThat(docs.at("/checker/argv/1").asText()).isEqualTo("docs");
        assertThat(docs.path("mode").asText()).isEqualTo("auto");
        s.jit().gates().undefine("docs", false);
        assertThat(Files.readAllBytes(dir.resolve("gates.json"))).isEqualTo(reference);
    }

    @Test
    void aCheckerOfAShapeThisVersionCannotRunIsKeptAndRunsAsAnError() throws Exception {
        String registry = "{\n  \"gates\": {\n    \"odd\": {\n      \"key\": \"odd\",\n      \"title\": \"Odd\",\n"
                + "      \"description\": \"\",\n      \"checker\": {\n        \"type\": \"wasm\",\n"
                + "        \"module\": \"x.wasm\"\n      },\n      \"auto\": true,\n"
                + "      \"example_integration\": null\n    }\n  }\n}\n";
        Files.writeString(dir.resolve("gates.json"), registry);
        Gate odd = StoreFiles.readRegistry(new StorePaths(dir)).gates().get("odd");
        assertThat(odd.checker().problem()).contains("'wasm' is not supported");
        assertThat(new String(StoreFiles.renderRegistry(StoreFiles.readRegistry(new StorePaths(dir))),
                StandardCharsets.UTF_8)).isEqualTo(registry);
        Issue a = s.jit().issues().create(new Issues.NewIssue("A", null, null, List.of("odd"), null, null));
        GateRun run = s.jit().gates().check(a.id(), List.of(), Gates.Progress.NONE).runs().get(0);
        assertThat(run.status()).isEqualTo("error");
        assertThat(run.message()).contains("'wasm' is not supported");
    }
}
