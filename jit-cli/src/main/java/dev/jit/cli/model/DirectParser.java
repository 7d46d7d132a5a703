package dev.jit.cli.model;

import dev.jit.cli.model.CommandModel.Arg;
import dev.jit.cli.support.CliEnv;
import dev.jit.cli.support.CommandFactory;
import dev.jit.cli.support.JitSubcommand;
import java.lang.reflect.Field;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Binds a command line to a new command object from its {@link CommandModel}, without picocli: a short
 * command then loads no picocli class at all. It understands the forms agents and scripts use — options by
 * exact name with the value in the next argument or after {@code =}, flags, repeated and comma-split list
 * options, positionals, {@code --} — and gives up (returns null) on anything else: unknown or repeated
 * options, missing or surplus arguments, a value that starts with {@code -}, an attached flag
 * value, a number picocli might read differently. picocli then parses the same command line, so every
 * error, hint and unusual form keeps picocli's behaviour and message. {@code DirectParserTest} checks both
 * parsers set the same fields.
 */
public final class DirectParser {
    /** The field types it sets: flags, numbers and text convert as picocli converts them; a list holds strings. */
    static final Set<String> TYPES = Set.of("java.lang.String", "int", "java.lang.Integer", "long", "java.lang.Long",
            "boolean", "java.lang.Boolean", "java.nio.file.Path", "java.util.List");

    private DirectParser() {
    }

    /**
     * The command of {@code model} with {@code args} (the words after the command path) bound to its fields,
     * or null when picocli should parse them.
     */
    public static JitSubcommand bind(CommandModel model, List<String> args, CliEnv env) {
        try {
            JitSubcommand command = CommandFactory.newCommand(Class.forName(model.type()), env);
            return bind(model, args, command) ? command : null;
        } catch (ReflectiveOperationException | ClassCastException e) {
            return null; // a table from another build: picocli reads the annotations instead
        }
    }

    private static boolean bind(CommandModel model, List<String> args, Object command)
            throws ReflectiveOperationException {
        List<Arg> options = model.options();
        boolean[] seen = new boolean[options.size()];
        List<String> positionals = new ArrayList<>();
        boolean onlyPositionals = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (onlyPositionals || !arg.startsWith("-")) {
                positionals.add(arg);
                continue;
            }
            if (arg.equals("--")) {
                onlyPositionals = true;
                continue;
            }
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            int o = find(options, name);
            if (o < 0 || options.get(o).arity() != null || seen[o] && !isList(options.get(o))) {
                return false;
            }
            seen[o] = true;
            Arg option = options.get(o);
            if (isFlag(option)) {
                if (value != null) {
                    return false;
                }
                set(command, option, Boolean.TRUE);
                continue;
            }
            if (value == null) {
                if (i + 1 == args.size()) {
                    return false;
                }
                value = args.get(++i);
                if (value.startsWith("-")) {
                    return false;
                }
            }
            if (!assign(command, option, value)) {
                return false;
            }
        }
        for (int o = 0; o < options.size(); o++) {
            if (!seen[o] && !applyDefault(command, options.get(o))) {
                return false;
            }
        }
        return bindPositionals(command, model.positionals(), positionals);
    }

    /** Gives each positional its words; false when one is missing or a word is left over. */
    private static boolean bindPositionals(Object command, List<Arg> params, List<String> words)
            throws ReflectiveOperationException {
        int used = 0;
        for (Arg param : params) {
            int[] range = range(param.index());
            if (range == null) {
                return false;
            }
            int from = range[0];
            int to = Math.min(range[1], words.size() - 1);
            if (isList(param)) {
                int min = param.arity() == null ? 0 : minArity(param.arity());
                if (min < 0 || to - from + 1 < min) {
                    return false;
                }
                for (int k = from; k <= to; k++) {
                    if (!assign(command, param, words.get(k))) {
                        return false;
                    }
                }
            } else if (from < words.size()) {
                if (range[1] != from || !assign(command, param, words.get(from))) {
                    return false;
                }
            } else if (param.required() || !applyDefault(command, param)) {
                return false;
            }
            used = Math.max(used, to + 1);
        }
        return used >= words.size();
    }

    private static int find(List<Arg> options, String name) {
        for (int o = 0; o < options.size(); o++) {
            if (options.get(o).names().contains(name)) {
                return o;
            }
        }
        return -1;
    }

    private static boolean isFlag(Arg arg) {
        return arg.type().equals("boolean") || arg.type().equals("java.lang.Boolean");
    }

    private static boolean isList(Arg arg) {
        return arg.type().equals("java.util.List");
    }

    /** Sets an absent argument to its default; false when it is required (picocli reports it). */
    private static boolean applyDefault(Object command, Arg arg) throws ReflectiveOperationException {
        if (arg.required()) {
            return false;
        }
        return arg.defaultValue() == null || assign(command, arg, arg.defaultValue());
    }

    /** Converts {@code value} and sets it (adds it, to a list); false when it does not convert plainly. */
    private static boolean assign(Object command, Arg arg, String value) throws ReflectiveOperationException {
        if (!isList(arg)) {
            Object converted = convert(arg.elementType(), value);
            if (converted == null) {
                return false;
            }
            set(command, arg, converted);
            return true;
        }
        List<String> parts = arg.split() == null ? List.of(value) : split(arg.split(), value);
        if (parts == null || !arg.elementType().equals("java.lang.String")) {
            return false;
        }
        Field field = field(arg);
        @SuppressWarnings("unchecked")
        List<String> list = (List<String>) field.get(command);
        if (list == null) {
            list = new ArrayList<>();
            field.set(command, list);
        }
        list.addAll(parts);
        return true;
    }

    /** {@code value} split at commas, or null for anything but plain non-empty parts (quotes, empty parts). */
    private static List<String> split(String regex, String value) {
        if (!regex.equals(",") || value.isEmpty() || value.indexOf('"') >= 0 || value.startsWith(",")
                || value.endsWith(",") || value.contains(",,")) {
            return null;
        }
        return List.of(value.split(","));
    }

    private static Object convert(String type, String value) {
        switch (type) {
            case "java.lang.String":
                return value;
            case "int":
            case "java.lang.Integer":
                return digits(value, 9) ? Integer.valueOf(value) : null;
            case "long":
            case "java.lang.Long":
                return digits(value, 18) ? Long.valueOf(value) : null;
            case "java.nio.file.Path":
                try {
                    return Path.of(value);
                } catch (InvalidPathException e) {
                    return null;
                }
            default:
                return null;
        }
    }

    /** Plain decimal digits, few enough not to overflow: the only numbers both parsers read the same way. */
    private static boolean digits(String value, int max) {
        if (value.isEmpty() || value.length() > max) {
            return false;
        }
        for (int k = 0; k < value.length(); k++) {
            if (value.charAt(k) < '0' || value.charAt(k) > '9') {
                return false;
            }
        }
        return true;
    }

    /** A positional index "2", "0..*" or "1..3" as {from, to}; null for any other form. */
    private static int[] range(String index) {
        int dots = index.indexOf("..");
        String from = dots < 0 ? index : index.substring(0, dots);
        String to = dots < 0 ? index : index.substring(dots + 2);
        if (!digits(from, 4) || !(to.equals("*") || digits(to, 4))) {
            return null;
        }
        int start = Integer.parseInt(from);
        int end = to.equals("*") ? Integer.MAX_VALUE : Integer.parseInt(to);
        return end < start ? null : new int[]{start, end};
    }

    /** The minimum of an arity "0..1", "1..*" or "2"; -1 for any other form. */
    private static int minArity(String arity) {
        int dots = arity.indexOf("..");
        String min = dots < 0 ? arity : arity.substring(0, dots);
        return digits(min, 4) ? Integer.parseInt(min) : -1;
    }

    private static void set(Object command, Arg arg, Object value) throws ReflectiveOperationException {
        field(arg).set(command, value);
    }

    private static Field field(Arg arg) throws ReflectiveOperationException {
        Field field = Class.forName(arg.declaringClass()).getDeclaredField(arg.field());
        field.setAccessible(true);
        return field;
    }
}
