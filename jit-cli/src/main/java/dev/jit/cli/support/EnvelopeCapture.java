package dev.jit.cli.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A stdout that receives a command's {@code --json} envelope as a value instead of as text: {@code jit mcp}
 * runs commands in this process and hands their results to the client without printing and re-parsing JSON.
 * Anything else a command prints goes to {@code text} as usual.
 */
public final class EnvelopeCapture extends PrintStream {
    private ObjectNode envelope;

    public EnvelopeCapture(OutputStream text) {
        super(text, true, StandardCharsets.UTF_8);
    }

    void accept(ObjectNode value) {
        envelope = value;
    }

    /** The envelope the command produced, or null if it printed none. */
    public ObjectNode envelope() {
        return envelope;
    }
}
