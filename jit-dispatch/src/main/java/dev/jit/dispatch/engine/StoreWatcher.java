package dev.jit.dispatch.engine;

import dev.jit.core.Jit;
import dev.jit.core.Snapshots;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;

/**
 * Notices store changes by the rule the server's snapshots use ({@link Snapshots#version()}: the index, the
 * gate registry, the issues directory and the event log), so a change made outside jit (a git checkout, an
 * edited index) wakes the dispatcher too. Every commit appends to events.jsonl: a WatchService on the store
 * directory (inotify on Linux) wakes the dispatcher as soon as the log is written; comparing versions on
 * every 200 ms tick is the fallback where watching is unavailable or slow (polling WatchService
 * implementations, network file systems) and for changes that log nothing.
 */
public final class StoreWatcher implements AutoCloseable {
    private final Snapshots snapshots;
    private final Path log;
    private Snapshots.Version seen;
    private WatchService watch;

    public StoreWatcher(Jit jit) {
        this.snapshots = jit.snapshots();
        this.log = jit.events().file();
        this.seen = snapshots.version();
    }

    /** Starts watching; {@code onChange} runs on the watcher thread whenever the event log is written. */
    public void start(Runnable onChange) {
        Path file = log;
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

    /** True if the store changed since the last call (four stat calls). */
    public boolean changed() {
        Snapshots.Version now = snapshots.version();
        if (now.equals(seen)) {
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
