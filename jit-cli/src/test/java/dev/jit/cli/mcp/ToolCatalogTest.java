package dev.jit.cli.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jit.cli.Main;
import dev.jit.cli.Schema;
import dev.jit.cli.support.CliEnv;
import dev.jit.core.error.ErrorCode;
import dev.jit.core.error.JitException;
import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ToolCatalogTest {
    private static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream());
    private static final Map<String, CommandTool> TOOLS = ToolCatalog.from(Schema.of(Main.commandLine(
                    new CliEnv(Path.of("."), Map.of(), NOWHERE, NOWHERE, new ByteArrayInputStream(new byte[0]), false))))
            .stream().collect(Collectors.toMap(CommandTool::name, Function.identity()));

    @Test
    void everyPropertyOfTheInputSchemaMapsToAnArgument() {
        TOOLS.values().forEach(tool -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> properties = (Map<String, Object>) tool.inputSchema().get("properties");
            assertThat(properties.keySet()).as(tool.name())
                    .containsExactlyInAnyOrderElementsOf(tool.params().stream().map(CommandTool.Param::property).toList());
            assertThat(tool.description()).as(tool.name()).isNotBlank();
        });
        assertThat(TOOLS).doesNotContainKeys("init", "lock", "backup", "mcp");
        assertThat(TOOLS.get("events_tail").params()).extracting(CommandTool.Param::property).doesNotContain("follow");
    }

    @Test
    void gateCheckersAreToolsWithTheirStoreEffects() {
        CommandTool check = TOOLS.get("gate_check");
        assertThat(check.readOnly()).isFalse(); // it records runs and decides gates
        assertThat(check.destructive()).isFalse();
        assertThat(check.commandLine(Map.of("id", "abcd", "gate_key", List.of("tests", "lint"))))
                .containsExactly("gate", "check", "--json", "--", "abcd", "tests", "lint");
        assertThat(TOOLS.get("gate_runs").readOnly()).isTrue();
        assertThat(TOOLS.get("gate_pass").params()).extracting(CommandTool.Param::property).contains("reason");
        assertThat(TOOLS.get("issue_update").params()).extracting(CommandTool.Param::property).contains("no_check");
        assertThat(TOOLS.get("registry_add").params()).extracting(CommandTool.Param::property)
                .contains("checker_command", "timeout", "env", "working_dir", "stage", "program");
    }

    @Test
    void valuesBecomeAttachedOptionsAndPositionalsFollowTheEndOfOptions() {
        assertThat(TOOLS.get("issue_create").commandLine(Map.of("title", "--json", "label", List.of("a:b", "c:d"))))
                .containsExactly("issue", "create", "--json", "--title=--json", "--label=a:b", "--label=c:d", "--");
        assertThat(TOOLS.get("dep_add").commandLine(Map.of("to_id", "-rf", "from_id", "abcd")))
                .containsExactly("dep", "add", "--json", "--", "abcd", "-rf");
        assertThat(TOOLS.get("issue_delete").commandLine(Map.of("id", List.of("a1b2", "c3d4"), "force", false)))
                .containsExactly("issue", "delete", "--json", "--force=false", "--", "a1b2", "c3d4");
        assertThat(TOOLS.get("events_query").commandLine(Map.of("limit", 5.0)))
                .containsExactly("events", "query", "--json", "--limit=5", "--");
        assertThat(TOOLS.get("issue_show").commandLine(Map.of("id", "abcd")))
                .as("a single value for a list is one element").isNotEmpty();
    }

    @Test
    void badArgumentsAreInvalidArgumentErrorsNamingTheProperty() {
        assertInvalid(() -> TOOLS.get("issue_create").commandLine(Map.of()), "title");
        assertInvalid(() -> TOOLS.get("issue_create").commandLine(Map.of("title", "x", "colour", "red")), "colour");
        assertInvalid(() -> TOOLS.get("issue_create").commandLine(Map.of("title", List.of("a", "b"))), "title");
        assertInvalid(() -> TOOLS.get("events_query").commandLine(Map.of("limit", 2.5)), "limit");
        assertInvalid(() -> TOOLS.get("issue_delete").commandLine(Map.of("force", "yes")), "force");
    }

    private static void assertInvalid(Runnable call, String property) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(JitException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
            assertThat(e.getMessage()).contains(property);
            assertThat(e.suggestions()).isNotEmpty();
        });
    }
}
