package dev.jit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.jit.cli.support.CliEnv;
import dev.jit.core.json.Json;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * The command model the CLI runs on, generated at build time, is the model picocli builds from the annotations:
 * the same commands, arguments, help and schema, and every command line parses to the same field values (or
 * fails with the same message) with both, whether the parser holds every command or only those a line names.
 */
class CompiledSpecTest {
    private static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream());
    private static final CliEnv ENV = new CliEnv(Path.of("."), Map.of(), NOWHERE, NOWHERE,
            new ByteArrayInputStream(new byte[0]), false);

    private static CommandLine annotated() {
        return Main.configured(new CommandLine(new JitCommand()));
    }

    private static Map<String, CommandLine> byPath(CommandLine root) {
        Map<String, CommandLine> out = new LinkedHashMap<>();
        collect(root, out);
        return out;
    }

    private static void collect(CommandLine cmd, Map<String, CommandLine> out) {
        out.put(cmd.getCommandSpec().qualifiedName(), cmd);
        cmd.getSubcommands().forEach((name, sub) -> {
            if (name.equals(sub.getCommandName())) {
                collect(sub, out);
            }
        });
    }

    @Test
    void everyCommandHasTheAnnotatedModelHelpAndSchema() {
        Map<String, CommandLine> expected = byPath(annotated());
        Map<String, CommandLine> compiled = byPath(Main.commandLine(ENV));
        assertThat(compiled.keySet()).containsExactlyElementsOf(expected.keySet()).hasSizeGreaterThan(50)
                .contains("jit issue create", "jit dep rm", "jit graph export", "jit mcp");
        expected.forEach((path, cmd) -> {
            CommandLine other = compiled.get(path);
            assertThat(describe(other.getCommandSpec())).as(path).isEqualTo(describe(cmd.getCommandSpec()));
            assertThat(other.getSubcommands().keySet()).as(path).containsExactlyElementsOf(cmd.getSubcommands().keySet());
            assertThat(other.getUsageMessage(Ansi.OFF)).as("%s --help", path).isEqualTo(cmd.getUsageMessage(Ansi.OFF));
        });
        assertThat(Json.pretty(Schema.of(Main.commandLine(ENV)))).isEqualTo(Json.pretty(Schema.of(annotated())));
    }

    /** What picocli knows of a command, as comparable text. */
    private static List<String> describe(CommandSpec spec) {
        List<String> out = new ArrayList<>();
        out.add("name " + spec.name() + " aliases " + Arrays.toString(spec.aliases()) + " version "
                + Arrays.toString(spec.version()) + " user object " + spec.userObject().getClass().getName());
        var usage = spec.usageMessage();
        out.add("usage " + Arrays.toString(usage.description()) + Arrays.toString(usage.footer()) + usage.footerHeading()
                + Arrays.toString(usage.header()) + usage.sortOptions() + usage.showDefaultValues() + usage.hidden()
                + usage.abbreviateSynopsis() + Arrays.toString(usage.customSynopsis()));
        for (OptionSpec o : spec.options()) {
            out.add("option " + Arrays.toString(o.names()) + " help " + o.usageHelp() + o.versionHelp() + arg(o));
        }
        for (PositionalParamSpec p : spec.positionalParameters()) {
            out.add("positional " + p.index() + " " + p.index().isUnspecified() + arg(p));
        }
        return out;
    }

    private static String arg(ArgSpec a) {
        List<String> candidates = new ArrayList<>();
        if (a.completionCandidates() != null) {
            a.completionCandidates().forEach(candidates::add);
        }
        return " arity " + a.arity() + " " + a.arity().isUnspecified() + " type " + a.type().getName() + " "
                + Arrays.toString(a.auxiliaryTypes()) + " required " + a.required() + " default " + a.defaultValue()
                + " initial " + a.initialValue() + " label " + a.paramLabel() + " split " + a.splitRegex()
                + " hidden " + a.hidden() + " description " + Arrays.toString(a.description()) + " values "
                + candidates + " show default " + a.showDefaultValue();
    }

    /** Every option and positional of every command, in three spellings. */
    @Test
    void everyArgumentOfEveryCommandParsesAsAnnotated() {
        byPath(annotated()).forEach((path, cmd) -> {
            CommandSpec spec = cmd.getCommandSpec();
            if (!cmd.getSubcommands().isEmpty() || path.equals("jit")) {
                return;
            }
            for (int spelling = 0; spelling < 3; spelling++) {
                List<String> args = new ArrayList<>(List.of(path.substring(4).split(" ")));
                List<String> positionals = new ArrayList<>();
                for (PositionalParamSpec p : spec.positionalParameters()) {
                    positionals.addAll(p.isMultiValue() ? List.of("w1", "w 2", "w3") : List.of("p" + p.index()));
                }
                if (spelling == 1) {
                    args.addAll(positionals);
                }
                for (OptionSpec option : spec.options()) {
                    if (!option.usageHelp() && !option.versionHelp()) {
                        args.addAll(optionArgs(option, spelling));
                    }
                }
                if (spelling == 0) {
                    args.addAll(positionals);
                } else if (spelling == 2) {
                    args.add("--");
                    args.addAll(positionals);
                }
                assertSameParse(args.toArray(String[]::new));
            }
        });
    }

    @Test
    void commonUnusualAndRejectedCommandLinesParseAsAnnotated() {
        for (String line : List.of(
                "query ready", "query ready --json", "query ready -f label:epic:auth", "issue list",
                "issue list --state ready,backlog --blocked true -p high --label a:b --label c:d",
                "issue create --title T -d D --label a:b,c:d -l e:f --context k=v --context x=y=z --json",
                "issue create --title=T=U --priority=high --gate=tests,review",
                "issue create -t ✓_ünïcödé -d ''", "issue update abcd --state done --remove-label x --unset-context k",
                "issue update a b c --title New -p low", "issue delete a b --force", "issue show abcd --json",
                "issue claim-next agent:a --filter priority:high|critical", "issue release abcd reason",
                "search words", "search -- -leading-dash", "events tail -n 5", "events query --event-type x --limit 3",
                "graph export --format mermaid -o out.md", "lock -- git commit -m msg", "status --json",
                "dep add a b", "dep remove a b", "registry rm tests", "gate pass a tests", "registry add tests --title Tests",
                // @file expansion is off: @words are words.
                "issue create --title @notes.txt", "issue show @/etc/passwd",
                // An option's value may start with '-'.
                "issue create --title -x", "issue create --title --json", "issue create -tTitle",
                "issue list --json=true", "events tail -n +5", "issue create -t T --label a,,b",
                "issue create -t T --label a,\"b,c\"", "issue create -t T --label ,a", "search -",
                // Rejected, with the same message.
                "issue show", "issue show a b", "issue create", "issue create --title", "issue create --bogus x -t T",
                "issue create -t A -t B", "issue list --json --json", "events tail -n ten", "events tail -n 99999999999",
                "events tail -n 0x10", "lock", "lock --", "search", "issue creat", "isue list", "issue", "--bogus",
                "issue --help", "--version", "issue create --help", "")) {
            String[] args = line.isEmpty() ? new String[0]
                    : Arrays.stream(line.split(" ")).map(a -> a.equals("''") ? "" : a).toArray(String[]::new);
            assertSameParse(args);
        }
    }

    private static List<String> optionArgs(OptionSpec option, int spelling) {
        String name = spelling == 0 ? option.names()[0] : option.longestName();
        if (option.arity().max() == 0) {
            return List.of(name);
        }
        Class<?> type = option.isMultiValue() ? option.auxiliaryTypes()[0] : option.type();
        List<String> values;
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            values = List.of("7");
        } else if (type == Boolean.class) {
            values = List.of("true");
        } else if (type == Path.class) {
            values = List.of("out-" + option.paramLabel() + ".txt");
        } else if (option.isMultiValue()) {
            values = List.of(option.splitRegex().isEmpty() ? "a=" + name : "a:" + name + ",b", "c d");
        } else {
            values = List.of("v " + name);
        }
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

    /** Both models, the compiled one with every command and with those the line names, parse {@code args} alike. */
    private static void assertSameParse(String[] args) {
        String line = String.join(" ", args);
        String expected = parse(annotated(), args);
        assertThat(parse(Main.commandLine(ENV), args)).as(line).isEqualTo(expected);
        assertThat(parse(Main.configured(new CommandLine(dev.jit.cli.model.CompiledCommands.load().root(ENV, args))),
                args)).as("named only: %s", line).isEqualTo(expected);
    }

    /** The parsed leaf command's argument values, or the parse error. */
    private static String parse(CommandLine cli, String[] args) {
        Throwable error = catchThrowable(() -> cli.parseArgs(args));
        if (error != null) {
            assertThat(error).isInstanceOf(CommandLine.ParameterException.class);
            return "error: " + error.getMessage();
        }
        ParseResult parsed = cli.getParseResult();
        StringBuilder s = new StringBuilder();
        for (ParseResult level = parsed; level != null; level = level.subcommand()) {
            CommandSpec spec = level.commandSpec();
            s.append(spec.qualifiedName()).append(" help ").append(level.isUsageHelpRequested())
                    .append(level.isVersionHelpRequested()).append('\n');
            List<ArgSpec> all = new ArrayList<>(spec.options());
            all.addAll(spec.positionalParameters());
            for (ArgSpec arg : all) {
                String name = arg instanceof OptionSpec o ? o.longestName()
                        : ((PositionalParamSpec) arg).index() + " " + arg.paramLabel();
                s.append("  ").append(name).append(" = ").append(String.valueOf((Object) arg.getValue())).append('\n');
            }
        }
        return s.toString();
    }
}
