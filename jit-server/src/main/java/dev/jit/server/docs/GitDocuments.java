package dev.jit.server.docs;

import dev.jit.core.error.ErrorCode;
import dev.jit.core.error.JitException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Reads committed documents from the git repository that contains the store, by running the {@code git}
 * executable. Only committed content is read (never the working tree). Paths and revisions are checked
 * before they reach git, and every argument is passed as one argv entry (no shell).
 */
public final class GitDocuments {
    private static final Pattern REVISION = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_./~^@{}-]{0,199}");
    private static final long TIMEOUT_SECONDS = 10;
    private static final int MAX_OUTPUT = 8 * 1024 * 1024;

    private final Path workDir;
    private volatile Path repoRoot;

    /** @param storeDir the store directory; its repository is found from the directory that holds it */
    public GitDocuments(Path storeDir) {
        this.workDir = storeDir.toAbsolutePath().normalize().getParent();
    }

    public record Content(String path, String commit, String content, String contentType) {
    }

    public record Commit(String commit, String author, String date, String message) {
    }

    public Content content(String path, String revision) {
        String sha = resolve(revision);
        Result r = git("show", sha + ":" + path);
        if (r.exit != 0) {
            throw notFound("Document " + path + " does not exist at " + revision, path);
        }
        return new Content(path, sha, r.out, contentType(path));
    }

    public List<Commit> history(String path) {
        Result r = git("log", "--no-color", "--date=format-local:%Y-%m-%d %H:%M:%S",
                "--format=%h%x1f%an%x1f%ad%x1f%B%x1e", "HEAD", "--", path);
        if (r.exit != 0) {
            throw notFound("No history for " + path + ": " + firstLine(r.err), path);
        }
        List<Commit> out = new ArrayList<>();
        for (String record : r.out.split("\u001e")) {
            String[] f = record.strip().split("\u001f", 4);
            if (f.length == 4) {
                out.add(new Commit(f[0], f[1], f[2], f[3].strip()));
            }
        }
        return out;
    }

    /** git's unified diff of the document between two revisions, with the whole file as context. */
    public String diff(String path, String from, String to) {
        String a = resolve(from);
        String b = resolve(to);
        Result r = git("diff", "--no-color", "--no-ext-diff", "--unified=1000000", a, b, "--", path);
        if (r.exit != 0) {
            throw new JitException(ErrorCode.GENERIC, "git diff failed: " + firstLine(r.err));
        }
        return r.out;
    }

    /** A relative path inside the repository: no absolute paths, '..' segments, option-like or control text. */
    public static void requireSafePath(String path) {
        boolean bad = path == null || path.isBlank() || path.length() > 1024 || path.startsWith("/")
                || path.startsWith("-") || path.contains("\\") || path.chars().anyMatch(c -> c < 0x20)
                || List.of(path.split("/")).contains("..") || path.contains(":");
        if (bad) {
            throw JitException.invalidArgument("Invalid document path '" + path + "'",
                    "Use the path relative to the repository root, as given to 'jit doc add'");
        }
    }

    private String resolve(String revision) {
        if (revision == null || !REVISION.matcher(revision).matches() || revision.contains("..")) {
            throw JitException.invalidArgument("Invalid revision '" + revision + "'",
                    "Use a commit SHA, branch, tag or HEAD~N");
        }
        Result r = git("rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}");
        if (r.exit != 0 || r.out.isBlank()) {
            throw new JitException(ErrorCode.NOT_FOUND, "Unknown revision '" + revision + "'",
                    Map.of("revision", revision), List.of());
        }
        return r.out.strip();
    }

    private Path repoRoot() {
        Path root = repoRoot;
        if (root == null) {
            Result r = run(workDir, List.of("rev-parse", "--show-toplevel"));
            if (r.exit != 0) {
                throw new JitException(ErrorCode.DOCUMENT_NOT_FOUND, "The store at " + workDir
                        + " is not inside a git repository, so it has no documents",
                        Map.of("directory", workDir.toString()), List.of("Documents are read from git history"));
            }
            root = Path.of(r.out.strip());
            repoRoot = root;
        }
        return root;
    }

    private Result git(String... args) {
        return run(repoRoot(), List.of(args));
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result run(Path dir, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("GIT_TERMINAL_PROMPT", "0");
        pb.environment().put("GIT_OPTIONAL_LOCKS", "0");
        pb.environment().put("TZ", "UTC");
        pb.environment().put("LC_ALL", "C");
        Process p = null;
        try {
            p = pb.start();
            p.getOutputStream().close();
            InputStream stderr = p.getErrorStream();
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(stderr));
            String out = drain(p.getInputStream());
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new JitException(ErrorCode.GENERIC, "git did not answer within " + TIMEOUT_SECONDS + " s");
            }
            return new Result(p.exitValue(), out, err.join());
        } catch (IOException e) {
            throw new JitException(ErrorCode.DOCUMENT_NOT_FOUND, "Cannot run git: " + e.getMessage(), Map.of(),
                    List.of("Install git to read documents"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JitException(ErrorCode.GENERIC, "interrupted while running git");
        } finally {
            if (p != null && p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }

    private static String drain(InputStream in) {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                if (out.size() + n > MAX_OUTPUT) {
                    throw new JitException(ErrorCode.GENERIC, "git output exceeds " + MAX_OUTPUT + " bytes");
                }
                out.write(buf, 0, n);
            }
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String contentType(String path) {
        String p = path.toLowerCase(java.util.Locale.ROOT);
        if (p.endsWith(".md")) {
            return "text/markdown";
        }
        if (p.endsWith(".json")) {
            return "application/json";
        }
        return "text/plain";
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }

    private static JitException notFound(String message, String path) {
        return new JitException(ErrorCode.DOCUMENT_NOT_FOUND, message, Map.of("path", path), List.of());
    }
}
