package dev.jit.core;

import dev.jit.core.internal.docs.DocumentPaths;
import dev.jit.core.internal.docs.Git;

import dev.jit.core.internal.Timestamps;
import dev.jit.core.error.ErrorCode;
import dev.jit.core.error.JitException;
import dev.jit.core.internal.codec.IssueCodec;
import dev.jit.core.events.EventHeader;
import dev.jit.core.events.IssueUpdated;
import dev.jit.core.model.DocumentReference;
import dev.jit.core.model.Issue;
import dev.jit.core.internal.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Document references: links from issues to files in the git repository that contains the store, and
 * read access to those files' content, history and diffs through git.
 */
public final class Documents {
    private final Store store;
    private Git git;

    Documents(Store store) {
        this.store = store;
    }

    /** The repository containing the store (found once, walking up from the store directory). */
    public Git git() {
        if (git == null) {
            git = Git.discover(store.paths().dataDir());
        }
        return git;
    }

    /** A document's content at a revision (or in the work tree, when {@code commit} is null). */
    public record Content(DocumentReference reference, String revision, String commit, String text) {
    }

    /** One commit that changed a document. */
    public record Commit(String sha, String shortSha, String author, String email, String date, String message) {
    }

    /** A unified diff of a document between two revisions; {@code to == null} means the work tree. */
    public record Diff(String path, String from, String to, String text) {
    }

    /**
     * Links {@code path} to an issue, replacing an existing reference to the same path. A pinned commit must
     * exist and contain the file (it is stored as the full hash); an unpinned file must exist at HEAD or in
     * the work tree.
     */
    public Issue add(String idOrPrefix, String path, String commit, String label, String docType) {
        String rel = normalize(path);
        String pinned = null;
        if (commit != null) {
            pinned = git().resolveCommit(commit).orElseThrow(() -> new JitException(ErrorCode.NOT_FOUND,
                    "Commit not found: " + commit, Map.of("commit", commit), List.of("Check 'git log' for valid hashes")));
            if (!existsAt(pinned, rel)) {
                throw documentMissing(rel, "commit " + commit);
            }
        } else if (!existsAt("HEAD", rel) && !Files.isRegularFile(git().root().resolve(rel))) {
            throw documentMissing(rel, "HEAD or the work tree");
        }
        DocumentReference ref = new DocumentReference(rel, pinned, blankToNull(label), blankToNull(docType));
        return store.write("doc add", tx -> {
            Issue issue = tx.issue(idOrPrefix);
            List<DocumentReference> docs = new ArrayList<>(issue.documents());
            docs.removeIf(d -> d.path().equals(rel));
            docs.add(ref);
            return save(tx, issue, docs);
        });
    }

    /** Removes every reference to {@code path} from an issue; DOCUMENT_NOT_FOUND when there is none. */
    public Issue remove(String idOrPrefix, String path) {
        String rel = normalize(path);
        return store.write("doc remove", tx -> {
            Issue issue = tx.issue(idOrPrefix);
            List<DocumentReference> docs = new ArrayList<>(issue.documents());
            if (!docs.removeIf(d -> d.path().equals(rel))) {
                throw notReferenced(issue.id(), rel);
            }
            return save(tx, issue, docs);
        });
    }

    private static Issue save(dev.jit.core.internal.store.Transaction tx, Issue issue, List<DocumentReference> docs) {
        Issue next = issue.withDocuments(docs).withUpdatedAt(Timestamps.now());
        tx.put(next);
        tx.emit(new IssueUpdated(EventHeader.next(issue.id()), Map.of("documents", new IssueUpdated.FieldChange(
                IssueCodec.toJson(issue).get("documents"), IssueCodec.toJson(next).get("documents")))));
        return next;
    }

    public List<DocumentReference> list(String idOrPrefix) {
        return issue(idOrPrefix).documents();
    }

    /**
     * The referenced document's text: in the work tree if {@code worktree}, else at {@code at}, else at the
     * reference's pinned commit, else at HEAD.
     */
    public Content show(String idOrPrefix, String path, String at, boolean worktree) {
        DocumentReference ref = reference(idOrPrefix, path);
        if (worktree) {
            Path file = git().root().resolve(ref.path());
            if (!Files.isRegularFile(file)) {
                throw documentMissing(ref.path(), "the work tree");
            }
            try {
                // A symlink in the work tree must not lead reads outside the repository.
                if (!file.toRealPath().startsWith(git().root().toRealPath())) {
                    throw JitException.invalidArgument("Document " + ref.path() + " resolves outside the repository");
                }
                return new Content(ref, "worktree", null, utf8(Files.readAllBytes(file), ref.path()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String revision = at != null ? at : ref.commit() != null ? ref.commit() : "HEAD";
        String sha = commit(revision);
        Git.Result r = git().run(null, "cat-file", "blob", sha + ":" + ref.path());
        if (r.exit() != 0) {
            throw documentMissing(ref.path(), "revision " + revision);
        }
        return new Content(ref, revision, sha, utf8(r.stdout(), ref.path()));
    }

    /** Commits reachable from HEAD that changed the document, newest first (renames followed). */
    public List<Commit> history(String idOrPrefix, String path) {
        DocumentReference ref = reference(idOrPrefix, path);
        if (git().resolveCommit("HEAD").isEmpty()) {
            return List.of();
        }
        String text = git().ok("log", "--follow", "-z", "--format=%H%x1f%an%x1f%ae%x1f%aI%x1f%B", "HEAD", "--",
                ref.path()).text();
        List<Commit> out = new ArrayList<>();
        for (String record : text.split("\0")) {
            String[] f = record.split("\u001f", 5);
            if (f.length == 5) {
                out.add(new Commit(f[0], f[0].substring(0, 7), f[1], f[2], f[3], f[4].strip()));
            }
        }
        return out;
    }

    /**
     * {@code git diff} of the document between {@code from} (default: its pinned commit) and {@code to}
     * (default HEAD; null with {@code worktree} for the file on disk).
     */
    public Diff diff(String idOrPrefix, String path, String from, String to, boolean worktree) {
        DocumentReference ref = reference(idOrPrefix, path);
        String base = from != null ? from : ref.commit();
        if (base == null) {
            throw JitException.invalidArgument("Document " + ref.path() + " is not pinned to a commit: give --from REV",
                    "Example: jit doc diff <id> " + ref.path() + " --from HEAD~1");
        }
        if (worktree && to != null) {
            throw JitException.invalidArgument("--to and --worktree cannot be combined");
        }
        String target = worktree ? null : to != null ? to : "HEAD";
        List<String> args = new ArrayList<>(List.of("diff", "--no-color", "--no-ext-diff", commit(base)));
        if (target != null) {
            args.add(commit(target));
        }
        args.add("--");
        args.add(ref.path());
        String text = git().ok(args.toArray(String[]::new)).text();
        return new Diff(ref.path(), base, target, text);
    }

    /** The reference to {@code path} on an issue (DOCUMENT_NOT_FOUND if the issue has none). */
    public DocumentReference reference(String idOrPrefix, String path) {
        String rel = normalize(path);
        Issue issue = issue(idOrPrefix);
        return issue.documents().stream().filter(d -> d.path().equals(rel)).findFirst()
                .orElseThrow(() -> notReferenced(issue.id(), rel));
    }

    private Issue issue(String idOrPrefix) {
        return store.read(view -> view.issue(idOrPrefix));
    }

    private String commit(String rev) {
        return git().resolveCommit(rev).orElseThrow(() -> new JitException(ErrorCode.NOT_FOUND,
                "Unknown revision: " + rev, Map.of("revision", rev), List.of("Check 'git log' for valid revisions")));
    }

    private boolean existsAt(String rev, String rel) {
        return git().run(null, "cat-file", "-e", rev + ":" + rel).exit() == 0;
    }

    /**
     * A document path relative to the repository root, with forward slashes. Absolute paths inside the
     * repository are accepted; anything that would leave it (absolute elsewhere, {@code ..}) is rejected.
     */
    public String normalize(String path) {
        return DocumentPaths.relativize(git().root(), path);
    }

    private static String utf8(byte[] bytes, String path) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new JitException(ErrorCode.INVALID_ARGUMENT, "Document " + path + " is not UTF-8 text",
                    Map.of("path", path), List.of());
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static JitException documentMissing(String path, String where) {
        return new JitException(ErrorCode.DOCUMENT_NOT_FOUND, "Document " + path + " does not exist at " + where,
                Map.of("path", path), List.of("Paths are relative to the repository root; commit the file first "
                + "or check the revision"));
    }

    private static JitException notReferenced(String issueId, String path) {
        return new JitException(ErrorCode.DOCUMENT_NOT_FOUND, "Document reference " + path + " not found in issue "
                + issueId, Map.of("issue_id", issueId, "path", path), List.of("Run 'jit doc list " + issueId + "'"));
    }
}
