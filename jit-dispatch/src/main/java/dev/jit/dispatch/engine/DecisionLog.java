package dev.jit.dispatch.engine;

import dev.jit.core.model.ControlChars;
import java.io.PrintStream;
import java.time.Instant;

/** One line per dispatcher decision: {@code <time> <action> key=value …}, values quoted when needed. */
public final class DecisionLog {
    private final PrintStream out;

    public DecisionLog(PrintStream out) {
        this.out = out;
    }

    /** Logs {@code action} with alternating keys and values. */
    public void line(String action, Object... kv) {
        StringBuilder sb = new StringBuilder(Instant.now().toString()).append(' ').append(action);
        for (int i = 0; i + 1 < kv.length; i += 2) {
            sb.append(' ').append(kv[i]).append('=').append(quote(String.valueOf(kv[i + 1])));
        }
        synchronized (out) {
            out.println(sb);
            out.flush();
        }
    }

    private static String quote(String v) {
        if (!v.isEmpty() && v.chars().noneMatch(c -> Character.isWhitespace(c) || c == '"' || c == '='
                || ControlChars.isControl((char) c))) {
            return v;
        }
        // Titles come from the store: other control characters are escaped too, so a log line stays one inert line.
        return '"' + ControlChars.escape(v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n"), false)
                + '"';
    }
}
