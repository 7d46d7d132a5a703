package dev.jit.dispatch.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An agent command line. The template is split into words first (whitespace separates, '…' and "…" group,
 * backslash escapes inside "…" and outside quotes), then placeholders are substituted inside each word, so a
 * value always stays inside its one argument and no shell ever sees it. The one exception is the script of
 * {@code sh -c '…'} (or bash, dash, zsh, ksh): there a value is substituted single-quoted, so it is still one
 * literal word to that shell.
 */
public record CommandTemplate(String source, List<String> words, int scriptWord) {
    public static final Set<String> PLACEHOLDERS = Set.of("issue_id", "title", "priority", "agent_id", "data_dir");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");
    private static final Set<String> SHELLS = Set.of("sh", "bash", "dash", "zsh", "ksh", "ash");

    /** Parses and checks a template; the message of the exception says what is wrong. */
    public static CommandTemplate parse(String source) {
        List<String> words = split(source);
        if (words.isEmpty()) {
            throw new IllegalArgumentException("must name a program to run");
        }
        for (String w : words) {
            Matcher m = PLACEHOLDER.matcher(w);
            while (m.find()) {
                if (!PLACEHOLDERS.contains(m.group(1))) {
                    throw new IllegalArgumentException("unknown placeholder {" + m.group(1) + "} (known: {issue_id}, "
                            + "{title}, {priority}, {agent_id}, {data_dir})");
                }
            }
        }
        return new CommandTemplate(source, List.copyOf(words), shellScriptIndex(words));
    }

    /** The argument vector for one run; {@code values} maps placeholder names to their values. */
    public List<String> render(Map<String, String> values) {
        List<String> argv = new ArrayList<>(words.size());
        for (int i = 0; i < words.size(); i++) {
            boolean quote = i == scriptWord;
            Matcher m = PLACEHOLDER.matcher(words.get(i));
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String value = values.getOrDefault(m.group(1), "");
                m.appendReplacement(sb, Matcher.quoteReplacement(quote ? shellQuote(value) : value));
            }
            m.appendTail(sb);
            argv.add(sb.toString());
        }
        return argv;
    }

    /** POSIX single quoting: the result is one literal word to any sh-compatible shell. */
    static String shellQuote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /** Index of the script word after {@code -c} when the program is a shell, else -1. */
    private static int shellScriptIndex(List<String> words) {
        String program = words.get(0).substring(words.get(0).lastIndexOf('/') + 1);
        if (!SHELLS.contains(program)) {
            return -1;
        }
        for (int i = 1; i < words.size(); i++) {
            String w = words.get(i);
            if (!w.startsWith("-") || w.startsWith("--") || w.length() < 2) {
                return -1;
            }
            if (w.indexOf('c') > 0) {
                return i + 1 < words.size() ? i + 1 : -1;
            }
        }
        return -1;
    }

    private static List<String> split(String s) {
        List<String> words = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else if (c == '\\' && i + 1 < s.length() && (s.charAt(i + 1) == '"' || s.charAt(i + 1) == '\\')) {
                    cur.append(s.charAt(++i));
                } else {
                    cur.append(c);
                }
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
            } else {
                inWord = true;
                if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '\\' && i + 1 < s.length()) {
                    cur.append(s.charAt(++i));
                } else {
                    cur.append(c);
                }
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unterminated " + (quote == '\'' ? "single" : "double") + " quote");
        }
        if (inWord) {
            words.add(cur.toString());
        }
        return words;
    }
}
