package dev.jit.core;

import dev.jit.core.internal.store.Store;
import dev.jit.core.model.JitOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** Real stores in temp directories for tests, with warnings collected instead of printed. */
public final class TestStores {
    public static final Path SAMPLE_STORE = Path.of("/work/shared/reference/sample-store/.jit");

    private TestStores() {
    }

    /** A store opened with an actor and a warnings sink the test can inspect. */
    public record Opened(Store store, Jit jit, List<String> warnings) {
    }

    /** The porcelain over an open store (a second handle on the same directory, with the same options). */
    public static Jit jit(Store store) {
        return Jit.open(store.paths().dataDir(), store.options());
    }

    public static Opened init(Path dir) {
        return init(dir, "test:unit", Duration.ofSeconds(10));
    }

    public static Opened init(Path dir, String actor, Duration lockTimeout) {
        Store.init(dir);
        return open(dir, actor, lockTimeout);
    }

    public static Opened open(Path dir, String actor, Duration lockTimeout) {
        List<String> warnings = new CopyOnWriteArrayList<>();
        JitOptions options = new JitOptions(lockTimeout, actor, warnings::add);
        return new Opened(Store.open(dir, options), Jit.open(dir, options), warnings);
    }

    /** Copies a directory tree (the sample store is read-only) and makes the copy writable. */
    public static Path copyTree(Path from, Path to) {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
                target.toFile().setWritable(true, true);
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every data file of a store and its bytes, leaving out runtime files (lock files, the derived cache and
     * in-flight temp files), to check that an operation changed nothing.
     */
    public static java.util.Map<String, byte[]> snapshot(Path dir) throws IOException {
        java.util.Map<String, byte[]> out = new java.util.HashMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String rel = dir.relativize(p).toString();
                if (!rel.endsWith(".lock") && !rel.startsWith("cache/") && !rel.startsWith("tmp/")) {
                    out.put(rel, Files.readAllBytes(p));
                }
            }
        }
        return out;
    }
}
