package dev.jit.server.cache;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices files edited outside jit (an issue file rewritten in place keeps the directory's modification time,
 * which the store stamp looks at): inotify, through a WatchService, on {@code issues/} and the store directory.
 * The snapshot re-reads the issues named here on the next request.
 */
final class StoreWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreWatcher.class);
    private static final String SUFFIX = ".json";

    /** What changed since the last {@link #drain}: issue ids, or {@code all} for a change only a reload covers. */
    record Edits(Set<String> ids, boolean all) {
        boolean none() {
            return ids.isEmpty() && !all;
        }
    }

    private final Set<String> ids = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean all = new AtomicBoolean();
    private final WatchService service;
    private WatchKey issuesKey;

    StoreWatcher(Path dataDir, Path issuesDir) {
        WatchService ws = null;
        try {
            ws = FileSystems.getDefault().newWatchService();
            issuesKey = issuesDir.register(ws, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
            dataDir.register(ws, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        } catch (IOException e) {
            LOG.warn("cannot watch the store for outside edits ({}); they show up only with the next jit write",
                    e.getMessage());
            closeQuietly(ws);
            ws = null;
        }
        this.service = ws;
        if (ws != null) { // started only now: the thread reads the field
            Thread t = new Thread(this::run, "jit-store-watcher");
            t.setDaemon(true);
            t.start();
        }
    }

    private static void closeQuietly(WatchService ws) {
        if (ws != null) {
            try {
                ws.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }

    boolean pending() {
        return all.get() || !ids.isEmpty();
    }

    Edits drain() {
        boolean everything = all.getAndSet(false);
        Set<String> out = new HashSet<>();
        for (Iterator<String> it = ids.iterator(); it.hasNext(); ) {
            out.add(it.next());
            it.remove();
        }
        return new Edits(out, everything);
    }

    private void run() {
        try {
            while (true) {
                WatchKey key = service.take();
                for (WatchEvent<?> event : key.pollEvents()) {
                    note(key == issuesKey, event);
                }
                key.reset();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed with the server
        }
    }

    private void note(boolean inIssues, WatchEvent<?> event) {
        if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
            all.set(true);
            return;
        }
        String name = event.context().toString();
        if (inIssues) {
            if (name.endsWith(SUFFIX)) {
                ids.add(name.substring(0, name.length() - SUFFIX.length()));
            }
        } else if (name.equals("index.json") || name.equals("gates.json")) {
            all.set(true);
        }
    }

    @Override
    public void close() {
        closeQuietly(service);
    }
}
