package dev.jit.dispatch.process;

import dev.jit.core.model.Names;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Git worktrees for agents with {@code workspace = "worktree"}: each run works in
 * {@code <store>/dispatch/worktrees/<issue-id>} (inside the store's git-ignored runtime directory) on the branch
 * {@code jit/<issue-id>}, made from the repository's HEAD on first use and reused by later runs, so what an
 * agent committed on an earlier attempt is where the next one starts.
 */
public final class Workspaces {
    private static final long GIT_TIMEOUT_SECS = 60;

    private final Path repo;
    private final Path dir;
    private final Consumer<String> warnings;

    public Workspaces(Path repo, Path dispatchDir, Consumer<String> warnings) {
        this.repo = repo;
        this.dir = dispatchDir.resolve("worktrees");
        this.warnings = warnings;
    }

    public static String branch(String issueId) {
        return "jit/" + issueId;
    }

    /** The worktree of the issue's runs; the id (read from files, so hostile) must be one path component. */
    public Path path(String issueId) {
        if (!Names.isName(issueId)) {
            throw new IllegalArgumentException("not an issue id: " + issueId);
        }
        return dir.resolve(issueId);
    }

    /** Makes (or reuses, when a kept one is there) the issue's worktree on its branch; IOException says why not. */
    public Path create(String issueId) throws IOException {
        Path worktree = path(issueId);
        if (Files.isDirectory(worktree, LinkOption.NOFOLLOW_LINKS)
                && Files.exists(worktree.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
            return worktree;
        }
        Files.createDirectories(dir);
        String branch = branch(issueId);
        boolean exists = git("rev-parse", "--verify", "--quiet", "refs/heads/" + branch).code() == 0;
        Result added = exists ? git("worktree", "add", worktree.toString(), branch)
                : git("worktree", "add", "-b", branch, worktree.toString(), "HEAD");
        if (added.code() != 0) {
            throw new IOException("git worktree add failed: " + added.firstLine());
        }
        return worktree;
    }

    /** Removes the worktree (its branch stays, with whatever the agent committed); problems are warnings. */
    public void remove(Path worktree) {
        if (worktree.getParent() == null || !worktree.getParent().equals(dir)) {
            return; // not one of ours (a damaged running record)
        }
        try {
            Result removed = git("worktree", "remove", "--force", worktree.toString());
            if (removed.code() != 0 && Files.exists(worktree, LinkOption.NOFOLLOW_LINKS)) {
                warnings.accept("cannot remove worktree " + worktree + ": " + removed.firstLine());
            }
        } catch (IOException e) {
            warnings.accept("cannot remove worktree " + worktree + ": " + e.getMessage());
        }
    }

    private record Result(int code, String output) {
        String firstLine() {
            return output.lines().filter(l -> !l.isBlank()).findFirst().orElse("exit " + code).strip();
        }
    }

    private Result git(String... args) throws IOException {
        List<String> argv = new ArrayList<>(List.of("git", "-C", repo.toString()));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        byte[] out = p.getInputStream().readAllBytes();
        try {
            if (!p.waitFor(GIT_TIMEOUT_SECS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("git " + args[0] + " did not finish in " + GIT_TIMEOUT_SECS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for git");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
