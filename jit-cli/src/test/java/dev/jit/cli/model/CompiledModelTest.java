package dev.jit.cli.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jit.cli.CommandTree;
import dev.jit.cli.support.CliEnv;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The generated command table the CLI runs on says exactly what the annotations say, for every command. */
class CompiledModelTest {
    private static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream());
    static final CliEnv ENV = new CliEnv(Path.of("."), Map.of(), NOWHERE, NOWHERE,
            new ByteArrayInputStream(new byte[0]), false);

    @Test
    void everyLeafCommandMatchesItsAnnotations() {
        Map<String, CommandModel> annotated = CompiledModel.leaves(CommandTree.full(ENV));
        assertThat(annotated).containsKeys("issue create", "issue update", "query ready", "graph export", "mcp", "lock")
                .hasSizeGreaterThan(40);
        annotated.forEach((path, model) -> assertThat(CompiledModel.command(path)).as(path).isEqualTo(model));
        assertThat(annotated.get("issue create").options()).extracting(CommandModel.Arg::field)
                .contains("json", "title", "description", "priority", "gates", "labels", "context");
    }

    @Test
    void groupsAndUnknownPathsHaveNoModel() {
        assertThat(CompiledModel.command("issue")).isNull();
        assertThat(CompiledModel.command("")).isNull();
        assertThat(CompiledModel.command("issue frobnicate")).isNull();
    }

    @Test
    void literalsSurviveTheRoundTripThroughJavaSource() {
        assertThat(CompiledModel.literal(null)).isEqualTo("null");
        assertThat(CompiledModel.literal("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(CompiledModel.literal("x\ny\tz")).isEqualTo("\"x\\012y\\011z\"");
        assertThat(CompiledModel.literal("é✓")).isEqualTo("\"\\u00e9\\u2713\"");
    }

    /** A command with something the direct parser cannot bind stays out of the table (picocli parses it). */
    @picocli.CommandLine.Command(name = "odd")
    static final class OddCommand extends dev.jit.cli.support.JitSubcommand {
        @picocli.CommandLine.Option(names = "--colour", negatable = true)
        boolean colour;

        @Override
        protected void run() {
        }
    }

    @picocli.CommandLine.Command(name = "dated")
    static final class DatedCommand extends dev.jit.cli.support.JitSubcommand {
        @picocli.CommandLine.Option(names = "--since")
        java.time.Instant since;

        @Override
        protected void run() {
        }
    }

    @Test
    void commandsWithUnsupportedArgumentsAreLeftToPicocli() {
        assertThat(CompiledModel.directlyBindable(new picocli.CommandLine(new OddCommand()).getCommandSpec())).isFalse();
        assertThat(CompiledModel.directlyBindable(new picocli.CommandLine(new DatedCommand()).getCommandSpec())).isFalse();
        assertThat(CompiledModel.directlyBindable(CommandTree.full(ENV).getSubcommands().get("issue").getSubcommands()
                .get("create").getCommandSpec())).isTrue();
    }
}
