package dev.jit.core.internal.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;

/**
 * A cheap fingerprint of a store's content, for caches of derived data (e.g. a long-running server):
 * every commit renames files into {@code issues/} or over {@code index.json}/{@code gates.json} and
 * appends to {@code events.jsonl}, so at least one of these changes. Take it while holding a lock to
 * pair it with the data read under that lock.
 */
public record StoreStamp(long indexModified, long gatesModified, long issuesDirModified, long eventsSize,
                         long eventsModified) {

    /** Four stat calls; a missing file counts as -1. */
    public static StoreStamp of(StorePaths paths) {
        long[] events = stat(paths.events());
        return new StoreStamp(stat(paths.index())[0], stat(paths.gates())[0], stat(paths.issuesDir())[0],
                events[1], events[0]);
    }

    /** {modified nanos, size} */
    private static long[] stat(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new long[]{a.lastModifiedTime().to(TimeUnit.NANOSECONDS), a.size()};
        } catch (NoSuchFileException e) {
            return new long[]{-1, -1};
        } catch (IOException e) {
            // Unknown state: a value that never equals a previous stamp forces a reload.
            return new long[]{System.nanoTime(), -2};
        }
    }
}
