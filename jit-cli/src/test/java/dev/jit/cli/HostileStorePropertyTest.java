package dev.jit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Plants random hostile entries in a real store (links to files and directories of a sibling "outside"
 * directory, directories and FIFOs where files belong, damaged JSON, crafted ids, a journal naming outside
 * paths), runs random read and write commands through the CLI entry point, and checks that nothing outside the
 * store changed, that every command exits with a documented code, and that none prints a stack trace or an
 * internal error.
 *
 * <p>The lock file is left out: it is {@code StoreLock}'s (its own tests plant links and FIFOs there).
 */
class HostileStorePropertyTest {
    private static final Set<Integer> DOCUMENTED_EXITS = Set.of(0, 1, 2, 3, 4, 5, 6, 10);
    private static final ExecutorService RUNNER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "hostile-store-cli");
        t.setDaemon(true);
        return t;
    });

    /** Where a hostile entry goes, as the store path it replaces. */
    private static final List<String> FILE_PLACES = List.of("index.json", "gates.json", "events.jsonl",
            ".journal.json", "issues/ISSUE0.json", "issues/ISSUE1.json", "issues/NEWID.json", "cache/issues.bin",
            "cache/delta.log", "tmp/leftover");
    private static final List<String> DIR_PLACES = List.of("issues", "tmp", "cache");
    private static final List<String> OUTSIDE_TARGETS = List.of("file.txt", "dir", "dir/inner.json", "issue.json",
            "events.jsonl", "missing");
    private static final List<String> CRAFTED_IDS = List.of("../../outside/dir/inner", "../outside/file",
            "/etc/passwd", "a/b", "..", ".", "", "ISSUE0/../../outside/issue", "x\u0000y");

    enum Kind { LINK, DIRECTORY, FULL_DIRECTORY, FIFO, DAMAGED_JSON, CRAFTED_INDEX, MISTYPED_INDEX, OUTSIDE_JOURNAL,
        HOSTILE_DEPENDENCY }

    record Plant(Kind kind, String place, String target, String craftedId) {
    }

    @AfterContainer
    static void stopRunner() {
        RUNNER.shutdownNow();
    }

    @Provide
    Arbitrary<List<Plant>> plants() {
        // Links are the likeliest way out of a store: a third of all plants. A link where a directory belongs
        // points to a directory (or nowhere), so that following it would reach the files inside.
        Arbitrary<Kind> kinds = Arbitraries.frequency(net.jqwik.api.Tuple.of(8, Kind.LINK),
                net.jqwik.api.Tuple.of(2, Kind.DIRECTORY), net.jqwik.api.Tuple.of(2, Kind.FULL_DIRECTORY),
                net.jqwik.api.Tuple.of(2, Kind.FIFO), net.jqwik.api.Tuple.of(2, Kind.DAMAGED_JSON),
                net.jqwik.api.Tuple.of(2, Kind.CRAFTED_INDEX), net.jqwik.api.Tuple.of(1, Kind.MISTYPED_INDEX),
                net.jqwik.api.Tuple.of(2, Kind.OUTSIDE_JOURNAL), net.jqwik.api.Tuple.of(1, Kind.HOSTILE_DEPENDENCY));
        Arbitrary<String> anyPlace = Arbitraries.of(concat(FILE_PLACES, DIR_PLACES));
        return Combinators.combine(kinds, anyPlace, Arbitraries.of(FILE_PLACES), Arbitraries.of(OUTSIDE_TARGETS),
                Arbitraries.of(CRAFTED_IDS)).as((kind, any, file, target, id) -> {
                    String place = kind == Kind.LINK ? any : file;
                    boolean dirPlace = DIR_PLACES.contains(place);
                    return new Plant(kind, place, dirPlace && !target.equals("missing") ? "dir" : target, id);
                }).list().ofMinSize(1).ofMaxSize(3);
    }

    @Provide
    Arbitrary<List<String>> commands() {
        return Arbitraries.of("issue list", "issue list --json", "issue show ISSUE0", "issue show ISSUE1 --json",
                "issue show NEWID", "issue create --title new", "issue update ISSUE0 --title changed",
                "issue update ISSUE1 --desc d", "query ready", "query ready --json", "dep add ISSUE1 ISSUE0",
                "validate", "validate --json", "validate --fix", "status", "status --json", "events query",
                "events tail", "issue claim ISSUE0 agent:x").list().ofMinSize(2).ofMaxSize(6);
    }

    @Property(tries = 200)
    void nothingOutsideTheStoreChangesAndEveryExitIsDocumented(
            @ForAll("plants") List<Plant> plants, @ForAll("commands") List<String> commands) throws Exception {
        Path root = Files.createTempDirectory("hostile-store");
        try {
            Path outside = prepareOutside(root.resolve("outside"));
            CliRunner cli = new CliRunner(root).env("JIT_LOCK_TIMEOUT", "5");
            cli.ok("init");
            String id0 = cli.ok("issue", "create", "--title", "zero");
            String id1 = cli.ok("issue", "create", "--title", "one");
            cli.ok("dep", "add", id1, id0);
            Files.copy(root.resolve(".jit/issues/" + id0 + ".json"), outside.resolve("issue.json"));
            String newId = java.util.UUID.randomUUID().toString();
            for (Plant p : plants) {
                plant(root.resolve(".jit"), outside, p, id0, id1, newId);
            }
            TreeMap<String, String> before = snapshot(outside);

            for (String command : commands) {
                String[] args = command.replace("ISSUE0", id0).replace("ISSUE1", id1).replace("NEWID", newId)
                        .split(" ");
                CliRunner.Result r = runGuarded(cli, args);
                String what = "jit " + String.join(" ", args) + " after " + plants + " -> exit " + r.exit()
                        + "\nstderr: " + r.err() + "\nstdout: " + r.out();
                assertThat(DOCUMENTED_EXITS).as(what).contains(r.exit());
                assertThat(r.err()).as(what).doesNotContain("\tat ").doesNotContain("Exception")
                        .doesNotContain("Internal error");
                assertThat(r.out()).as(what).doesNotContain("Internal error");
            }
            assertThat(snapshot(outside)).as("outside after " + plants + " and " + commands).isEqualTo(before);
        } finally {
            deleteTree(root);
        }
    }

    /** Runs one command, failing (instead of hanging the build) if it blocks, e.g. on a FIFO. */
    private static CliRunner.Result runGuarded(CliRunner cli, String[] args) throws Exception {
        Future<CliRunner.Result> f = RUNNER.submit(() -> cli.run(args));
        try {
            return f.get(60, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("jit " + String.join(" ", args) + " blocked for 60 s");
        }
    }

    private static Path prepareOutside(Path outside) throws IOException {
        Files.createDirectories(outside.resolve("dir"));
        Files.writeString(outside.resolve("file.txt"), "precious\n");
        Files.writeString(outside.resolve("dir/inner.json"), "{\"inner\": true}\n");
        Files.writeString(outside.resolve("events.jsonl"), "{\"id\":\"e\",\"type\":\"issue_created\"}\n");
        return outside;
    }

    private static void plant(Path store, Path outside, Plant p, String id0, String id1, String newId) throws Exception {
        Path at = store.resolve(p.place().replace("ISSUE0", id0).replace("ISSUE1", id1).replace("NEWID", newId));
        switch (p.kind()) {
            case LINK -> {
                clear(at);
                Files.createSymbolicLink(at, outside.resolve(p.target()));
            }
            case DIRECTORY -> {
                clear(at);
                Files.createDirectories(at);
            }
            case FULL_DIRECTORY -> {
                clear(at);
                Files.createDirectories(at.resolve("content"));
                Files.writeString(at.resolve("content/x"), "x");
            }
            case FIFO -> {
                clear(at);
                Process mk = new ProcessBuilder("mkfifo", at.toString()).inheritIO().start();
                assertThat(mk.waitFor()).as("mkfifo " + at).isZero();
            }
            case DAMAGED_JSON -> {
                clear(at);
                Files.writeString(at, "{\"all_ids\": [\"" + id0 + "\", ");
            }
            case CRAFTED_INDEX -> replace(store.resolve("index.json"), "{\n  \"schema_version\": 1,\n  \"all_ids\": [\n"
                    + "    \"" + id0 + "\",\n    " + quote(p.craftedId()) + ",\n    \"" + id1 + "\"\n  ]\n}\n");
            case MISTYPED_INDEX -> replace(store.resolve("index.json"), "{\"schema_version\": 1, \"all_ids\": \""
                    + id0 + "\"}");
            case OUTSIDE_JOURNAL -> {
                if (!Files.exists(store.resolve("tmp"), LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(store.resolve("tmp"));
                }
                if (Files.isDirectory(store.resolve("tmp"), LinkOption.NOFOLLOW_LINKS)) { // else a plant is there
                    Files.writeString(store.resolve("tmp/t1"), "{\"overwritten\": true}");
                }
                replace(store.resolve(".journal.json"), "{\"writes\": [{\"target\": \"../outside/" + p.target()
                        + "\", \"temp\": \"tmp/t1\"}, {\"target\": \"issues/" + id0 + ".json\", \"temp\": \"../outside/"
                        + p.target() + "\"}], \"deletes\": [\"../outside/dir/inner.json\", " + quote(p.craftedId())
                        + "], \"events\": []}");
            }
            case HOSTILE_DEPENDENCY -> {
                Path file = store.resolve("issues/" + id1 + ".json");
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    replace(file, Files.readString(file).replace("\"" + id0 + "\"", quote(p.craftedId())));
                }
            }
            default -> throw new IllegalStateException(p.kind().toString());
        }
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\u0000", "\\u0000") + "\"";
    }

    /** Writes through no link: whatever is at {@code file} (a planted link, say) is replaced. */
    private static void replace(Path file, String content) throws IOException {
        clear(file);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    /** Removes what is at {@code at} without following links (a planted link to outside goes, not its target). */
    private static void clear(Path at) throws IOException {
        if (!Files.exists(at.getParent(), LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(at.getParent());
        }
        if (!Files.isDirectory(at.getParent(), LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(at.getParent()); // a link or file planted where this entry's directory belongs
            Files.createDirectories(at.getParent());
        }
        deleteTree(at);
    }

    /** Path, kind and content hash of everything under {@code dir}, links not followed. */
    private static TreeMap<String, String> snapshot(Path dir) throws Exception {
        TreeMap<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                String kind = Files.isSymbolicLink(p) ? "link:" + Files.readSymbolicLink(p)
                        : Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "dir"
                        : Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                        ? HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)))
                        : "special";
                out.put(dir.relativize(p).toString(), kind);
            }
        }
        return out;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) { // Files.walk does not follow links by default
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
