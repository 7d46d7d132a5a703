package dev.jit.core.internal.docs;

import dev.jit.core.error.ErrorCode;
import dev.jit.core.error.JitException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The git repository that contains a store, driven through the {@code git} executable. Every call is an
 * argument vector (never a shell string); revisions and paths are checked by the caller.
 */
public final class Git {
    private final Path root;

    private Git(Path root) {
        this.root = root;
    }

    /** The work tree root. */
    public Path root() {
        return root;
    }

    /** The repository whose work tree contains {@code start}, found by walking up to a {@code .git} entry. */
    public static Optional<Git> find(Path start) {
        for (Path p = start.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(".git"))) {
                return Optional.of(new Git(p));
            }
        }
        return Optional.empty();
    }

    /** Like {@link #find} but REPO_NOT_FOUND when there is no repository. */
    public static Git discover(Path start) {
        Path dir = start.toAbsolutePath().normalize();
        return find(dir).orElseThrow(() -> new JitException(ErrorCode.REPO_NOT_FOUND,
                "Not inside a git repository: " + dir, Map.of("path", dir.toString()),
                List.of("Document references need the store to live in a git work tree ('git init' in the project)")));
    }

    /** What a git run produced. */
    public record Result(int exit, byte[] stdout, String stderr) {
        public String text() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    /** Runs {@code git args…} in the work tree root, feeding {@code stdin} (may be null). */
    public Result run(String stdin, String... args) {
        List<String> cmd = new ArrayList<>(args.length + 6);
        cmd.add("git");
        cmd.add("-c");
        cmd.add("core.quotepath=off");
        cmd.add("--no-pager");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile());
        pb.environment().put("GIT_TERMINAL_PROMPT", "0");
        pb.environment().put("LC_ALL", "C");
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new JitException(ErrorCode.IO_ERROR, "Cannot run git: " + e.getMessage(), Map.of(),
                    List.of("Install git and make sure it is on PATH"));
        }
        try {
            // stderr is drained on its own thread so a chatty git cannot fill the pipe and stall.
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread errReader = new Thread(() -> copy(process.getErrorStream(), err), "git-stderr");
            errReader.start();
            try (var in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            byte[] out = process.getInputStream().readAllBytes();
            int exit = process.waitFor();
            errReader.join();
            return new Result(exit, out, err.toString(StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
            throw new JitException(ErrorCode.IO_ERROR, "Interrupted while running git");
        }
    }

    /** Runs git and returns stdout, or fails with IO_ERROR carrying git's own message. */
    public Result ok(String... args) {
        Result r = run(null, args);
        if (r.exit() != 0) {
            throw new JitException(ErrorCode.IO_ERROR, "git " + args[0] + " failed: " + r.stderr(),
                    Map.of("git_exit", r.exit()), List.of());
        }
        return r;
    }

    /** The full commit id {@code rev} names, if it names a commit. */
    public Optional<String> resolveCommit(String rev) {
        Revisions.check(rev);
        Result r = run(null, "rev-parse", "--verify", "--quiet", "--end-of-options", rev + "^{commit}");
        return r.exit() == 0 ? Optional.of(r.text().strip()) : Optional.empty();
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try {
            in.transferTo(out);
        } catch (IOException ignored) {
            // the process died; its exit code tells the story
        }
    }
}
