package dev.jit.core.model;


/** One state transition a command caused, directly or as a consequence (e.g. a dependent becoming ready). */
public record StateChange(String issueId, State from, State to) {
}
