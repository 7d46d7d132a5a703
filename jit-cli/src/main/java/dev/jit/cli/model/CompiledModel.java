package dev.jit.cli.model;

import dev.jit.cli.CommandTree;
import dev.jit.cli.support.CliEnv;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The command model as data, written at build time from the annotated commands and read by every run.
 * Reading annotations is most of picocli's start-up cost (each annotation type makes the JVM generate a
 * proxy class that class-data sharing cannot keep), so the run-time path builds its {@link CommandSpec}s
 * from this file with picocli's programmatic API instead. The annotations stay the one source of truth:
 * the file is derived from them, help and {@code --schema} still use them, and a test checks that both
 * models agree for every command.
 */
public final class CompiledModel {
    /** Where the build puts the model, on the class path. */
    public static final String RESOURCE = "/dev/jit/cli/model/commands.model";
    private static final int FORMAT = 1;

    private CompiledModel() {
    }

    /** Build step: writes the model of every command (from its annotations) to the file {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        Map<String, CommandLine> commands = new LinkedHashMap<>();
        collect("", CommandTree.full(CliEnv.system()), commands);
        Path file = Path.of(args[0]);
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            write(commands, out);
        }
    }

    private static void collect(String path, CommandLine command, Map<String, CommandLine> out) {
        out.put(path, command);
        command.getSubcommands().forEach((name, sub) -> {
            if (name.equals(sub.getCommandName())) { // aliases name the same command again
                collect(path.isEmpty() ? name : path + " " + name, sub, out);
            }
        });
    }

    /** Writes the model of {@code commands} (path → annotated command line) to {@code out}. */
    public static void write(Map<String, CommandLine> commands, OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(FORMAT);
        data.writeInt(commands.size());
        for (var entry : commands.entrySet()) {
            CommandSpec spec = entry.getValue().getCommandSpec();
            data.writeUTF(entry.getKey());
            data.writeUTF(spec.name());
            data.writeUTF(spec.userObject().getClass().getName());
            List<OptionSpec> options = spec.options().stream().filter(o -> !o.usageHelp() && !o.versionHelp()).toList();
            data.writeInt(options.size());
            for (OptionSpec o : options) {
                data.writeInt(o.names().length);
                for (String name : o.names()) {
                    data.writeUTF(name);
                }
                writeArg(data, o);
            }
            data.writeInt(spec.positionalParameters().size());
            for (PositionalParamSpec p : spec.positionalParameters()) {
                data.writeUTF(p.index().toString());
                writeArg(data, p);
            }
        }
        data.flush();
    }

    private static void writeArg(DataOutputStream data, ArgSpec arg) throws IOException {
        if (!(arg.userObject() instanceof Field field)) {
            throw new IllegalStateException("only annotated fields are supported: " + arg);
        }
        data.writeUTF(field.getDeclaringClass().getName());
        data.writeUTF(field.getName());
        data.writeUTF(arg.type().getName());
        data.writeInt(arg.auxiliaryTypes().length);
        for (Class<?> aux : arg.auxiliaryTypes()) {
            data.writeUTF(aux.getName());
        }
        // An arity left to picocli stays unspecified: it decides from the type (a boolean flag then still
        // takes an attached value, --fix=false) in a way an explicit "0" would not.
        writeNullable(data, arg.arity().isUnspecified() ? null : arg.arity().toString());
        writeNullable(data, arg.splitRegex().isEmpty() ? null : arg.splitRegex());
        writeNullable(data, arg.defaultValue());
        data.writeBoolean(arg.required());
        data.writeUTF(arg.paramLabel());
    }

    private static void writeNullable(DataOutputStream data, String value) throws IOException {
        data.writeBoolean(value != null);
        if (value != null) {
            data.writeUTF(value);
        }
    }

    /**
     * The spec of the command at {@code path} ("" for the root, "issue", "issue create"), bound to a new
     * instance made by {@code factory}; null if the model has no such command.
     */
    public static CommandSpec spec(String path, CommandLine.IFactory factory) {
        return specs(List.of(path), factory).get(path);
    }

    /** The specs of the commands at {@code paths}, read in one pass over the model; missing ones are absent. */
    public static Map<String, CommandSpec> specs(List<String> paths, CommandLine.IFactory factory) {
        Map<String, CommandSpec> found = new LinkedHashMap<>();
        try (InputStream in = CompiledModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return found;
            }
            DataInputStream data = new DataInputStream(new BufferedInputStream(in, 1 << 14));
            if (data.readInt() != FORMAT) {
                return found;
            }
            int count = data.readInt();
            for (int c = 0; c < count && found.size() < paths.size(); c++) {
                String entryPath = data.readUTF();
                String name = data.readUTF();
                String type = data.readUTF();
                boolean wanted = paths.contains(entryPath);
                Object command = wanted ? factory.create(Class.forName(type)) : null;
                CommandSpec spec = wanted ? CommandSpec.wrapWithoutInspection(command, factory).name(name) : null;
                int options = data.readInt();
                for (int o = 0; o < options; o++) {
                    String[] names = new String[data.readInt()];
                    for (int n = 0; n < names.length; n++) {
                        names[n] = data.readUTF();
                    }
                    Arg arg = readArg(data, command);
                    if (wanted) {
                        spec.addOption(arg.option(names));
                    }
                }
                int positionals = data.readInt();
                for (int p = 0; p < positionals; p++) {
                    String index = data.readUTF();
                    Arg arg = readArg(data, command);
                    if (wanted) {
                        spec.addPositional(arg.positional(index));
                    }
                }
                if (wanted) {
                    found.put(entryPath, spec);
                }
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("command model does not match the classes: " + e, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create commands " + paths + ": " + e, e);
        }
    }

    /** One option's or positional's data, bound to its field in the command object. */
    private static final class Arg {
        Class<?> type;
        Class<?>[] auxiliaryTypes;
        String arity;
        String split;
        String defaultValue;
        boolean required;
        String paramLabel;
        FieldBinding binding;

        OptionSpec option(String[] names) {
            OptionSpec.Builder b = OptionSpec.builder(names).type(type).auxiliaryTypes(auxiliaryTypes)
                    .required(required).paramLabel(paramLabel).getter(binding).setter(binding)
                    .initialValue(binding.get()).hasInitialValue(true);
            if (arity != null) {
                b.arity(arity);
            }
            if (split != null) {
                b.splitRegex(split);
            }
            return defaultValue == null ? b.build() : b.defaultValue(defaultValue).build();
        }

        PositionalParamSpec positional(String index) {
            PositionalParamSpec.Builder b = PositionalParamSpec.builder().index(index).type(type)
                    .auxiliaryTypes(auxiliaryTypes).required(required).paramLabel(paramLabel)
                    .getter(binding).setter(binding).initialValue(binding.get()).hasInitialValue(true);
            if (arity != null) {
                b.arity(arity);
            }
            if (split != null) {
                b.splitRegex(split);
            }
            return defaultValue == null ? b.build() : b.defaultValue(defaultValue).build();
        }
    }

    /** Reads one argument; binds it to {@code command}'s field, or only skips it when command is null. */
    private static Arg readArg(DataInputStream data, Object command) throws IOException, ReflectiveOperationException {
        String declaringClass = data.readUTF();
        String fieldName = data.readUTF();
        String type = data.readUTF();
        String[] auxNames = new String[data.readInt()];
        for (int k = 0; k < auxNames.length; k++) {
            auxNames[k] = data.readUTF();
        }
        Arg arg = new Arg();
        arg.arity = data.readBoolean() ? data.readUTF() : null;
        arg.split = data.readBoolean() ? data.readUTF() : null;
        arg.defaultValue = data.readBoolean() ? data.readUTF() : null;
        arg.required = data.readBoolean();
        arg.paramLabel = data.readUTF();
        if (command == null) {
            return null;
        }
        arg.type = type(type);
        arg.auxiliaryTypes = new Class<?>[auxNames.length];
        for (int k = 0; k < auxNames.length; k++) {
            arg.auxiliaryTypes[k] = type(auxNames[k]);
        }
        Field field = Class.forName(declaringClass).getDeclaredField(fieldName);
        field.setAccessible(true);
        arg.binding = new FieldBinding(command, field);
        return arg;
    }

    private static Class<?> type(String name) throws ClassNotFoundException {
        return switch (name) {
            case "boolean" -> boolean.class;
            case "int" -> int.class;
            case "long" -> long.class;
            default -> Class.forName(name);
        };
    }

    /** Reads and writes one field of one command object (a class, not a record: see Key in IssueCache). */
    private static final class FieldBinding implements IGetter, ISetter {
        private final Object target;
        private final Field field;

        FieldBinding(Object target, Field field) {
            this.target = target;
            this.field = field;
        }

        /** The field's value now: as the command object was created, its initial value. */
        @Override
        @SuppressWarnings("unchecked")
        public <T> T get() {
            try {
                return (T) field.get(target);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e); // setAccessible(true) was called on it
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T set(T value) throws IllegalAccessException {
            T previous = (T) field.get(target);
            field.set(target, value);
            return previous;
        }
    }
}
