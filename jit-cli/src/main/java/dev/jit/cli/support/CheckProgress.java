package dev.jit.cli.support;

import dev.jit.core.Gates;
import dev.jit.core.model.GateRun;
import java.io.PrintStream;

/** The progress line of running checkers, on stderr: {@code checking tests (1/2)… passed in 3.1 s}. */
public final class CheckProgress implements Gates.Progress {
    private final PrintStream err;

    public CheckProgress(PrintStream err) {
        this.err = err;
    }

    /** Checks that run with this progress line, or deferred ({@code --no-check}). */
    public static Gates.Checks checks(boolean noCheck, PrintStream err) {
        return noCheck ? Gates.Checks.DEFERRED : new Gates.Checks(true, new CheckProgress(err));
    }

    @Override
    public void starting(String gateKey, int index, int count) {
        err.print("checking " + gateKey + " (" + index + "/" + count + ")… ");
        err.flush();
    }

    @Override
    public void finished(GateRun run, int index, int count) {
        String exit = run.exitCode() == null || run.passed() ? "" : " (exit " + run.exitCode() + ")";
        err.println(run.status() + exit + " in " + Gates.seconds(run.durationMs())
                + (run.message() != null && !run.passed() ? ": " + run.message() : ""));
    }
}
