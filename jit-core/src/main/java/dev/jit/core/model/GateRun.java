package dev.jit.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One checker execution: {@code gate-runs/<runId>/result.json}, the reference tool's {@code GateRunResult}
 * with exactly its fields. {@code status} is passed, failed or error (the reference also knows pending and
 * skipped); {@code exitCode} is null when the checker did not exit by itself (timeout, could not start).
 * {@code stdout}/{@code stderr} are the output's tails. {@code by} is who ran the check, {@code message} why a
 * run is an error without an exit code (null otherwise). Fields of a newer writer are kept in {@code extra}.
 */
public record GateRun(int schemaVersion, String runId, String gateKey, String stage, String issueId, String commit,
                      String branch, String status, String startedAt, String completedAt, long durationMs,
                      Integer exitCode, String stdout, String stderr, String command, String by, String message,
                      Map<String, JsonNode> extra) {
    public static final String PASSED = "passed";
    public static final String FAILED = "failed";
    public static final String ERROR = "error";

    public GateRun {
        extra = Collections2.orderedCopy(extra);
    }

    public boolean passed() {
        return PASSED.equals(status);
    }
}
