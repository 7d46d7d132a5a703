package dev.jit.cli.mcp;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;

/** Standard input that tells when it has ended: the MCP client closing it is the signal to shut down. */
final class EndOfInput extends FilterInputStream {
    private final CountDownLatch ended = new CountDownLatch(1);

    EndOfInput(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        return check(super.read());
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return check(super.read(b, off, len));
    }

    private int check(int n) {
        if (n < 0) {
            ended.countDown();
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        ended.countDown();
        super.close();
    }

    /** Blocks until the input has ended or was closed. */
    void await() {
        try {
            ended.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
