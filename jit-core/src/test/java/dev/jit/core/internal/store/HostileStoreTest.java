package dev.jit.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jit.core.TestStores;
import dev.jit.core.error.ErrorCode;
import dev.jit.core.error.JitException;
import dev.jit.core.model.Issue;
import dev.jit.core.query.IssueFilter;
import dev.jit.core.Issues;
import dev.jit.core.Queries;
import dev.jit.core.Validation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reproductions of issue 13's store boundary, each on a real store with real links, directories and
 * FIFOs: nothing outside the store is read through a link, written, truncated or deleted; reads skip the
 * hostile entry with a warning; writes refuse with CORRUPT_DATA; validate names the problem and --fix removes
 * only the entry itself.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS) // a FIFO opened by mistake would block for ever
class HostileStoreTest {
    @TempDir
    Path tmp;

    private Path dir;
    private Path outside;
    private TestStores.Opened s;
    private Issues issues;
    private Issue a;

    @BeforeEach
    void setUp() throws IOException {
        dir = tmp.resolve(".jit");
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("precious.txt"), "precious\n");
        Files.createDirectories(outside.resolve("x"));
        Files.writeString(outside.resolve("x/target.json"), "{\"keep\": true}\n");
        s = TestStores.init(dir);
        issues = s.jit().issues();
        a = create("A");
    }

    private Issue create(String title) {
        return issues.create(new Issues.NewIssue(title, null, null, null, null, null));
    }

    private Validation.Report validate() {
        return s.jit().validation().check();
    }

    private Validation.Report fix() {
        return s.jit().validation().fix();
    }

    private static List<String> codes(Validation.Report r) {
        return r.problems().stream().map(Validation.Problem::code).toList();
    }

    /** Path, kind and content hash of everything under {@code outside}. */
    private TreeMap<String, String> snapshotOutside() throws Exception {
        TreeMap<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(outside)) {
            for (Path p : walk.toList()) {
                String key = outside.relativize(p).toString();
                out.put(key, Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                        ? HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)))
                        : Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "dir" : "other");
            }
        }
        return out;
    }

    private static void assertCorrupt(Runnable command, String... messageParts) {
        assertThatThrownBy(command::run).isInstanceOfSatisfying(JitException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_DATA);
            assertThat(e.getMessage()).contains(messageParts).doesNotContain("\n");
            assertThat(String.join(" ", e.suggestions())).contains("jit validate");
        });
    }

    @Test
    void tmpAsALinkNeverEmptiesWhatItPointsTo() throws Exception {
        Files.createDirectories(dir.resolve("tmp"));
        Files.delete(dir.resolve("tmp"));
        Files.createSymbolicLink(dir.resolve("tmp"), outside);
        var before = snapshotOutside();

        assertCorrupt(() -> create("B"), "tmp", "symbolic link");
        assertThat(s.jit().queries().list(IssueFilter.ALL)).hasSize(1); // reads are unaffected
        assertThat(codes(validate())).contains("symlink");
        Validation.Report fixed = fix();
        assertThat(fixed.repairs()).anySatisfy(r -> assertThat(r).contains("tmp"));
        assertThat(Files.isSymbolicLink(dir.resolve("tmp"))).isFalse();
        create("B");
        assertThat(validate().valid()).isTrue();
        assertThat(snapshotOutside()).isEqualTo(before);
    }

    @Test
    void eventLogAsALinkReceivesNothing() throws Exception {
        Path target = outside.resolve("precious.txt");
        Files.move(dir.resolve("events.jsonl"), tmp.resolve("events.saved"));
        Files.createSymbolicLink(dir.resolve("events.jsonl"), target);
        var before = snapshotOutside();

        assertCorrupt(() -> create("B"), "events.jsonl", "symbolic link");
        assertThat(s.jit().queries().status()).containsEntry("total", 1); // nothing was applied
        assertThat(codes(validate())).contains("symlink");
        fix();
        create("B");
        assertThat(Files.isSymbolicLink(dir.resolve("events.jsonl"))).isFalse();
        assertThat(snapshotOutside()).isEqualTo(before);
    }

    @Test
    void aPathLikeIdInTheIndexNeverReachesTheFileSystem() throws Exception {
        Path index = dir.resolve("index.json");
        Files.writeString(index, "{\n  \"schema_version\": 1,\n  \"all_ids\": [\n    \"" + a.id()
                + "\",\n    \"../../outside/x/target\"\n  ]\n}\n");
        var before = snapshotOutside();

        assertThat(s.jit().queries().list(IssueFilter.ALL)).extracting(v -> v.issue().id())
                .containsExactly(a.id());
        assertThat(s.warnings()).anySatisfy(w -> assertThat(w).contains("invalid id", "../../outside/x/target"));
        assertThat(codes(validate())).contains("invalid_id");
        Validation.Report fixed = fix();
        assertThat(fixed.repairs()).anySatisfy(r -> assertThat(r).contains("rebuilt index.json"));
        assertThat(Files.readString(index)).doesNotContain("target").contains(a.id());
        assertThat(validate().valid()).isTrue();
        assertThat(snapshotOutside()).isEqualTo(before);
    }

    @Test
    void aDirectoryWhereAnIssueFileBelongsIsSkippedAndReported() throws Exception {
        Issue b = create("B");
        Path file = dir.resolve("issues/" + b.id() + ".json");
        Files.delete(file);
        Files.createDirectories(file.resolve("content"));

        Queries q = s.jit().queries();
        assertThat(q.list(IssueFilter.ALL)).extracting(v -> v.issue().id()).containsExactly(a.id());
        assertThat(s.warnings()).anySatisfy(w -> assertThat(w).contains(b.id(), "is a directory"));
        assertCorrupt(() -> q.show(b.id()), file.toString(), "is a directory");
        assertThat(q.status()).containsEntry("total", 1);
        create("C"); // writes to other issues still work

        // A directory with content is left for a human (never recursed into); an empty one is removed.
        Validation.Report report = fix();
        assertThat(codes(report)).contains("not_a_regular_file");
        assertThat(report.valid()).isFalse();
        assertThat(file.resolve("content")).isDirectory();
        Files.delete(file.resolve("content"));
        assertThat(codes(fix())).contains("not_a_regular_file");
        assertThat(file).doesNotExist();
        assertThat(validate().valid()).isTrue();
    }

    @Test
    void aFifoWhereAnIssueFileBelongsNeverBlocks() throws Exception {
        Issue b = create("B");
        Path file = dir.resolve("issues/" + b.id() + ".json");
        Files.delete(file);
        mkfifo(file);

        Queries q = s.jit().queries();
        assertThat(q.list(IssueFilter.ALL)).hasSize(1);
        assertCorrupt(() -> q.show(b.id()), "special file");
        assertThat(codes(fix())).contains("not_a_regular_file");
        assertThat(Files.exists(file, LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(validate().valid()).isTrue();
    }

    @Test
    void anIssueFileLinkedToAFileOutsideIsNeitherReadNorWritten() throws Exception {
        Issue b = create("B");
        Path file = dir.resolve("issues/" + b.id() + ".json");
        Path victim = outside.resolve(b.id() + ".json");
        Files.move(file, victim);
        Files.createSymbolicLink(file, victim);
        var before = snapshotOutside();

        Queries q = s.jit().queries();
        assertThat(q.list(IssueFilter.ALL)).hasSize(1);
        assertCorrupt(() -> issues.update(b.id(), new Issues.Edit("changed", null, null, null, null, null,
                null, null)), "symbolic link");
        assertThat(codes(validate())).contains("symlink");
        fix();
        assertThat(Files.exists(file, LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(s.store().read(StoreView::ids)).containsExactly(a.id());
        assertThat(validate().valid()).isTrue();
        assertThat(snapshotOutside()).isEqualTo(before);
    }

    @Test
    void anUnparsableIndexIsAnErrorForEveryCommandAndFixRebuildsItInCreationOrder() throws Exception {
        Issue b = create("B");
        Issue c = create("C");
        Path index = dir.resolve("index.json");
        Files.writeString(index, "{ \"all_ids\": [ nope");

        assertCorrupt(() -> s.jit().queries().list(IssueFilter.ALL), index.toString());
        assertCorrupt(() -> create("D"), index.toString());
        assertThat(Files.readString(index)).isEqualTo("{ \"all_ids\": [ nope"); // nothing written
        assertThat(codes(validate())).containsExactly("index_unreadable");
        fix();
        assertThat(s.store().read(StoreView::ids)).containsExactly(a.id(), b.id(), c.id());
        assertThat(validate().valid()).isTrue();
    }

    @Test
    void aMistypedIndexIsNeverReadAsAnEmptyStore() throws Exception {
        Issue b = create("B");
        Path index = dir.resolve("index.json");
        for (String bad : List.of("{\"schema_version\": 1, \"all_ids\": \"" + a.id() + "\"}",
                "{\"schema_version\": 1, \"all_ids\": [1, 2]}", "{\"schema_version\": \"one\", \"all_ids\": []}",
                "[]", "{\"schema_version\": 1}")) {
            Files.writeString(index, bad);
            assertCorrupt(() -> s.jit().queries().status(), index.toString());
            assertCorrupt(() -> create("D"), index.toString());
            assertThat(Files.readString(index)).isEqualTo(bad);
        }
        fix();
        assertThat(s.store().read(StoreView::ids)).containsExactly(a.id(), b.id());
    }

    @Test
    void anIndexLinkedOutsideIsNotReadAndFixReplacesTheLinkNotItsTarget() throws Exception {
        Path index = dir.resolve("index.json");
        Path victim = outside.resolve("index.json");
        Files.move(index, victim);
        Files.createSymbolicLink(index, victim);
        var before = snapshotOutside();

        assertCorrupt(() -> s.jit().queries().status(), "index.json", "symbolic link");
        assertThat(codes(validate())).containsExactly("symlink");
        fix();
        assertThat(Files.isSymbolicLink(index)).isFalse();
        assertThat(s.store().read(StoreView::ids)).containsExactly(a.id());
        assertThat(snapshotOutside()).isEqualTo(before);
    }

    @Test
    void anUnreadableGateRegistryIsAnErrorNotAnEmptyRegistry() throws Exception {
        Path gates = dir.resolve("gates.json");
        Files.writeString(gates, "{\"gates\": [");
        assertCorrupt(() -> s.store().read(StoreView::registry), gates.toString());
        assertThat(codes(validate())).containsExactly("gates_unreadable");
    }

    @Test
    void aJournalNamingPathsOutsideIsNeverAppliedAndFixRemovesIt() throws Exception {
        Files.createDirectories(dir.resolve("tmp"));
        Files.writeString(dir.resolve("tmp/t1"), "overwritten");
        Files.writeString(dir.resolve(".journal.json"), "{\"writes\": [{\"target\": \"../outside/precious.txt\", "
                + "\"temp\": \"tmp/t1\"}], \"deletes\": [\"../outside/x/target.json\"], \"events\": []}");
        var before = snapshotOutside();

        assertThat(s.jit().queries().status()).containsEntry("total", 1);
        assertCorrupt(() -> create("B"), ".journal.json", "precious.txt");
        assertThat(codes(validate())).containsExactly("journal_outside_store");
        fix();
        assertThat(dir.resolve(".journal.json")).doesNotExist();
        create("B");
        assertThat(dir.resolve("tmp/t1")).doesNotExist(); // debris cleared by the next write
        assertThat(snapshotOutside()).isEqualTo(before);
    }

    @Test
    void cacheAndIssuesAsLinksAreNeverFollowed() throws Exception {
        Path victimDir = Files.createDirectories(outside.resolve("cache"));
        Files.writeString(victimDir.resolve("issues.bin"), "not a cache");
        deleteTree(dir.resolve("cache"));
        Files.createSymbolicLink(dir.resolve("cache"), victimDir);
        var before = snapshotOutside();
        Queries q = s.jit().queries();
        assertThat(q.list(IssueFilter.ALL)).hasSize(1);
        create("B");
        assertThat(q.list(IssueFilter.ALL)).hasSize(2);
        assertThat(snapshotOutside()).isEqualTo(before);

        Path issuesCopy = outside.resolve("issues");
        Files.move(dir.resolve("issues"), issuesCopy);
        Files.createSymbolicLink(dir.resolve("issues"), issuesCopy);
        before = snapshotOutside();
        assertCorrupt(() -> q.list(IssueFilter.ALL), "issues", "symbolic link");
        assertCorrupt(() -> create("C"), "issues", "symbolic link");
        assertThat(codes(validate())).contains("symlink");
        fix();
        assertThat(Files.isSymbolicLink(dir.resolve("issues"))).isFalse();
        assertThat(Files.isSymbolicLink(dir.resolve("cache"))).isFalse();
        assertThat(validate().valid()).isTrue();
        assertThat(snapshotOutside()).isEqualTo(before);
    }

    @Test
    void aStoreReachedThroughALinkWorks() throws Exception {
        Path link = Files.createSymbolicLink(tmp.resolve("linked-store"), dir);
        TestStores.Opened viaLink = TestStores.open(link, "test:link", java.time.Duration.ofSeconds(5));
        viaLink.jit().issues().create(new Issues.NewIssue("via link", null, null, null, null, null));
        assertThat(viaLink.store().paths().dataDir()).isEqualTo(dir.toRealPath());
        assertThat(s.jit().queries().status()).containsEntry("total", 2);
    }

    static void mkfifo(Path path) throws Exception {
        Process p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        assertThat(p.waitFor()).isZero();
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
