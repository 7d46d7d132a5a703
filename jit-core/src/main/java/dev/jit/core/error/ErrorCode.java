package dev.jit.core.error;

/**
 * Every failure a JIT operation can report. Each code carries the CLI exit code and the HTTP status
 * it maps to, so front ends never derive either from message text.
 */
public enum ErrorCode {
    GENERIC(1, 500),
    INVALID_ARGUMENT(2, 400),
    INVALID_STATE(2, 400),
    AMBIGUOUS_ID(2, 400),
    REPO_NOT_FOUND(3, 503),
    ISSUE_NOT_FOUND(3, 404),
    GATE_NOT_FOUND(3, 404),
    DOCUMENT_NOT_FOUND(3, 404),
    NOT_FOUND(3, 404),
    CYCLE_DETECTED(4, 409),
    VALIDATION_FAILED(4, 422),
    PERMISSION_DENIED(5, 403),
    ALREADY_EXISTS(6, 409),
    ALREADY_ASSIGNED(1, 409),
    NOT_HOLDER(1, 409),
    LEASE_EXPIRED(1, 409),
    NO_READY_ISSUES(1, 404),
    TRANSITION_BLOCKED(1, 422),
    GATE_ERROR(1, 422),
    /** A gate's checker ran and did not pass (the reference tool's code and exit status). */
    GATE_FAILED(4, 422),
    /** A gate with a checker was to be passed by attestation by someone other than a human giving a reason. */
    CHECKER_REQUIRED(1, 422),
    DEPENDENCY_ERROR(1, 422),
    HAS_DEPENDENTS(1, 409),
    GATE_IN_USE(1, 409),
    LOCK_TIMEOUT(1, 503),
    CORRUPT_DATA(10, 500),
    IO_ERROR(10, 500);

    private final int exitCode;
    private final int httpStatus;

    ErrorCode(int exitCode, int httpStatus) {
        this.exitCode = exitCode;
        this.httpStatus = httpStatus;
    }

    public int exitCode() {
        return exitCode;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
