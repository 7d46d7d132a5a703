package dev.jit.server.error;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Removes the server's own directories from text answered to clients: a file under the store reads as its
 * path relative to the store ({@code issues/x.json}), the store itself as {@code <store>} and the directory
 * around it (the repository) as {@code <repository>}. Clients need not be authenticated to see errors, so
 * they must not learn where the server keeps its data.
 */
public final class PathScrubber {
    /** Longest first, so the store's own prefix wins over its parent's. */
    private final List<String[]> replacements = new ArrayList<>();

    public PathScrubber(Path storeDir) {
        Path absolute = storeDir.toAbsolutePath().normalize();
        List<Path> stores = new ArrayList<>(List.of(absolute));
        try {
            Path real = absolute.toRealPath();
            if (!real.equals(absolute)) {
                stores.add(real);
            }
        } catch (IOException e) {
            // The store may be unreadable right now; the path as configured is still scrubbed.
        }
        for (Path store : stores) {
            replacements.add(new String[]{store + "/", ""});
            replacements.add(new String[]{store.toString(), "<store>"});
        }
        for (Path store : stores) {
            Path parent = store.getParent();
            if (parent != null && parent.getParent() != null) {
                replacements.add(new String[]{parent + "/", "<repository>/"});
                replacements.add(new String[]{parent.toString(), "<repository>"});
            }
        }
    }

    public String scrub(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String[] r : replacements) {
            out = out.replace(r[0], r[1]);
        }
        return out;
    }

    /** Scrubs every string in a details map (values may be strings, lists or nested maps). */
    public Map<String, Object> scrub(Map<String, ?> details) {
        Map<String, Object> out = new LinkedHashMap<>();
        details.forEach((k, v) -> out.put(k, scrubValue(v)));
        return out;
    }

    public List<String> scrub(List<String> lines) {
        List<String> out = new ArrayList<>(lines.size());
        for (String s : lines) {
            out.add(scrub(s));
        }
        return out;
    }

    private Object scrubValue(Object v) {
        if (v instanceof String s) {
            return scrub(s);
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), scrubValue(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object x : l) {
                out.add(scrubValue(x));
            }
            return out;
        }
        return v;
    }
}
