package dev.jit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands agents run most stay on the fast start-up path: picocli parses them with the model generated at
 * build time, so no annotation is read (no annotation parser, no run-time proxy class), and nothing brings in a
 * lambda or a stream (the JVM's method-handle start-up). Checked from the JVM's own class-loading log of a real
 * process, so a change that brings one back fails here rather than only in the benchmark.
 */
class StartupPathIT {
    @TempDir
    Path dir;

    @Test
    void commonCommandsReadNoAnnotationAndLoadNoLambdaOrStream() throws Exception {
        JitProcessIT.Run init = run(List.of("init"), null);
        assertThat(init.exit()).isZero();
        String a = run(List.of("issue", "create", "-t", "A", "--label", "epic:x"), null).out().strip();
        String b = run(List.of("issue", "create", "-t", "B", "-d", "two\nlines", "--context", "k=v"), null).out().strip();
        String c = run(List.of("issue", "create", "-t", "C", "-p", "high"), null).out().strip();
        assertThat(run(List.of("dep", "add", b, a), null).exit()).isZero();
        assertThat(run(List.of("issue", "update", a, "--state", "ready"), null).exit()).isZero();
        assertThat(run(List.of("registry", "add", "tests", "--title", "Tests"), null).exit()).isZero();

        // In this order: each command leaves the store as the next one needs it.
        for (List<String> command : List.of(List.of("query", "ready"), List.of("query", "ready", "--json"),
                List.of("query", "ready", "-f", "label:epic:*"), List.of("issue", "list"),
                List.of("issue", "list", "--json"), List.of("issue", "list", "--state", "ready,backlog", "-p", "high"),
                List.of("issue", "show", b), List.of("issue", "show", b.substring(0, 6), "--json"),
                List.of("issue", "create", "-t", "D"), List.of("issue", "create", "--title=E", "--label", "a:b,c:d", "--json"),
                List.of("status"), List.of("status", "--json"), List.of("dep", "add", c, a), List.of("dep", "rm", c, a),
                List.of("issue", "claim-next", "agent:x", "--filter", "label:epic:*"),
                List.of("issue", "update", a, "--state", "done", "--json"), List.of("issue", "claim", b, "agent:y"),
                List.of("gate", "add", b, "tests"), List.of("gate", "pass", b, "tests"),
                List.of("issue", "release", b, "handing over"))) {
            Path log = dir.resolve("classes.log");
            JitProcessIT.Run run = run(command, log);
            assertThat(run.exit()).as("%s: %s", command, run.err()).isZero();
            List<String> loaded = new ArrayList<>();
            for (String line : Files.readAllLines(log)) {
                String[] words = line.split(" ");
                if (words.length > 1) {
                    loaded.add(words[1]);
                }
            }
            assertThat(loaded).as("classes of %s", command).contains("dev.jit.cli.model.CompiledSpec")
                    .noneMatch(name -> name.startsWith("sun.reflect.annotation.") || name.contains("$Proxy")
                            || name.contains("$$Lambda") || name.startsWith("java.util.stream."));
        }
    }

    private JitProcessIT.Run run(List<String> args, Path classLog) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(JitProcessIT.JAVA, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        if (classLog != null) {
            cmd.add("-Xlog:class+load:file=" + classLog + ":uptime"); // "[<time>] <class> source: …"
        }
        cmd.addAll(List.of("-jar", JitProcessIT.JAR.toString()));
        cmd.addAll(args);
        return JitProcessIT.finish(new ProcessBuilder(cmd).directory(dir.toFile()).start());
    }
}
