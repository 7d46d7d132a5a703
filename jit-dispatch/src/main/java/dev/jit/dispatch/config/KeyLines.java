package dev.jit.dispatch.config;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Line numbers of the keys in a TOML text, found by scanning it, because the parsed tree carries none.
 * Keys are named as {@code poll_interval_secs}, {@code agents[1].command} (array tables counted from 0)
 * and tables as {@code agents[1]}.
 */
final class KeyLines {
    private static final Pattern ARRAY_TABLE = Pattern.compile("^\\s*\\[\\[\\s*([^\\]]+?)\\s*]]");
    private static final Pattern TABLE = Pattern.compile("^\\s*\\[\\s*([^\\]]+?)\\s*]");
    private static final Pattern KEY = Pattern.compile("^\\s*(?:\"([^\"]+)\"|'([^']+)'|([A-Za-z0-9_-]+))\\s*=");

    private final Map<String, Integer> lines = new HashMap<>();

    KeyLines(String text) {
        Map<String, Integer> arrayCounts = new HashMap<>();
        String table = "";
        String[] all = text.split("\n", -1);
        for (int i = 0; i < all.length; i++) {
            String line = all[i];
            Matcher m;
            if ((m = ARRAY_TABLE.matcher(line)).find()) {
                String name = m.group(1);
                int index = arrayCounts.merge(name, 1, Integer::sum) - 1;
                table = name + "[" + index + "]";
                lines.putIfAbsent(table, i + 1);
                lines.putIfAbsent(name, i + 1);
            } else if ((m = TABLE.matcher(line)).find()) {
                table = m.group(1);
                lines.putIfAbsent(table, i + 1);
            } else if ((m = KEY.matcher(line)).find()) {
                String key = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
                lines.putIfAbsent(table.isEmpty() ? key : table + "." + key, i + 1);
            }
        }
    }

    /** The 1-based line of {@code key}, or of its table, or 0 when neither appears in the text. */
    int lineOf(String key) {
        for (String k = key; ; k = k.substring(0, k.lastIndexOf('.'))) {
            Integer line = lines.get(k);
            if (line != null) {
                return line;
            }
            if (k.lastIndexOf('.') < 0) {
                return 0;
            }
        }
    }
}
