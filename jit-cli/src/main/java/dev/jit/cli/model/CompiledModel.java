package dev.jit.cli.model;

import dev.jit.cli.CommandTree;
import dev.jit.cli.support.CliEnv;
import dev.jit.cli.support.JitSubcommand;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The command model compiled into code. Reading picocli's annotations and building its model is most of a
 * short command's cost, so the build turns the annotated leaf commands into a generated class,
 * {@value #TABLE}, that hands out one {@link CommandModel} per command path; {@link DirectParser} binds a
 * command line with it. A class, not a resource file: the JVM maps it from the class-data-sharing archive,
 * while finding a resource in the jar costs a cold process over 10 ms. The annotations stay the one source
 * of truth: the table is derived from them, help, errors and {@code --schema} still use them, and
 * {@code CompiledModelTest} checks that both agree for every command.
 */
public final class CompiledModel {
    /** The generated class. */
    static final String TABLE = "dev.jit.cli.model.CommandTable";

    /** What the generated class implements. */
    public interface Table {
        /** The model of the leaf command at {@code path}, or null. */
        CommandModel command(String path);
    }

    private CompiledModel() {
    }

    /**
     * The model of the leaf command at {@code path} ("issue create"), or null: no such leaf, or a build that
     * did not generate the table (then every command goes through picocli).
     */
    public static CommandModel command(String path) {
        try {
            Table table = (Table) Class.forName(TABLE).getDeclaredConstructor().newInstance();
            return table.command(path);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    /** Build step: writes the table's Java source, from the annotations, under the source root {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0], TABLE.replace('.', '/') + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source(leaves(CommandTree.full(CliEnv.system()))), StandardCharsets.UTF_8);
    }

    /** Every leaf command below {@code root}, by path, as the annotations describe it. */
    public static Map<String, CommandModel> leaves(CommandLine root) {
        Map<String, CommandModel> out = new LinkedHashMap<>();
        collect("", root, out);
        return out;
    }

    private static void collect(String path, CommandLine command, Map<String, CommandModel> out) {
        CommandSpec spec = command.getCommandSpec();
        if (spec.userObject() instanceof JitSubcommand && directlyBindable(spec)) {
            List<CommandModel.Arg> options = new ArrayList<>();
            for (OptionSpec o : spec.options()) {
                if (!o.usageHelp() && !o.versionHelp()) {
                    options.add(arg(List.of(o.names()), null, o));
                }
            }
            List<CommandModel.Arg> positionals = new ArrayList<>();
            for (PositionalParamSpec p : spec.positionalParameters()) {
                positionals.add(arg(List.of(), p.index().toString(), p));
            }
            out.put(path, new CommandModel(path, spec.userObject().getClass().getName(), options, positionals));
        }
        command.getSubcommands().forEach((name, sub) -> {
            if (name.equals(sub.getCommandName())) { // aliases name the same command again
                collect(path.isEmpty() ? name : path + " " + name, sub, out);
            }
        });
    }

    /**
     * Whether every argument of {@code spec} is one {@link DirectParser} binds exactly as picocli would. A
     * command with anything else (a custom converter, a negatable or interactive option, a fallback value, an
     * interpolated default, another type) stays out of the table, so picocli always parses it.
     */
    static boolean directlyBindable(CommandSpec spec) {
        List<ArgSpec> args = new ArrayList<>(spec.options());
        args.addAll(spec.positionalParameters());
        for (ArgSpec arg : args) {
            boolean plainOption = !(arg instanceof OptionSpec o)
                    || !o.negatable() && (o.fallbackValue() == null || o.fallbackValue().isEmpty());
            boolean plainDefault = arg.defaultValue() == null || !arg.defaultValue().contains("${");
            boolean plainType = DirectParser.TYPES.contains(arg.type().getName())
                    && (arg.type() != List.class || arg.auxiliaryTypes()[0] == String.class);
            if (arg.converters().length > 0 || arg.interactive() || !plainOption || !plainDefault
                    || !plainType && !(arg instanceof OptionSpec o && (o.usageHelp() || o.versionHelp()))) {
                return false;
            }
        }
        return true;
    }

    private static CommandModel.Arg arg(List<String> names, String index, ArgSpec arg) {
        if (!(arg.userObject() instanceof Field field)) {
            throw new IllegalStateException("only annotated fields are supported: " + arg);
        }
        Class<?>[] aux = arg.auxiliaryTypes();
        return new CommandModel.Arg(names, index, field.getDeclaringClass().getName(), field.getName(),
                arg.type().getName(), aux.length == 1 ? aux[0].getName() : arg.type().getName(),
                arg.arity().isUnspecified() ? null : arg.arity().toString(),
                arg.splitRegex().isEmpty() ? null : arg.splitRegex(), arg.defaultValue(), arg.required());
    }

    /** The Java source of the table class for {@code commands}. */
    static String source(Map<String, CommandModel> commands) {
        StringBuilder s = new StringBuilder();
        s.append("// Generated at build time by ").append(CompiledModel.class.getName())
                .append(" from the command annotations. Do not edit.\n")
                .append("package dev.jit.cli.model;\n\n")
                .append("import dev.jit.cli.model.CommandModel.Arg;\n")
                .append("import java.util.List;\n\n")
                .append("final class CommandTable implements CompiledModel.Table {\n")
                .append("    @Override\n")
                .append("    public CommandModel command(String path) {\n")
                .append("        switch (path) {\n");
        for (CommandModel c : commands.values()) {
            s.append("            case ").append(literal(c.path())).append(":\n")
                    .append("                return new CommandModel(").append(literal(c.path())).append(", ")
                    .append(literal(c.type())).append(",\n");
            args(s, c.options());
            s.append(",\n");
            args(s, c.positionals());
            s.append(");\n");
        }
        return s.append("            default:\n")
                .append("                return null;\n")
                .append("        }\n")
                .append("    }\n")
                .append("}\n").toString();
    }

    private static void args(StringBuilder s, List<CommandModel.Arg> args) {
        s.append("                        List.of(");
        for (int k = 0; k < args.size(); k++) {
            CommandModel.Arg a = args.get(k);
            s.append(k == 0 ? "\n" : ",\n").append("                                new Arg(List.of(");
            for (int n = 0; n < a.names().size(); n++) {
                s.append(n == 0 ? "" : ", ").append(literal(a.names().get(n)));
            }
            s.append("), ").append(literal(a.index())).append(", ").append(literal(a.declaringClass()))
                    .append(", ").append(literal(a.field())).append(", ").append(literal(a.type()))
                    .append(", ").append(literal(a.elementType())).append(", ").append(literal(a.arity()))
                    .append(", ").append(literal(a.split())).append(", ").append(literal(a.defaultValue()))
                    .append(", ").append(a.required()).append(")");
        }
        s.append(")");
    }

    /** {@code value} as a Java expression: a string literal, or null. */
    static String literal(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder s = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                s.append('\\').append(c);
            } else if (c < 0x20) {
                s.append(String.format("\\%03o", (int) c)); // octal: a unicode escape of a line break would end the line
            } else if (c > 0x7e) {
                s.append(String.format("\\u%04x", (int) c));
            } else {
                s.append(c);
            }
        }
        return s.append('"').toString();
    }
}
