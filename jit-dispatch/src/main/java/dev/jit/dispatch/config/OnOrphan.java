package dev.jit.dispatch.config;

/**
 * What a starting dispatcher does with an issue its agent was working on when a previous dispatcher
 * died and the agent process is gone too.
 */
public enum OnOrphan {
    /** Give the issue back to the ready queue. */
    RELEASE,
    /** Leave it assigned and count it against the agent's capacity until someone moves it on. */
    KEEP
}
