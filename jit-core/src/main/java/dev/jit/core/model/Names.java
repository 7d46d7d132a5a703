package dev.jit.core.model;

/**
 * The shapes of the names jit accepts: issue ids, gate keys, label namespaces and context keys. Checked by
 * hand rather than by regular expressions: every command checks the ids of the issue files it reads, and the
 * first regex a fresh JVM compiles costs a short command more than the check itself (about 10 ms).
 */
public final class Names {
    private Names() {
    }

    /** A letter or digit, then letters, digits, '_', '.' or '-': a gate key or a label's namespace. */
    public static boolean isName(String s) {
        return s != null && !s.isEmpty() && isAsciiLetterOrDigit(s.charAt(0)) && isNameChars(s);
    }

    /** Only letters, digits, '_', '.' and '-', at least one: a context key. */
    public static boolean isNameChars(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (!isAsciiLetterOrDigit(c) && c != '_' && c != '.' && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** {@code namespace:value}: a name, a colon, then a value without whitespace, ',' or '|'. */
    public static boolean isLabel(String s) {
        int colon = s == null ? -1 : s.indexOf(':');
        if (colon < 0 || colon == s.length() - 1 || !isName(s.substring(0, colon))) {
            return false;
        }
        for (int k = colon + 1; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == ',' || c == '|' || c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }
}
