package dev.jit.core.internal.gates;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Keeps the last {@code limit} bytes of a stream; reads it to its end on its own thread. */
final class TailBuffer {
    private final byte[] ring;
    private long total;
    private final Thread reader;

    TailBuffer(InputStream in, int limit, String name) {
        this.ring = new byte[limit];
        this.reader = new Thread(() -> drain(in), name);
        reader.setDaemon(true);
        reader.start();
    }

    private void drain(InputStream in) {
        byte[] chunk = new byte[8192];
        try (in) {
            for (int n; (n = in.read(chunk)) > 0; ) {
                append(chunk, n);
            }
        } catch (IOException e) {
            // the stream was closed under us (a background process kept it open): keep what was read
        }
    }

    private synchronized void append(byte[] chunk, int n) {
        for (int i = 0; i < n; i++) {
            ring[(int) (total++ % ring.length)] = chunk[i];
        }
    }

    /** Waits up to {@code millis} for the stream's end (every writer gone). */
    boolean awaitEnd(long millis) throws InterruptedException {
        reader.join(Math.max(1, millis));
        return !reader.isAlive();
    }

    /**
     * The text kept: all of it, or, once more was written than fits, a line saying how much was cut followed by
     * the last bytes (from the first whole UTF-8 character).
     */
    synchronized String text() {
        if (total <= ring.length) {
            return new String(ring, 0, (int) total, StandardCharsets.UTF_8);
        }
        int start = (int) (total % ring.length);
        byte[] ordered = new byte[ring.length];
        System.arraycopy(ring, start, ordered, 0, ring.length - start);
        System.arraycopy(ring, 0, ordered, ring.length - start, start);
        int from = 0;
        while (from < ordered.length && (ordered[from] & 0xC0) == 0x80) {
            from++; // a character cut in half
        }
        long cut = total - ring.length + from;
        return "[jit: the first " + cut + " bytes are not kept]\n"
                + new String(ordered, from, ordered.length - from, StandardCharsets.UTF_8);
    }
}
