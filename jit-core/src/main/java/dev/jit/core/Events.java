package dev.jit.core;

import dev.jit.core.events.Event;
import dev.jit.core.events.EventFilter;
import dev.jit.core.internal.log.EventLog;
import dev.jit.core.internal.store.Store;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The append-only event log, read without the store lock (a line is visible once it is complete). Offsets are
 * byte positions in the log: a reader resumes where the previous read returned.
 */
public final class Events {
    private final EventLog log;

    Events(Store store) {
        this.log = store.events();
    }

    /**
     * The events {@code filter} selects, oldest first. With a limit the log is read backward from its end and
     * the scan stops at the limit (or at the filter's {@code since}): memory holds {@code limit} events,
     * whatever the size of the log.
     */
    public List<Event> query(EventFilter filter) {
        return log.query(filter);
    }

    /** The last {@code n} events, oldest first. */
    public List<Event> tail(int n) {
        return log.tail(n);
    }

    /** Feeds every complete event at or after {@code offset} to {@code sink}; returns where to resume. */
    public long readFrom(long offset, Consumer<Event> sink) {
        return log.readFrom(offset, sink);
    }

    /** As {@link #readFrom(long, Consumer)}, delivering at most {@code maxEvents} (≤ 0: no limit). */
    public long readFrom(long offset, int maxEvents, Consumer<Event> sink) {
        return log.readFrom(offset, maxEvents, sink);
    }

    /** The log file ({@code events.jsonl}), for processes that watch it for appends. */
    public Path file() {
        return log.file();
    }

    /** The log's size in bytes: the offset a reader that wants only new events starts from. */
    public long size() {
        return log.size();
    }
}
