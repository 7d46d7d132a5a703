package dev.jit.core.model;

import java.util.List;

/**
 * What a command did to one issue: its new version and every state change it caused, including those of
 * other issues (dependents readied or sent back to backlog).
 */
public record Outcome(Issue issue, List<StateChange> stateChanges) {
    public Outcome {
        stateChanges = List.copyOf(stateChanges);
    }
}
