package dev.jit.cli.model;

import dev.jit.cli.JitCommand;
import dev.jit.cli.support.JitSubcommand;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IAnnotatedElement;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.ScopeType;

/**
 * Build step: turns the command classes' picocli annotations, as picocli itself reads them, into Java code that
 * builds the same {@link CommandSpec} tree through picocli's programmatic API, so a run reads no annotation (the
 * reflection, annotation parsing and proxy classes that made up most of a short command's start-up). It writes
 * {@value #SPEC} and, in every package that declares an annotated field, a {@code CompiledFields} class that reads
 * and writes those (package-private) fields directly. The annotations stay the one source of truth;
 * {@code CompiledSpecTest} checks the generated tree against the annotation-built one for every command.
 */
public final class SpecGenerator {
    /** The generated class that builds the tree. */
    static final String SPEC = "dev.jit.cli.model.CompiledSpec";
    private static final String FIELDS = "CompiledFields";
    /** The usage-message attributes a command may set; the generated code sets those that differ from picocli's. */
    private static final List<String> USAGE_ATTRIBUTES = List.of("description", "header", "headerHeading",
            "synopsisHeading", "synopsisSubcommandLabel", "customSynopsis", "descriptionHeading",
            "parameterListHeading", "optionListHeading", "commandListHeading", "footerHeading", "footer",
            "exitCodeListHeading", "abbreviateSynopsis", "sortOptions", "sortSynopsis", "showDefaultValues",
            "showAtFileInUsageHelp", "showEndOfOptionsDelimiterInUsageHelp", "hidden", "requiredOptionMarker",
            "width", "autoWidth", "longOptionsMaxWidth", "adjustLineBreaksForWideCJKCharacters");

    /** Per package, the annotated fields in the order their accessor numbers them. */
    private final Map<String, List<Field>> fields = new LinkedHashMap<>();
    private final StringBuilder methods = new StringBuilder();
    /** The classes of the allowed-value lists, in the order the generated {@code Candidates} numbers them. */
    private final List<String> candidates = new ArrayList<>();

    private SpecGenerator() {
    }

    /** Writes the generated sources under the source root {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        SpecGenerator generator = new SpecGenerator();
        String spec = generator.specSource(annotated());
        Path root = Path.of(args[0]);
        write(root, SPEC, spec);
        for (Map.Entry<String, List<Field>> e : generator.fields.entrySet()) {
            write(root, e.getKey() + "." + FIELDS, fieldsSource(e.getKey(), e.getValue()));
        }
    }

    /**
     * The command tree as picocli builds it from the annotations, with variables left unexpanded (as written in
     * the annotations: the generated tree expands them at run time, exactly as the annotated one would).
     */
    public static CommandLine annotated() {
        CommandLine root = new CommandLine(new JitCommand());
        root.setInterpolateVariables(false);
        return root;
    }

    private static void write(Path root, String className, String source) throws IOException {
        Path file = root.resolve(className.replace('.', '/') + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source, StandardCharsets.UTF_8);
    }

    private String specSource(CommandLine root) {
        command(root, "jit");
        return "// Generated at build time by " + SpecGenerator.class.getName() + " from the command annotations."
                + " Do not edit.\n"
                + "package dev.jit.cli.model;\n\n"
                + "import dev.jit.cli.support.CliEnv;\n"
                + "import picocli.CommandLine.Model.CommandSpec;\n"
                + "import picocli.CommandLine.Model.OptionSpec;\n"
                + "import picocli.CommandLine.Model.PositionalParamSpec;\n"
                + "import picocli.CommandLine.Model.UsageMessageSpec;\n\n"
                + "/** The command tree, as the annotations declare it, built without reading them. */\n"
                + "public final class CompiledSpec implements CompiledCommands {\n"
                + "    @Override\n"
                + "    public CommandSpec root(CliEnv env, String[] named) {\n"
                + "        return jit(env, named);\n"
                + "    }\n\n"
                + "    private static boolean named(String[] named, String... names) {\n"
                + "        if (named == null) {\n"
                + "            return true;\n"
                + "        }\n"
                + "        for (String word : named) {\n"
                + "            for (String name : names) {\n"
                + "                if (word.equals(name)) {\n"
                + "                    return true;\n"
                + "                }\n"
                + "            }\n"
                + "        }\n"
                + "        return false;\n"
                + "    }\n"
                + methods
                + candidatesSource()
                + "}\n";
    }

    /**
     * The allowed values of an option, created when first listed (help, the schema): creating them costs a
     * lambda and a stream, which no parse needs.
     */
    private String candidatesSource() {
        StringBuilder cases = new StringBuilder();
        for (int k = 0; k < candidates.size(); k++) {
            cases.append("                case ").append(k).append(":\n")
                    .append("                    return new ").append(candidates.get(k)).append("().iterator();\n");
        }
        return "\n    private static final class Candidates implements Iterable<String> {\n"
                + "        private final int list;\n\n"
                + "        Candidates(int list) {\n"
                + "            this.list = list;\n"
                + "        }\n\n"
                + "        @Override\n"
                + "        public java.util.Iterator<String> iterator() {\n"
                + "            switch (list) {\n" + cases
                + "                default:\n"
                + "                    throw new IllegalStateException(\"no list \" + list);\n"
                + "            }\n"
                + "        }\n"
                + "    }\n";
    }

    /** Appends the method that builds {@code cmd} (named {@code method}) and, recursively, its subcommands'. */
    private void command(CommandLine cmd, String method) {
        CommandSpec spec = cmd.getCommandSpec();
        unsupported(!spec.argGroups().isEmpty() || !spec.unmatchedArgsBindings().isEmpty()
                || spec.mixins().size() > (spec.mixinStandardHelpOptions() ? 1 : 0) || spec.helpCommand()
                || spec.subcommandsRepeatable(), spec, "argument groups, mixins, unmatched or repeatable commands");
        Class<?> type = spec.userObject().getClass();
        StringBuilder s = new StringBuilder();
        s.append("\n    private static CommandSpec ").append(method).append("(CliEnv env, String[] named) {\n")
                .append("        ").append(type.getCanonicalName()).append(" command = new ")
                .append(type.getCanonicalName()).append("();\n");
        if (JitSubcommand.class.isAssignableFrom(type)) {
            s.append("        command.bind(env);\n");
        }
        s.append("        CommandSpec spec = CommandSpec.wrapWithoutInspection(command);\n")
                .append("        spec.name(").append(literal(spec.name())).append(");\n");
        if (spec.aliases().length > 0) {
            s.append("        spec.aliases(").append(literals(spec.aliases())).append(");\n");
        }
        if (spec.versionProvider() != null) {
            s.append("        spec.versionProvider(new ").append(instantiable(spec.versionProvider().getClass()))
                    .append("());\n");
        } else if (spec.version().length > 0) {
            s.append("        spec.version(").append(literals(spec.version())).append(");\n");
        }
        usage(s, spec.usageMessage());
        for (OptionSpec option : spec.options()) {
            s.append("        spec.addOption(OptionSpec.builder(").append(literals(names(option))).append(")");
            if (option.usageHelp()) {
                s.append(".usageHelp(true)");
            }
            if (option.versionHelp()) {
                s.append(".versionHelp(true)");
            }
            unsupported(option.negatable() || !option.fallbackValue().isEmpty(), option, "negatable or fallback value");
            arg(s, option);
            s.append(".build());\n");
        }
        for (PositionalParamSpec positional : spec.positionalParameters()) {
            s.append("        spec.addPositional(PositionalParamSpec.builder()");
            if (!positional.index().isUnspecified()) {
                s.append(".index(").append(literal(positional.index().toString())).append(")");
            }
            arg(s, positional);
            s.append(".build());\n");
        }
        for (IAnnotatedElement element : spec.specElements()) { // @Spec fields get the command's own spec
            s.append("        ").append(accessor((Field) element.userObject())).append(".set(spec);\n");
        }
        List<String[]> subcommands = new ArrayList<>();
        cmd.getSubcommands().forEach((name, sub) -> {
            if (name.equals(sub.getCommandName())) { // aliases name the same command again
                subcommands.add(new String[]{name, method.equals("jit") ? javaName(name) : method + "_" + javaName(name)});
            }
        });
        for (String[] sub : subcommands) {
            CommandSpec subSpec = cmd.getSubcommands().get(sub[0]).getCommandSpec();
            List<String> names = new ArrayList<>(List.of(subSpec.name()));
            names.addAll(List.of(subSpec.aliases()));
            s.append("        if (named(named, ").append(literals(names.toArray(String[]::new))).append(")) {\n")
                    .append("            spec.addSubcommand(").append(literal(sub[0])).append(", ").append(sub[1])
                    .append("(env, named));\n")
                    .append("        }\n");
        }
        s.append("        return spec;\n    }\n");
        methods.append(s);
        for (String[] sub : subcommands) {
            command(cmd.getSubcommands().get(sub[0]), sub[1]);
        }
    }

    /**
     * The option's names as a run sees them: the standard help options' names are variables, expanded when the
     * option joins its command (so the generated code names them as expanded).
     */
    private static String[] names(OptionSpec option) {
        CommandSpec spec = option.command();
        spec.interpolateVariables(true);
        String[] names = option.names();
        spec.interpolateVariables(false);
        return names;
    }

    /** The usage-message attributes of {@code usage} that differ from picocli's defaults. */
    private static void usage(StringBuilder s, UsageMessageSpec usage) {
        UsageMessageSpec defaults = new UsageMessageSpec();
        unsupported(!usage.exitCodeList().isEmpty(), usage, "exit code lists");
        StringBuilder set = new StringBuilder();
        for (String attribute : USAGE_ATTRIBUTES) {
            try {
                Method getter = UsageMessageSpec.class.getMethod(attribute);
                Object value = getter.invoke(usage);
                if (!Objects.deepEquals(value, getter.invoke(defaults))) {
                    set.append("        usage.").append(attribute).append("(").append(value(value)).append(");\n");
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("picocli has no usage attribute " + attribute, e);
            }
        }
        if (set.length() > 0) {
            s.append("        UsageMessageSpec usage = spec.usageMessage();\n").append(set);
        }
    }

    /** The builder calls shared by options and positional parameters. */
    private void arg(StringBuilder s, ArgSpec arg) {
        unsupported(arg.converters().length > 0 || arg.interactive() || arg.parameterConsumer() != null
                || arg.preprocessor() != null && !arg.preprocessor().getClass().getName().startsWith("picocli.")
                || arg.group() != null || arg.inherited() || arg.scopeType() != ScopeType.LOCAL, arg,
                "converters, interactive or inherited arguments, consumers, groups");
        s.append(".type(").append(arg.type().getCanonicalName()).append(".class)");
        if (arg.auxiliaryTypes().length > 0 && !(arg.auxiliaryTypes().length == 1 && arg.auxiliaryTypes()[0] == arg.type())) {
            s.append(".auxiliaryTypes(");
            for (int k = 0; k < arg.auxiliaryTypes().length; k++) {
                s.append(k == 0 ? "" : ", ").append(arg.auxiliaryTypes()[k].getCanonicalName()).append(".class");
            }
            s.append(")");
        }
        if (!arg.arity().isUnspecified()) {
            s.append(".arity(").append(literal(arg.arity().toString())).append(")");
        }
        s.append(".required(").append(arg.required()).append(")");
        s.append(".paramLabel(").append(literal(arg.paramLabel())).append(")");
        if (arg.hideParamSyntax()) {
            s.append(".hideParamSyntax(true)");
        }
        if (arg.hidden()) {
            s.append(".hidden(true)");
        }
        if (!arg.splitRegex().isEmpty()) {
            s.append(".splitRegex(").append(literal(arg.splitRegex())).append(")");
        }
        if (!arg.splitRegexSynopsisLabel().isEmpty()) {
            s.append(".splitRegexSynopsisLabel(").append(literal(arg.splitRegexSynopsisLabel())).append(")");
        }
        if (arg.showDefaultValue() != Visibility.ON_DEMAND) {
            s.append(".showDefaultValue(picocli.CommandLine.Help.Visibility.").append(arg.showDefaultValue()).append(")");
        }
        if (arg.defaultValue() != null) {
            s.append(".defaultValue(").append(literal(arg.defaultValue())).append(")");
        }
        s.append(".description(").append(literals(arg.description())).append(")");
        if (arg.completionCandidates() != null) {
            String type = instantiable(arg.completionCandidates().getClass());
            if (!candidates.contains(type)) {
                candidates.add(type);
            }
            s.append(".completionCandidates(new Candidates(").append(candidates.indexOf(type)).append("))");
        }
        if (arg.userObject() instanceof Field field && !field.getDeclaringClass().getName().startsWith("picocli.")) {
            // The field's value in a new command (a list, a number) is what picocli resets it to before parsing.
            String accessor = accessor(field);
            s.append(".getter(").append(accessor).append(").setter(").append(accessor).append(").initialValue(")
                    .append(accessor).append(".value())");
        } else { // the standard help options (a mixin's fields): picocli keeps their value in the spec
            s.append(".initialValue(").append(value(arg.initialValue())).append(")");
        }
    }

    /** Code that creates the accessor of {@code field} on {@code command}, numbering the field in its package. */
    private String accessor(Field field) {
        unsupported(Modifier.isPrivate(field.getModifiers()) || Modifier.isFinal(field.getModifiers()), field,
                "private or final fields (the generated accessor sets them from the same package)");
        String pkg = field.getDeclaringClass().getPackageName();
        List<Field> known = fields.computeIfAbsent(pkg, p -> new ArrayList<>());
        if (!known.contains(field)) {
            known.add(field);
        }
        return "new " + pkg + "." + FIELDS + "(command, " + known.indexOf(field) + ")";
    }

    private static String fieldsSource(String pkg, List<Field> fields) {
        StringBuilder get = new StringBuilder();
        StringBuilder set = new StringBuilder();
        for (int k = 0; k < fields.size(); k++) {
            Field f = fields.get(k);
            String target = "((" + f.getDeclaringClass().getCanonicalName() + ") command)." + f.getName();
            get.append("            case ").append(k).append(":\n")
                    .append("                return ").append(target).append(";\n");
            set.append("            case ").append(k).append(":\n")
                    .append("                ").append(target).append(" = (").append(boxed(f.getType()).getCanonicalName())
                    .append(") value;\n")
                    .append("                break;\n");
        }
        return "// Generated at build time by " + SpecGenerator.class.getName() + " from the command annotations."
                + " Do not edit.\n"
                + "package " + pkg + ";\n\n"
                + "import picocli.CommandLine.Model.IGetter;\n"
                + "import picocli.CommandLine.Model.ISetter;\n\n"
                + "/** Reads and writes the annotated fields of this package's commands for picocli, without reflection. */\n"
                + "public final class " + FIELDS + " implements IGetter, ISetter {\n"
                + "    private final Object command;\n"
                + "    private final int field;\n\n"
                + "    public " + FIELDS + "(Object command, int field) {\n"
                + "        this.command = command;\n"
                + "        this.field = field;\n"
                + "    }\n\n"
                + "    /** The field's current value. */\n"
                + "    public Object value() {\n"
                + "        switch (field) {\n" + get
                + "            default:\n"
                + "                throw new IllegalStateException(\"no field \" + field);\n"
                + "        }\n"
                + "    }\n\n"
                + "    @Override\n"
                + "    @SuppressWarnings(\"unchecked\")\n"
                + "    public <T> T get() {\n"
                + "        return (T) value();\n"
                + "    }\n\n"
                + "    @Override\n"
                + "    @SuppressWarnings({\"unchecked\", \"rawtypes\"})\n"
                + "    public <T> T set(T value) {\n"
                + "        Object old = value();\n"
                + "        switch (field) {\n" + set
                + "            default:\n"
                + "                throw new IllegalStateException(\"no field \" + field);\n"
                + "        }\n"
                + "        return (T) old;\n"
                + "    }\n"
                + "}\n";
    }

    private static Class<?> boxed(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return switch (type.getName()) {
            case "boolean" -> Boolean.class;
            case "int" -> Integer.class;
            case "long" -> Long.class;
            default -> throw new IllegalStateException("unsupported field type " + type);
        };
    }

    /** The name of a class the generated code can instantiate with {@code new}. */
    private static String instantiable(Class<?> type) {
        unsupported(!Modifier.isPublic(type.getModifiers()) || type.getCanonicalName() == null, type,
                "classes the generated code cannot instantiate");
        return type.getCanonicalName();
    }

    private static String javaName(String commandName) {
        return commandName.replace('-', '_');
    }

    private static void unsupported(boolean condition, Object what, String feature) {
        if (condition) {
            throw new IllegalStateException("the compiled command model does not support " + feature + ": " + what);
        }
    }

    /** {@code value} (a string, string array, boolean, number or character) as a Java expression. */
    private static String value(Object value) {
        if (value == null || value instanceof String) {
            return literal((String) value);
        }
        if (value instanceof String[] array) {
            return literals(array);
        }
        if (value instanceof Boolean || value instanceof Integer) {
            return value.toString();
        }
        if (value instanceof Character c) {
            return c == '\'' || c == '\\' ? "'\\" + c + "'" : c < 0x20 || c > 0x7e ? String.format("'\\u%04x'", (int) c) : "'" + c + "'";
        }
        throw new IllegalStateException("unsupported attribute value " + value);
    }

    private static String literals(String[] values) {
        StringBuilder s = new StringBuilder("new String[]{");
        for (int k = 0; k < values.length; k++) {
            s.append(k == 0 ? "" : ", ").append(literal(values[k]));
        }
        return s.append("}").toString();
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
