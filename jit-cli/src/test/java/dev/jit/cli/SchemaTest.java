package dev.jit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jit.cli.support.CliEnv;
import dev.jit.core.error.ErrorCode;
import dev.jit.core.model.State;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** {@code jit --schema} describes exactly the real command tree. */
class SchemaTest {
    @TempDir
    Path dir;

    @Test
    void schemaListsEveryCommandOptionAndPositional() {
        // No store needed, and anything after --schema is ignored (as in the reference).
        CliRunner.Result r = new CliRunner(dir).run("--schema", "issue", "list");
        assertThat(r.exit()).isZero();
        JsonNode schema = r.json();
        CommandLine full = Main.commandLine(new CliEnv(dir, Map.of(), System.out, System.err, System.in, false));
        assertThat(schema.get("commands").size()).isEqualTo(full.getSubcommands().size());
        List<String> checked = new ArrayList<>();
        full.getSubcommands().forEach((name, cmd) -> compare(schema.get("commands").get(name), cmd, checked));
        assertThat(checked).contains("graph export", "doc diff", "search", "issue update");
        assertThat(schema.get("global_options")).extracting(o -> o.get("name").asText()).contains("schema", "version", "help");
    }

    private static void compare(JsonNode node, CommandLine cmd, List<String> checked) {
        String name = cmd.getCommandSpec().qualifiedName().replaceFirst("^jit ", "");
        assertThat(node).as("schema entry for %s", name).isNotNull();
        assertThat(node.get("description").asText()).as(name).isNotBlank();
        if (!cmd.getSubcommands().isEmpty()) {
            assertThat(node.get("subcommands").size()).as(name).isEqualTo(cmd.getSubcommands().size());
            cmd.getSubcommands().forEach((sub, c) -> compare(node.get("subcommands").get(sub), c, checked));
            return;
        }
        checked.add(name);
        var spec = cmd.getCommandSpec();
        assertThat(node.get("positionals")).as(name).hasSize(spec.positionalParameters().size());
        assertThat(node.get("options")).as(name).hasSize(spec.options().size());
        for (OptionSpec opt : spec.options()) {
            JsonNode o = find(node.get("options"), opt.longestName().replaceFirst("^-+", ""));
            assertThat(o).as("%s %s", name, opt.longestName()).isNotNull();
            assertThat(o.get("names")).extracting(JsonNode::asText).containsExactly(opt.names());
            assertThat(o.get("required").asBoolean()).isEqualTo(opt.required());
            assertThat(o.get("repeatable").asBoolean()).isEqualTo(opt.isMultiValue());
            assertThat(o.get("description").asText()).as("%s %s", name, opt.longestName()).isNotBlank();
        }
        assertThat(find(node.get("options"), "json")).as(name).isNotNull();
    }

    private static JsonNode find(JsonNode array, String name) {
        for (JsonNode n : array) {
            if (n.get("name").asText().equals(name)) {
                return n;
            }
        }
        return null;
    }

    @Test
    void schemaCarriesTypesDefaultsAllowedValuesEnvelopeAndExitCodes() {
        JsonNode schema = new CliRunner(dir).run("--schema").json();
        JsonNode export = schema.at("/commands/graph/subcommands/export");
        JsonNode format = find(export.get("options"), "format");
        assertThat(format.get("default").asText()).isEqualTo("dot");
        assertThat(format.get("allowed_values")).extracting(JsonNode::asText).containsExactly("dot", "mermaid", "json");
        assertThat(format.get("description").asText()).doesNotContain("${");
        JsonNode state = find(export.get("options"), "state");
        assertThat(state.get("repeatable").asBoolean()).isTrue();
        assertThat(state.get("separator").asText()).isEqualTo(",");
        JsonNode context = find(schema.at("/commands/search/options"), "context");
        assertThat(context.get("type").asText()).isEqualTo("integer");
        assertThat(find(schema.at("/commands/search/options"), "regex").get("flag").asBoolean()).isTrue();
        JsonNode query = schema.at("/commands/search/positionals/0");
        assertThat(query.get("name").asText()).isEqualTo("query");
        assertThat(query.get("required").asBoolean()).isTrue();
        assertThat(schema.at("/commands/issue/subcommands/show/positionals/0/name").asText()).isEqualTo("id");

        assertThat(schema.at("/types/state")).extracting(JsonNode::asText).containsExactlyElementsOf(State.wireNames());
        assertThat(schema.at("/types/priority")).hasSize(4);
        assertThat(schema.at("/envelope/error_codes")).hasSize(ErrorCode.values().length);
        List<Integer> exitCodes = new ArrayList<>();
        schema.get("exit_codes").forEach(e -> exitCodes.add(e.get("code").asInt()));
        assertThat(exitCodes).containsExactly(0, 1, 2, 3, 4, 5, 6, 10);
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(exitCodes).as(code.name()).contains(code.exitCode());
        }
        assertThat(schema.at("/exit_codes/3/error_codes")).extracting(JsonNode::asText).contains("ISSUE_NOT_FOUND");
    }
}
