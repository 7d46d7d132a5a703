package dev.jit.cli.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jit.cli.CommandTree;
import dev.jit.cli.support.CliEnv;
import dev.jit.cli.support.CommandFactory;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** The compiled model the CLI runs on says exactly what the annotations say, for every command. */
class CompiledModelTest {
    private static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream());
    private static final CliEnv ENV = new CliEnv(Path.of("."), Map.of(), NOWHERE, NOWHERE,
            new ByteArrayInputStream(new byte[0]), false);

    @Test
    void everyCommandMatchesItsAnnotations() {
        List<String> checked = new ArrayList<>();
        compare("", CommandTree.full(ENV), checked);
        assertThat(checked).contains("", "issue", "issue create", "issue update", "query ready", "graph export", "mcp")
                .hasSizeGreaterThan(50);
    }

    private static void compare(String path, CommandLine annotated, List<String> checked) {
        CommandSpec expected = annotated.getCommandSpec();
        CommandSpec compiled = CompiledModel.spec(path, new CommandFactory(ENV));
        assertThat(compiled).as("compiled model of '%s'", path).isNotNull();
        assertThat(compiled.name()).isEqualTo(expected.name());
        assertThat(compiled.userObject()).isInstanceOf(expected.userObject().getClass());
        List<OptionSpec> options = expected.options().stream().filter(o -> !o.usageHelp() && !o.versionHelp()).toList();
        assertThat(compiled.options()).as(path).hasSameSizeAs(options);
        for (OptionSpec o : options) {
            OptionSpec c = compiled.findOption(o.longestName());
            assertThat(c).as("%s %s", path, o.longestName()).isNotNull();
            assertThat(c.names()).containsExactly(o.names());
            sameArg(path + " " + o.longestName(), c, o);
        }
        assertThat(compiled.positionalParameters()).as(path).hasSameSizeAs(expected.positionalParameters());
        for (int k = 0; k < expected.positionalParameters().size(); k++) {
            PositionalParamSpec e = expected.positionalParameters().get(k);
            PositionalParamSpec c = compiled.positionalParameters().get(k);
            assertThat(c.index()).isEqualTo(e.index());
            sameArg(path + " " + e.paramLabel(), c, e);
        }
        checked.add(path);
        annotated.getSubcommands().forEach((name, sub) -> {
            if (name.equals(sub.getCommandName())) {
                compare(path.isEmpty() ? name : path + " " + name, sub, checked);
            }
        });
    }

    private static void sameArg(String what, ArgSpec compiled, ArgSpec annotated) {
        assertThat(compiled.type()).as(what).isEqualTo(annotated.type());
        assertThat(Arrays.asList(compiled.auxiliaryTypes())).as(what).isEqualTo(Arrays.asList(annotated.auxiliaryTypes()));
        assertThat(compiled.arity()).as(what).isEqualTo(annotated.arity());
        assertThat(compiled.splitRegex()).as(what).isEqualTo(annotated.splitRegex());
        assertThat(compiled.defaultValue()).as(what).isEqualTo(annotated.defaultValue());
        assertThat(compiled.required()).as(what).isEqualTo(annotated.required());
        assertThat(compiled.paramLabel()).as(what).isEqualTo(annotated.paramLabel());
        assertThat(compiled.hasInitialValue()).as(what).isTrue();
        assertThat(compiled.initialValue()).as(what).isEqualTo(annotated.initialValue());
    }
}
