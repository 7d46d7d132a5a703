package dev.jit.cli.support;

import dev.jit.core.Presentation;

import dev.jit.core.model.StateChange;
import dev.jit.core.Jit;
import dev.jit.core.model.JitOptions;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * Base of every leaf command: access to the process environment, the store, and output in the mode the
 * user asked for. Subclasses implement {@link #run()} and return through {@link #done}.
 */
public abstract class JitSubcommand implements Callable<Integer> {
    // Package-private: the build-generated command model (dev.jit.cli.model.CompiledSpec) sets it directly.
    @Option(names = "--json", description = "Print the result as a JSON envelope {success, data, metadata} "
            + "(errors: {success:false, error:{code, message, details, suggestions}})")
    boolean json;

    // Package-private like json; also set by a -q before the command (jit -q issue update …), see Main.
    @Option(names = {"-q", "--quiet"}, description = "On success print nothing but what a script needs (a new "
            + "issue's id; what a read command answers); errors and warnings still go to stderr")
    boolean quiet;

    private CliEnv env;

    private Jit jit;

    /** Exit status after a successful {@link #run()}; only commands that relay another's status change it. */
    protected int exitStatus;

    protected abstract void run();

    @Override
    public final Integer call() {
        if (!json() && printsHumanText()) {
            env = env.inert();
        }
        if (quiet && !json() && !printsOnlyWhatScriptsNeed() && StoreEffect.Kind.of(this) != StoreEffect.Kind.READS) {
            env = env.withoutOutput();
        }
        run();
        return exitStatus;
    }

    /**
     * Whether this command's non-JSON output is text for people, whose control characters are escaped on the
     * way out (see {@link CliEnv#inert()}). Only a command that speaks a protocol on stdout says no.
     */
    protected boolean printsHumanText() {
        return true;
    }

    protected CliEnv env() {
        return env;
    }

    /** Sets the environment this command runs in (done by the command model that creates it). */
    public void bind(CliEnv env) {
        this.env = env;
    }

    /** As if {@code --quiet} had been given to this command (it was given before it). */
    public void beQuiet() {
        quiet = true;
    }

    /** Whether {@code --quiet} was given (here or before the command). */
    protected boolean quiet() {
        return quiet;
    }

    /**
     * Whether this command's human output is all a script needs, printed even with {@code --quiet}: the id a
     * create or claim-next answers with. Other commands that change the store print nothing then.
     */
    protected boolean printsOnlyWhatScriptsNeed() {
        return false;
    }

    /** Whether {@code --json} was given. */
    public boolean json() {
        return json;
    }

    protected PrintStream out() {
        return env().out();
    }

    /** The store for this working directory (opened once per command). */
    protected Jit jit() {
        if (jit == null) {
            CliEnv env = env();
            jit = Jit.open(Jit.locate(env.workingDir(), env.env()), storeOptions(env));
        }
        return jit;
    }

    public static JitOptions storeOptions(CliEnv env) {
        String actor = env.env().get("JIT_ACTOR");
        if (actor == null || actor.isBlank()) {
            String user = env.env().getOrDefault("USER", System.getProperty("user.name", "unknown"));
            actor = "human:" + user;
        }
        return new JitOptions(JitOptions.lockTimeoutFrom(env.env()), actor, new Warnings(env.err()));
    }

    /** Prints store warnings to stderr. A class, not a lambda: see {@code Store.openView()}. */
    private static final class Warnings implements Consumer<String> {
        private final PrintStream err;

        Warnings(PrintStream err) {
            this.err = err;
        }

        @Override
        public void accept(String warning) {
            err.println("warning: " + warning);
        }
    }

    /** Prints the JSON envelope with {@code data} in JSON mode, else runs {@code human}. */
    protected void emit(Object data, Runnable human) {
        if (json()) {
            Output.success(out(), data);
        } else {
            human.run();
        }
    }

    /** As {@link #emit(Object, Runnable)} for data worth building only when asked for: listings of many issues. */
    protected void emit(Supplier<?> data, Runnable human) {
        if (json()) {
            Output.success(out(), data.get());
        } else {
            human.run();
        }
    }

    /** Whether to print full human tables (terminal) rather than one id per line (pipes, scripts). */
    protected boolean terminal() {
        return env().terminal();
    }

    /** Reports a command that changed one issue: "<message>" plus one line per state change it caused. */
    protected void report(String message, dev.jit.core.model.Outcome outcome) {
        report(json() ? Presentation.outcome(outcome.issue(), outcome.stateChanges()) : null, message,
                outcome.issue().id(), outcome.stateChanges());
    }

    /** Prints {@code data} in JSON mode, else {@code message} and one line per state change of {@code changes}. */
    protected void report(Object data, String message, String issueId, List<StateChange> changes) {
        if (json()) {
            Output.success(out(), data);
        } else {
            out().println(message);
            IssueText.printStateChanges(out(), issueId, changes);
        }
    }


    protected static String shortId(String id) {
        return id.length() > 8 ? id.substring(0, 8) : id;
    }
}
