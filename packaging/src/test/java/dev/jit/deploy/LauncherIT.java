package dev.jit.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code jit} launcher's class-data sharing: the first run starts a background training run that leaves a
 * static archive in the user's cache, and later runs load jit's classes from it. Runs the packaged executable.
 */
class LauncherIT {
    static final Path JIT = Path.of(System.getProperty("jit.tarball", "target/jit-linux-x64.tar.gz"))
            .toAbsolutePath().getParent().resolve("bin/jit");

    @TempDir
    Path dir;

    @Test
    void firstRunTrainsAStaticArchiveThatLaterRunsUse() throws Exception {
        Path cache = dir.resolve("cache");
        Path cds = cache.resolve("jit/cds");
        // Archives of earlier versions: all but the newest two go once the new one is in place.
        Files.createDirectories(cds);
        for (int k = 1; k <= 4; k++) {
            Path old = Files.writeString(cds.resolve("jit-" + k + "-old.jsa"), "stale");
            Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.fromMillis(1_000_000L * k));
        }
        Files.writeString(cds.resolve("jit-server-1-old.jsa"), "another executable's");
        Map<String, String> env = Map.of("XDG_CACHE_HOME", cache.toString(), "JIT_DATA_DIR", dir.resolve("store").toString());
        assertThat(run(env, "init").exit).isZero();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!trained(cds) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(trained(cds)).as("archive in %s", cds).isTrue();
        try (Stream<Path> files = Files.list(cds)) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertThat(names).as("the new archive, the two newest old ones, the other executable's; no temp files")
                    .hasSize(4).contains("jit-3-old.jsa", "jit-4-old.jsa", "jit-server-1-old.jsa")
                    .doesNotContain("jit-1-old.jsa", "jit-2-old.jsa")
                    .allMatch(n -> n.endsWith(".jsa"));
        }

        Path log = dir.resolve("classes.log");
        Map<String, String> logged = Map.of("XDG_CACHE_HOME", cache.toString(),
                "JIT_DATA_DIR", dir.resolve("store").toString(),
                "JIT_JAVA_OPTS", "-Xlog:class+load:file=" + log);
        Run created = run(logged, "issue", "create", "-t", "from the archive");
        assertThat(created.exit).as(created.err).isZero();
        assertThat(Files.readAllLines(log)).as("a static archive serves jit's classes (a dynamic one says '(top)')")
                .anyMatch(line -> line.endsWith(" dev.jit.cli.Main source: shared objects file"))
                .anyMatch(line -> line.endsWith(" dev.jit.core.internal.store.Store source: shared objects file"));
    }

    private static boolean trained(Path cds) throws IOException {
        if (!Files.isDirectory(cds)) {
            return false;
        }
        try (Stream<Path> files = Files.list(cds)) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            return names.stream().anyMatch(n -> n.endsWith(".jsa") && !n.contains("-old"))
                    && names.stream().noneMatch(n -> n.endsWith(".training"));
        }
    }

    private record Run(int exit, String out, String err) {
    }

    private Run run(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(JIT.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }
}
