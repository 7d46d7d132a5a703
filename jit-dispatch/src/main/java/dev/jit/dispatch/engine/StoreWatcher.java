package dev.jit.dispatch.engine;

import dev.jit.core.Events;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;

/**
 * Notices store changes: every committed change appends to events.jsonl, so a growing log means new or
 * changed work. A WatchService on the store directory (inotify on Linux) wakes the dispatcher as soon as the
 * log is written; the stat of the log on every 200 ms tick is the fallback where watching is unavailable or
 * slow (polling WatchService implementations, network file systems).
 */
public final class StoreWatcher implements AutoCloseable {
    private final Events events;
    private long seen;
    private WatchService watch;

    public StoreWatcher(Events events) {
        this.events = events;
        this.seen = events.size();
    }

    /** Starts watching; {@code onChange} runs on the watcher thread whenever the event log is written. */
    public void start(Runnable onChange) {
        Path file = events.file();
        try {
            watch = FileSystems.getDefault().newWatchService();
            file.getParent().register(watch, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_CREATE);
        } catch (IOException e) {
            watch = null;
            return;
        }
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    WatchKey key = watch.take();
                    boolean log = key.pollEvents().stream().anyMatch(ev -> file.getFileName().equals(ev.context()));
                    key.reset();
                    if (log) {
                        onChange.run();
                    }
                }
            } catch (InterruptedException | ClosedWatchServiceException e) {
                // stopped
            }
        }, "jit-dispatch-store-watcher");
        t.setDaemon(true);
        t.start();
    }

    /** True if the log changed since the last call (one stat). */
    public boolean changed() {
        long now = events.size();
        if (now == seen) {
            return false;
        }
        seen = now;
        return true;
    }

    @Override
    public void close() {
        if (watch != null) {
            try {
                watch.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }
}
