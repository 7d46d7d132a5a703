package dev.jit.server;

import dev.jit.core.internal.store.Store;


import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jit.core.model.DocumentReference;
import dev.jit.core.model.JitOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Document endpoints over a real git repository that contains the store. */
class DocumentApiTest {
    static ServerFixture fx;
    static Api api;
    static String id;
    static String firstCommit;

    @BeforeAll
    static void setUp() throws Exception {
        fx = ServerFixture.start();
        api = fx.api;
        Path root = fx.root;
        git(root, "init", "-q");
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(root.resolve("docs/design.md"), "# Design\nversion one\n");
        Files.writeString(root.resolve("notes.txt"), "first notes\n");
        git(root, "add", "docs/design.md", "notes.txt");
        git(root, "commit", "-q", "-m", "Add design");
        firstCommit = git(root, "rev-parse", "HEAD").strip();
        Files.writeString(root.resolve("docs/design.md"), "# Design\nversion two\n");
        Files.writeString(root.resolve("notes.txt"), "changed notes\n");
        git(root, "commit", "-q", "-am", "Revise design\n\nWith a body.");
        Files.writeString(root.resolve("docs/design.md"), "uncommitted edit\n");

        id = api.create("Documented", null);
        // A hand-made reference list (one never committed): written below the API, as another tool would.
        Store store = Store.open(fx.dataDir, new JitOptions(Duration.ofSeconds(5), "human:test", w -> { }));
        store.write("doc add", tx -> {
            tx.put(tx.issue(id).withDocuments(List.of(
                    new DocumentReference("docs/design.md", null, "Design", "design"),
                    new DocumentReference("notes.txt", firstCommit.substring(0, 8), null, null),
                    new DocumentReference("never-committed.md", null, null, null))));
            return null;
        });
    }

    @AfterAll
    static void tearDown() throws Exception {
        fx.close();
    }

    @Test
    void contentIsTheCommittedVersionAtTheRequestedRevision() {
        JsonNode head = api.get("/api/issues/" + id + "/documents/docs%2Fdesign.md/content").json();
        assertThat(head.path("path").asText()).isEqualTo("docs/design.md");
        assertThat(head.path("content").asText()).isEqualTo("# Design\nversion two\n");
        assertThat(head.path("content_type").asText()).isEqualTo("text/markdown");
        assertThat(head.path("commit").asText()).hasSize(40);

        JsonNode old = api.get("/api/issues/" + id + "/documents/docs%2Fdesign.md/content?commit=HEAD~1").json();
        assertThat(old.path("content").asText()).isEqualTo("# Design\nversion one\n");
        assertThat(old.path("commit").asText()).isEqualTo(firstCommit);

        JsonNode pinned = api.get("/api/issues/" + id + "/documents/notes.txt/content").json();
        assertThat(pinned.path("content").asText()).isEqualTo("first notes\n");
        assertThat(pinned.path("content_type").asText()).isEqualTo("text/plain");
    }

    @Test
    void historyListsCommitsThatChangedTheDocument() {
        JsonNode h = api.get("/api/issues/" + id + "/documents/docs%2Fdesign.md/history").json();
        assertThat(h.path("commits").size()).isEqualTo(2);
        JsonNode latest = h.path("commits").get(0);
        assertThat(latest.path("message").asText()).isEqualTo("Revise design\n\nWith a body.");
        assertThat(latest.path("author").asText()).isEqualTo("JIT Test");
        assertThat(latest.path("date").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d.*");
        assertThat(latest.path("sha").asText()).hasSize(40).startsWith(latest.path("commit").asText());
        assertThat(firstCommit).startsWith(h.path("commits").get(1).path("commit").asText());
    }

    @Test
    void diffBetweenRevisions() {
        JsonNode d = api.get("/api/issues/" + id + "/documents/docs%2Fdesign.md/diff?from=HEAD~1").json();
        assertThat(d.path("from").asText()).isEqualTo("HEAD~1");
        assertThat(d.path("to").asText()).isEqualTo("HEAD");
        assertThat(d.path("diff").asText()).contains("-version one").contains("+version two").contains(" # Design");
        assertThat(api.get("/api/issues/" + id + "/documents/docs%2Fdesign.md/diff").status()).isEqualTo(400);
    }

    @Test
    void unknownDocumentsRevisionsAndBadPathsAreClientErrors() {
        String base = "/api/issues/" + id + "/documents/";
        Api.Resp notReferenced = api.get(base + "README.md/content");
        assertThat(notReferenced.status()).isEqualTo(404);
        assertThat(notReferenced.errorCode()).isEqualTo("DOCUMENT_NOT_FOUND");
        assertThat(api.get(base + "never-committed.md/content").status()).isEqualTo(404);
        assertThat(api.get(base + "notes.txt/content?commit=no-such-branch").status()).isEqualTo(404);
        assertThat(api.get(base + "notes.txt/content?commit=--output%3D%2Ftmp%2Fx").status()).isEqualTo(400);
        assertThat(api.get(base + "..%2F..%2Fetc%2Fpasswd/content").status()).isEqualTo(400);
        // A range is not a single revision: git cannot resolve it to one commit.
        assertThat(api.get(base + "notes.txt/diff?from=HEAD..HEAD~1").status()).isEqualTo(404);
        assertThat(api.get("/api/issues/zzzzzzzz/documents/notes.txt/content").status()).isEqualTo(404);
    }

    private static String git(Path dir, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", dir.toString(), "-c", "user.name=JIT Test",
                "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
