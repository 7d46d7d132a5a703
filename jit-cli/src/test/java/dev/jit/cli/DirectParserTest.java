package dev.jit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jit.cli.model.CommandModel;
import dev.jit.cli.model.CommandModel.Arg;
import dev.jit.cli.model.CompiledModel;
import dev.jit.cli.model.DirectParser;
import dev.jit.cli.support.CliEnv;
import dev.jit.cli.support.JitSubcommand;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The fast path binds a command line exactly as picocli would, and leaves to picocli everything it does not
 * handle the same way.
 */
class DirectParserTest {
    private static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream());
    private static final CliEnv ENV = new CliEnv(Path.of("."), Map.of(), NOWHERE, NOWHERE,
            new ByteArrayInputStream(new byte[0]), false);
    private static final Map<String, CommandModel> MODELS = CompiledModel.leaves(CommandTree.full(ENV));

    /** Every option and positional of every command, in three spellings: both parsers set the same fields. */
    @Test
    void everyArgumentOfEveryCommandBindsAsWithPicocli() {
        for (CommandModel model : MODELS.values()) {
            for (int spelling = 0; spelling < 3; spelling++) {
                List<String> args = new ArrayList<>(List.of(model.path().split(" ")));
                List<String> positionals = positionals(model);
                if (spelling == 1) {
                    args.addAll(positionals);
                }
                for (Arg option : model.options()) {
                    args.addAll(optionArgs(option, spelling));
                }
                if (spelling == 0) {
                    args.addAll(positionals);
                } else if (spelling == 2) {
                    args.add("--");
                    args.addAll(positionals);
                }
                assertSameBinding(args.toArray(String[]::new));
            }
        }
    }

    @Test
    void commonCommandLinesBindAsWithPicocli() {
        for (String line : List.of(
                "query ready", "query ready --json", "query ready -f label:epic:auth", "issue list",
                "issue list --state ready,backlog --blocked -p high --label a:b --label c:d",
                "issue create --title T -d D --label a:b,c:d -l e:f --context k=v --context x=y=z --json",
                "issue create --title=T=U --priority=high --gate=tests,review",
                "issue create -t ✓_ünïcödé -d ''", "issue update abcd --state done --remove-label x --unset-context k",
                "issue update a b c --title New -p low", "issue delete a b --force", "issue show abcd --json",
                "issue claim-next agent:a --filter priority:high|critical", "issue release abcd reason",
                "search words", "search -- -leading-dash", "events tail -n 5", "events query --event-type x --limit 3",
                "graph export --format mermaid -o out.md", "lock -- git commit -m msg", "status --json",
                "dep add a b", "gate pass a tests", "registry add tests --title Tests",
                // @file expansion is off: both parsers take @words literally.
                "issue create --title @notes.txt", "issue show @/etc/passwd")) {
            String[] args = Arrays.stream(line.split(" ")).map(a -> a.equals("''") ? "" : a).toArray(String[]::new);
            assertSameBinding(args);
        }
    }

    @Test
    void linesPicocliRejectsAreLeftToPicocli() {
        for (String line : List.of(
                "issue show", "issue show a b", "issue create", "issue create --title", "issue create --bogus x -t T",
                "issue create -t A -t B", "issue list --json --json", "events tail -n ten", "events tail -n 99999999999",
                "lock", "lock --", "search")) {
            String[] args = line.split(" ");
            assertThat(direct(args)).as(line).isNull();
            assertThatThrownBy(() -> Main.commandLine(ENV).parseArgs(args)).as(line)
                    .isInstanceOf(CommandLine.ParameterException.class);
        }
    }

    @Test
    void unusualFormsAreLeftToPicocli() {
        for (String line : List.of(
                "issue create --title -x", "issue create -tTitle",
                "issue list --json=true", "events tail -n +5", "events tail -n 0x10", "issue create -t T --label a,,b",
                "issue create -t T --label a,\"b,c\"", "issue create -t T --label ,a", "search -")) {
            assertThat(direct(line.split(" "))).as(line).isNull();
        }
    }

    private static List<String> optionArgs(Arg option, int spelling) {
        String name = spelling == 0 ? option.names().get(0) : option.names().get(option.names().size() - 1);
        if (option.type().equals("boolean") || option.type().equals("java.lang.Boolean")) {
            return List.of(name);
        }
        List<String> values = switch (option.elementType()) {
            case "int", "long" -> List.of("7");
            case "java.nio.file.Path" -> List.of("out-" + option.field() + ".txt");
            default -> option.type().equals("java.util.List")
                    ? List.of(option.split() == null ? "a=" + option.field() : "a:" + option.field() + ",b", "c d")
                    : List.of("v " + option.field());
        };
        List<String> args = new ArrayList<>();
        for (String value : values) {
            if (spelling == 1 && name.startsWith("--")) {
                args.add(name + "=" + value);
            } else {
                args.add(name);
                args.add(value);
            }
        }
        return args;
    }

    private static List<String> positionals(CommandModel model) {
        List<String> words = new ArrayList<>();
        for (Arg p : model.positionals()) {
            words.addAll(p.type().equals("java.util.List") ? List.of("w1", "w 2", "w3") : List.of("p" + p.index()));
        }
        return words;
    }

    private static JitSubcommand direct(String[] args) {
        String path = CommandTree.leafPath(args);
        assertThat(path).as(String.join(" ", args)).isNotNull();
        int words = path.split(" ").length;
        return DirectParser.bind(MODELS.get(path), List.of(args).subList(words, args.length), ENV);
    }

    private static void assertSameBinding(String[] args) {
        String line = String.join(" ", args);
        JitSubcommand direct = direct(args);
        assertThat(direct).as("bound directly: %s", line).isNotNull();
        ParseResult parsed = Main.commandLine(ENV).parseArgs(args);
        while (parsed.hasSubcommand()) {
            parsed = parsed.subcommand();
        }
        Object expected = parsed.commandSpec().userObject();
        assertThat(direct).isExactlyInstanceOf(expected.getClass());
        CommandModel model = MODELS.get(CommandTree.leafPath(args));
        List<Arg> all = new ArrayList<>(model.options());
        all.addAll(model.positionals());
        for (Arg arg : all) {
            assertThat(value(direct, arg)).as("%s: %s", line, arg.field()).isEqualTo(value(expected, arg));
        }
    }

    private static Object value(Object command, Arg arg) {
        try {
            Field field = Class.forName(arg.declaringClass()).getDeclaredField(arg.field());
            field.setAccessible(true);
            return field.get(command);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
