package dev.jit.core.model;

import java.util.List;

/** POSIX shell quoting of an argument vector, so {@code sh -c} of the result runs exactly those arguments. */
final class ShellQuoting {
    private ShellQuoting() {
    }

    static String join(List<String> argv) {
        StringBuilder out = new StringBuilder();
        for (String arg : argv) {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(quote(arg));
        }
        return out.toString();
    }

    static String quote(String arg) {
        if (!arg.isEmpty() && isPlain(arg)) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    private static boolean isPlain(String arg) {
        for (int i = 0; i < arg.length(); i++) {
            char c = arg.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-_./=:,+@%".indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }
}
