package dev.jit.cli;

import dev.jit.cli.support.CliEnv;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A training run for the launcher's class-data-sharing archive: runs the common commands once on a
 * throw-away store, so the archive holds the classes every command needs (not only those of whichever
 * command happened to run first). The launcher starts it in the background on first use; not a user command.
 */
public final class Warmup {
    private Warmup() {
    }

    public static void main(String[] args) throws IOException {
        CliEnv.system(); // loads what every real run loads to detect a terminal (java.io.Console)
        Path dir = Files.createTempDirectory("jit-warmup-");
        try {
            PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
            for (boolean terminal : new boolean[]{false, true}) {
                CliEnv env = new CliEnv(dir, Map.of("JIT_DATA_DIR", dir.resolve("store").toString(), "USER", "warmup"),
                        sink, sink, new ByteArrayInputStream(new byte[0]), terminal);
                Main.run(env, "init");
                String a = capture(env, "issue", "create", "-t", "A", "--label", "epic:warmup", "-p", "high");
                String b = capture(env, "issue", "create", "-t", "B", "-d", "desc");
                Main.run(env, "dep", "add", a, b);
                Main.run(env, "registry", "add", "g" + terminal, "--title", "G");
                Main.run(env, "gate", "add", b, "g" + terminal);
                for (String[] cmd : new String[][]{{"issue", "list"}, {"issue", "list", "--json"}, {"query", "ready"},
                        {"query", "ready", "--json"}, {"query", "blocked"}, {"issue", "show", a}, {"status"},
                        {"status", "--json"}, {"events", "tail"}, {"validate"}, {"graph", "show", a},
                        {"search", "desc"}, {"issue", "show", "zzzz"}, {"--help"}, {"issue", "create", "--help"},
                        {"--version"}, {"--version", "--json"}, {"issue", "show", a, "--json"},
                        {"issue", "list", "--state", "ready,backlog", "--label", "epic:*"}, {"query", "ready", "-f", "priority:high"},
                        {"issue", "search", "A"}, {"events", "query", "--limit", "5"}, {"graph", "export"},
                        {"graph", "export", "--format", "mermaid"}, {"graph", "downstream", b}, {"query", "blocked", "--json"},
                        {"issue", "update", a, "--title", "A2", "--json"}}) {
                    Main.run(env, cmd);
                }
                Main.run(env, "issue", "claim-next", "agent:warmup", "--filter", "priority:high");
                Main.run(env, "issue", "claim", b, "agent:warmup");
                Main.run(env, "issue", "update", b, "--state", "done");
                Main.run(env, "gate", "pass", b, "g" + terminal);
                Main.run(env, "issue", "release", a, "warmup");
            }
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static String capture(CliEnv env, String... args) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        Main.run(new CliEnv(env.workingDir(), env.env(), new PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
                env.err(), env.in(), false), args);
        return out.toString(java.nio.charset.StandardCharsets.UTF_8).strip();
    }
}
