package dev.jit.core.model;

/**
 * The one rule for control characters in text that reaches a terminal: C0 (U+0000–U+001F, which holds ESC),
 * DEL (U+007F) and C1 (U+0080–U+009F, which holds the one-character CSI U+009B). Input is checked against it
 * (titles and labels may hold none, descriptions only tab, newline and carriage return) and human output
 * shows any that a store written by another tool still holds as an escape ({@code \x1b}, {@code \u009b}), so
 * stored text can never move the cursor, retitle the window or clear the screen. Hand loops, no regex: these
 * run on the CLI's start-up paths.
 */
public final class ControlChars {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private ControlChars() {
    }

    public static boolean isControl(char c) {
        return c < 0x20 || c >= 0x7F && c <= 0x9F;
    }

    /** Tab, newline and carriage return: the controls that are layout in multi-line text. */
    public static boolean isLayout(char c) {
        return c == '\t' || c == '\n' || c == '\r';
    }

    /** The index of the first control character in {@code text} (layout ones allowed if asked), or -1. */
    public static int firstControl(String text, boolean allowLayout) {
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            if (isControl(c) && !(allowLayout && isLayout(c))) {
                return k;
            }
        }
        return -1;
    }

    /**
     * {@code text} with every control character replaced by its escape. With {@code keepLayout}, tab and
     * newline stay, and so does a carriage return right before a newline (CRLF line ends); a lone one would
     * let text overwrite its own line, so it is escaped.
     */
    public static String escape(String text, boolean keepLayout) {
        int first = firstControl(text, keepLayout);
        if (first < 0 && !(keepLayout && hasLoneCarriageReturn(text))) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            boolean kept = keepLayout && (c == '\t' || c == '\n'
                    || c == '\r' && k + 1 < text.length() && text.charAt(k + 1) == '\n');
            if (isControl(c) && !kept) {
                sb.append(escape(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** {@code \x1b} for C0 and DEL, {@code \u009b} for C1 (the form JSON and Java also read). */
    public static String escape(char c) {
        if (c < 0x80) {
            return new String(new char[]{'\\', 'x', HEX[c >> 4], HEX[c & 0xF]});
        }
        return new String(new char[]{'\\', 'u', '0', '0', HEX[c >> 4 & 0xF], HEX[c & 0xF]});
    }

    private static boolean hasLoneCarriageReturn(String text) {
        for (int k = text.indexOf('\r'); k >= 0; k = text.indexOf('\r', k + 1)) {
            if (k + 1 == text.length() || text.charAt(k + 1) != '\n') {
                return true;
            }
        }
        return false;
    }
}
