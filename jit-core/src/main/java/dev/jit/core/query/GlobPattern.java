package dev.jit.core.query;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.jit.core.error.JitException;

/**
 * A path glob ({@code *} within one path segment, {@code **} across segments, {@code ?}, {@code [abc]},
 * {@code [!a-z]}, {@code {a,b}}, {@code \} escapes: the syntax of {@code FileSystem.getPathMatcher("glob:")})
 * compiled to an RE2/J pattern, so a user's glob such as {@code *a*a*a*a*b} matches in linear time
 * (java.util.regex, which the JDK's matcher compiles to, backtracks on it).
 */
public final class GlobPattern {
    private final Pattern pattern;

    private GlobPattern(Pattern pattern) {
        this.pattern = pattern;
    }

    /** Compiles {@code glob}; a malformed one is INVALID_ARGUMENT saying what is wrong. */
    public static GlobPattern compile(String glob) {
        StringBuilder re = new StringBuilder("^");
        boolean inGroup = false;
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i++);
            switch (c) {
                case '\\' -> {
                    if (i >= glob.length()) {
                        throw invalid(glob, "nothing to escape after '\\'");
                    }
                    re.append(Pattern.quote(String.valueOf(glob.charAt(i++))));
                }
                case '*' -> {
                    if (i < glob.length() && glob.charAt(i) == '*') {
                        re.append(".*");
                        i++;
                    } else {
                        re.append("[^/]*");
                    }
                }
                case '?' -> re.append("[^/]");
                case '[' -> i = bracket(glob, i, re);
                case '{' -> {
                    if (inGroup) {
                        throw invalid(glob, "groups '{…}' cannot be nested");
                    }
                    inGroup = true;
                    re.append("(?:");
                }
                case '}' -> {
                    if (!inGroup) {
                        throw invalid(glob, "'}' without '{'");
                    }
                    inGroup = false;
                    re.append(')');
                }
                case ',' -> re.append(inGroup ? "|" : ",");
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        if (inGroup) {
            throw invalid(glob, "missing '}'");
        }
        try {
            return new GlobPattern(Pattern.compile(re.append('$').toString(), Pattern.DOTALL));
        } catch (PatternSyntaxException e) {
            throw invalid(glob, e.getDescription()); // e.g. a range such as [z-a]
        }
    }

    /** Appends the character class that starts after the '[' at {@code start - 1}; returns the index after ']'. */
    private static int bracket(String glob, int start, StringBuilder re) {
        int end = glob.indexOf(']', start + (start < glob.length() && glob.charAt(start) == '!' ? 2 : 1));
        if (end < 0) {
            throw invalid(glob, "missing ']'");
        }
        re.append('[');
        int i = start;
        if (glob.charAt(i) == '!') {
            re.append('^');
            i++;
        }
        for (; i < end; i++) {
            char c = glob.charAt(i);
            if (c == '-' && i > start && i + 1 < end) {
                re.append('-');
            } else if (c == '/') {
                throw invalid(glob, "'/' cannot be in a '[…]' class");
            } else {
                // Everything else is literal inside the class (RE2 needs its own specials escaped).
                re.append(c > ' ' && c < 127 && !Character.isLetterOrDigit(c) ? "\\" + c : String.valueOf(c));
            }
        }
        re.append(']');
        return end + 1;
    }

    private static JitException invalid(String glob, String why) {
        return JitException.invalidArgument("Invalid glob '" + glob + "': " + why);
    }

    public boolean matches(String path) {
        return pattern.matcher(path).matches();
    }
}
