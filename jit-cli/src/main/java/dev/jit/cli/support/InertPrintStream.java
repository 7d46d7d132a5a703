package dev.jit.cli.support;

import dev.jit.core.model.ControlChars;
import java.io.PrintStream;

/**
 * The stream every human (non-JSON) output of {@code jit} goes through: text printed to it reaches the
 * underlying stream with its control characters escaped ({@link ControlChars#escape(String, boolean)}, tab and
 * newline kept as layout), so a title, label or description holding {@code ESC ]0;…BEL} or {@code ESC [2J}
 * shows as {@code \x1b]0;…\x07} instead of acting on the terminal. jit itself prints no control characters in
 * human output, so escaping at the stream catches every command, present and future, in one place. Works on
 * characters, before encoding, so C1 controls are caught whatever the output charset. Raw bytes
 * ({@code write(byte[])}) pass through unchanged.
 */
final class InertPrintStream extends PrintStream {
    private final PrintStream target;

    InertPrintStream(PrintStream target) {
        super(target, true);
        this.target = target;
    }

    /** {@code out} wrapped, unless it already is. */
    static PrintStream of(PrintStream out) {
        return out instanceof InertPrintStream ? out : new InertPrintStream(out);
    }

    // PrintStream funnels println(x), printf, format and append through these print methods in a subclass.
    @Override
    public void print(String s) {
        target.print(ControlChars.escape(String.valueOf(s), true));
    }

    @Override
    public void print(Object obj) {
        print(String.valueOf(obj));
    }

    @Override
    public void print(char c) {
        print(String.valueOf(c));
    }

    @Override
    public void print(char[] s) {
        print(new String(s));
    }

    @Override
    public void println(String s) {
        synchronized (this) {
            print(s);
            target.println();
        }
    }

    @Override
    public void println(Object obj) {
        println(String.valueOf(obj));
    }

    @Override
    public void println(char c) {
        println(String.valueOf(c));
    }

    @Override
    public void println(char[] s) {
        println(new String(s));
    }

    @Override
    public void println() {
        target.println();
    }

    @Override
    public void flush() {
        target.flush();
    }
}
