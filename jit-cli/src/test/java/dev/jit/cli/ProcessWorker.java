package dev.jit.cli;

import dev.jit.cli.support.CliEnv;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A separate OS process that runs many {@code jit} commands through the CLI entry point, for the
 * multi-process tests (starting a JVM per command would make 8 × 50 operations take minutes).
 *
 * <p>Usage: {@code ProcessWorker <store-dir> <tag> <count>} creates {@code count} issues titled
 * {@code <tag>-<n>} and then updates each one's description; {@code count = 0} loops until killed. With a
 * fourth argument, each new id is appended to that file as soon as its create has returned.
 */
public final class ProcessWorker {
    private ProcessWorker() {
    }

    public static void main(String[] args) {
        Path store = Path.of(args[0]);
        String tag = args[1];
        int count = Integer.parseInt(args[2]);
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("JIT_DATA_DIR", store.toString());
        env.put("JIT_LOCK_TIMEOUT", "60");
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
        for (int n = 0; count == 0 || n < count; n++) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            CliEnv cli = new CliEnv(store.getParent(), env, new PrintStream(out, true, StandardCharsets.UTF_8),
                    System.err, System.in, false);
            int exit = Main.run(cli, "issue", "create", "--title", tag + "-" + n, "--label", "worker:" + tag);
            if (exit != 0) {
                System.exit(exit);
            }
            String id = out.toString(StandardCharsets.UTF_8).strip();
            if (args.length > 3) {
                try {
                    java.nio.file.Files.writeString(Path.of(args[3]), id + "\n", java.nio.file.StandardOpenOption.CREATE,
                            java.nio.file.StandardOpenOption.APPEND);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            CliEnv quiet = new CliEnv(store.getParent(), env, discard, System.err, System.in, false);
            exit = Main.run(quiet, "issue", "update", id, "--desc", "updated by " + tag);
            if (exit != 0) {
                System.exit(exit);
            }
            if (count == 0 && n % 3 == 0) {
                Main.run(quiet, "issue", "claim", id, "agent:" + tag);
            }
        }
    }
}
