package dev.jit.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * What runs to decide a gate: the reference tool's {@code checker} object ({@code "type": "exec"}). It runs
 * either {@code command}, a shell string given to {@code sh -c} (the reference's form), or {@code argv}, an
 * argument vector executed directly with no shell (our addition; such a checker also carries {@code command}, a
 * shell-quoted rendering of the vector, so the reference tool runs the same program). {@code workingDir} is
 * relative to the repository root (null: the root); {@code env} is added to the inherited environment.
 * {@code passContext}, {@code prompt}, {@code prompt_file} and fields of later versions are kept in
 * {@code extra} and written back unchanged (this version does not act on them).
 *
 * @param problem why the stored checker cannot run (a field of the wrong type, an unknown {@code type}), or null
 * @param raw     the object as read from {@code gates.json}, written back as it was (byte for byte); null for a
 *                checker defined by this process
 */
public record GateChecker(String type, String command, List<String> argv, long timeoutSeconds, String workingDir,
                          Map<String, String> env, boolean passContext, Map<String, JsonNode> extra,
                          String problem, JsonNode raw) {
    /** The reference's default checker timeout. */
    public static final long DEFAULT_TIMEOUT_SECONDS = 300;
    public static final String EXEC = "exec";

    public GateChecker {
        argv = argv == null ? null : List.copyOf(argv);
        env = Collections2.orderedCopy(env);
        extra = Collections2.orderedCopy(extra);
    }

    /** A shell-string checker ({@code sh -c command}). */
    public static GateChecker shell(String command, long timeoutSeconds, String workingDir, Map<String, String> env) {
        return new GateChecker(EXEC, command, null, timeoutSeconds, workingDir, env, false, Map.of(), null, null);
    }

    /** An argument-vector checker, executed with no shell. */
    public static GateChecker exec(List<String> argv, long timeoutSeconds, String workingDir, Map<String, String> env) {
        return new GateChecker(EXEC, ShellQuoting.join(argv), argv, timeoutSeconds, workingDir, env, false, Map.of(),
                null, null);
    }

    /** A checker as stored that cannot run. */
    public static GateChecker unusable(JsonNode raw, String problem) {
        return new GateChecker(null, null, null, 0, null, Map.of(), false, Map.of(), problem, raw);
    }

    /** What the run record's {@code command} shows: the shell string, or the shell-quoted vector. */
    public String display() {
        return command != null ? command : argv == null ? "" : ShellQuoting.join(argv);
    }
}
