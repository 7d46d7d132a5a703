package dev.jit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jit.cli.support.CliEnv;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Exit codes, the JSON envelope, error shapes and help completeness. */
class CliContractTest {
    @TempDir
    Path dir;
    CliRunner jit;

    @BeforeEach
    void init() {
        jit = new CliRunner(dir);
        jit.ok("init");
    }

    @Test
    void successEnvelope() {
        JsonNode env = jit.run("issue", "create", "-t", "A", "--json").json();
        assertThat(env.get("success").asBoolean()).isTrue();
        assertThat(env.at("/data/id").asText()).hasSize(36);
        assertThat(env.at("/data/state").asText()).isEqualTo("ready");
        assertThat(env.at("/metadata/version").asText()).isNotBlank();
        assertThat(env.at("/metadata/timestamp").asText()).endsWith("Z");
        JsonNode list = jit.run("issue", "list", "--json").data();
        assertThat(list.at("/summary/total").asInt()).isEqualTo(1);
        assertThat(list.at("/summary/by_state/ready").asInt()).isEqualTo(1);
        assertThat(list.at("/issues/0/blocked").asBoolean()).isFalse();
    }

    @Test
    void exitCodesComeFromTypedErrors() {
        String a = jit.ok("issue", "create", "-t", "A");
        String b = jit.ok("issue", "create", "-t", "B");
        jit.ok("dep", "add", a, b);
        assertCode(3, "ISSUE_NOT_FOUND", "issue", "show", "ffffffff");
        assertCode(4, "CYCLE_DETECTED", "dep", "add", b, a);
        assertCode(2, "INVALID_STATE", "issue", "update", a, "--state", "bogus");
        assertCode(2, "INVALID_ARGUMENT", "issue", "create", "-t", "x", "-p", "urgent");
        assertCode(2, "INVALID_ARGUMENT", "issue", "show", "../../etc/passwd");
        assertCode(2, "INVALID_ARGUMENT", "issue", "show", "abc");
        jit.ok("registry", "add", "g", "-t", "G");
        assertCode(6, "ALREADY_EXISTS", "registry", "add", "g", "-t", "G");
        assertCode(3, "GATE_NOT_FOUND", "registry", "show", "zz");
        jit.ok("issue", "claim", b, "agent:1");
        assertCode(1, "ALREADY_ASSIGNED", "issue", "claim", b, "agent:2");
        assertCode(2, "INVALID_ARGUMENT", "issue", "list", "--nonsense");
        assertCode(2, "INVALID_ARGUMENT", "issue", "list", "--filter", "priority:high|");
        assertCode(2, "INVALID_ARGUMENT", "query", "ready", "--filter", "colour:red");
        assertThat(new CliRunner(dir.resolve("nowhere")).env("JIT_DATA_DIR", "/nonexistent/x").run("status").exit())
                .isEqualTo(3);
    }

    @Test
    void ambiguousPrefixListsCandidates() {
        List<String> ids = new ArrayList<>();
        for (int k = 0; k < 40; k++) {
            ids.add(jit.ok("issue", "create", "-t", "i" + k));
        }
        // With 40 random UUIDs some 1-hex prefix is shared; find a 4-char prefix shared by two ids if any.
        String shared = null;
        for (String x : ids) {
            for (String y : ids) {
                if (x != y && x.charAt(0) == y.charAt(0)) {
                    shared = x.substring(0, 1);
                }
            }
        }
        assertThat(shared).isNotNull();
        CliRunner.Result tooShort = jit.run("issue", "show", shared);
        assertThat(tooShort.exit()).isEqualTo(2);
        assertThat(tooShort.err()).contains("too short");
    }

    @Test
    void errorsAreOneLineWithHintsAndNoStackTraces() {
        CliRunner.Result r = jit.run("issue", "show", "deadbeef");
        assertThat(r.err().lines().findFirst().orElseThrow()).isEqualTo("Error: Issue not found: deadbeef");
        assertThat(r.err()).contains("hint: ").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.out()).isEmpty();
        CliRunner.Result json = jit.run("issue", "show", "deadbeef", "--json");
        assertThat(json.err()).isEmpty();
        assertThat(json.json().at("/error/suggestions")).isNotEmpty();
        assertThat(json.json().at("/error/details/issue_id").asText()).isEqualTo("deadbeef");
    }

    @Test
    void failedCommandsChangeNothing() throws Exception {
        String a = jit.ok("issue", "create", "-t", "A");
        String before = java.nio.file.Files.readString(dir.resolve(".jit/issues/" + a + ".json"));
        long events = java.nio.file.Files.size(dir.resolve(".jit/events.jsonl"));
        jit.run("issue", "update", a, "--title", "changed", "--state", "bogus");
        jit.run("issue", "update", a, "--title", "changed", "--label", "bad label");
        jit.run("dep", "add", a, a);
        assertThat(java.nio.file.Files.readString(dir.resolve(".jit/issues/" + a + ".json"))).isEqualTo(before);
        assertThat(java.nio.file.Files.size(dir.resolve(".jit/events.jsonl"))).isEqualTo(events);
    }

    @Test
    void versionAndHelpAreComplete() {
        assertThat(jit.ok("--version")).isEqualTo("jit " + System.getProperty("jit.pom.version"));
        CommandLine full = Main.commandLine(new CliEnv(dir, Map.of(), System.out, System.err, System.in, false));
        List<String> missing = new ArrayList<>();
        collectUndocumented(full, missing);
        assertThat(missing).isEmpty();
        for (var group : full.getSubcommands().entrySet()) {
            CliRunner.Result help = jit.run(group.getKey(), "--help");
            assertThat(help.exit()).isZero();
            for (String sub : group.getValue().getSubcommands().keySet()) {
                assertThat(help.out()).contains(sub);
                assertThat(jit.run(group.getKey(), sub, "--help").exit()).isZero();
            }
        }
    }

    private static void collectUndocumented(CommandLine cmd, List<String> missing) {
        var spec = cmd.getCommandSpec();
        if (spec.usageMessage().description().length == 0) {
            missing.add(spec.qualifiedName());
        }
        spec.options().stream().filter(o -> !o.hidden() && o.description().length == 0)
                .forEach(o -> missing.add(spec.qualifiedName() + " " + o.longestName()));
        spec.positionalParameters().stream().filter(p -> p.description().length == 0)
                .forEach(p -> missing.add(spec.qualifiedName() + " " + p.paramLabel()));
        cmd.getSubcommands().values().forEach(c -> collectUndocumented(c, missing));
    }

    /** Runs the command in human and in JSON mode: same exit code, and the JSON names the error code. */
    private void assertCode(int exit, String code, String... args) {
        CliRunner.Result human = jit.run(args);
        assertThat(human.exit()).as(human.err()).isEqualTo(exit);
        assertThat(human.out()).isEmpty();
        String[] withJson = java.util.Arrays.copyOf(args, args.length + 1);
        withJson[args.length] = "--json";
        CliRunner.Result json = jit.run(withJson);
        assertThat(json.exit()).isEqualTo(exit);
        assertThat(json.json().at("/error/code").asText()).isEqualTo(code);
        assertThat(json.json().at("/error/exit_code").asInt()).isEqualTo(exit);
    }
}
