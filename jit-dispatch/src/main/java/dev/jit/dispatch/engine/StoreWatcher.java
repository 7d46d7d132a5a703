package dev.jit.dispatch.engine;

import dev.jit.core.events.EventLog;

/**
 * Notices store changes cheaply: every committed change appends to events.jsonl, so a growing log means
 * new or changed work. The dispatcher asks on each 200 ms tick; one stat call per tick.
 */
public final class StoreWatcher {
    private final EventLog events;
    private long seen;

    public StoreWatcher(EventLog events) {
        this.events = events;
        this.seen = events.size();
    }

    /** True if the log changed since the last call. */
    public boolean changed() {
        long now = events.size();
        if (now == seen) {
            return false;
        }
        seen = now;
        return true;
    }
}
