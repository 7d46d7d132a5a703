package dev.jit.server.support;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A jit-server child's log, read in the background: the port of its listening line, and everything it wrote. */
public final class ServerOutput {
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");

    private final StringBuffer seen = new StringBuffer();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();

    private ServerOutput(InputStream out) {
        BufferedReader r = new BufferedReader(new InputStreamReader(out, StandardCharsets.UTF_8));
        Thread t = new Thread(() -> {
            try {
                for (String line; (line = r.readLine()) != null; ) {
                    seen.append(line).append('\n');
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
                port.completeExceptionally(new AssertionError("server exited:\n" + seen));
            } catch (Exception e) {
                port.completeExceptionally(e);
            }
        });
        t.setDaemon(true);
        t.start();
    }

    /** Starts reading {@code out} (a child's stdout with stderr merged). */
    public static ServerOutput follow(InputStream out) {
        return new ServerOutput(out);
    }

    /** The port from the listening line (at most 30 s). */
    public int port() throws Exception {
        return port.get(30, TimeUnit.SECONDS);
    }

    public String text() {
        return seen.toString();
    }
}
