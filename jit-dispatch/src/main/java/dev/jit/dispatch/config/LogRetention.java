package dev.jit.dispatch.config;

import java.time.Duration;

/** Run logs kept per issue (the newest {@code runsPerIssue}) and for how long ({@code maxAge}; zero: for ever). */
public record LogRetention(int runsPerIssue, Duration maxAge) {
}
