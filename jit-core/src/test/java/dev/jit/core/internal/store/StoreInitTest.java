package dev.jit.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jit.core.TestStores;
import dev.jit.core.error.ErrorCode;
import dev.jit.core.error.JitException;
import dev.jit.core.Issues;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreInitTest {
    @TempDir
    Path tmp;

    @Test
    void initCreatesTheLayout() throws IOException {
        Path dir = tmp.resolve("data/.jit");
        assertThat(Store.init(dir)).isTrue();
        assertThat(dir.resolve("issues")).isDirectory();
        assertThat(Files.readString(dir.resolve("index.json")))
                .isEqualTo("{\n  \"schema_version\": 1,\n  \"all_ids\": []\n}\n");
        assertThat(Files.readString(dir.resolve("gates.json"))).isEqualTo("{\n  \"gates\": {}\n}\n");
        assertThat(dir.resolve("events.jsonl")).exists().isEmptyFile();
        assertThat(Files.readString(dir.resolve(".gitignore"))).contains("*.lock", "tmp/", "cache/");
        // The lock file's two names (what the deployment guide's `ls .jit/*.lock` shows), one inode.
        assertThat(Files.readAttributes(dir.resolve("store.lock"), BasicFileAttributes.class).fileKey())
                .isEqualTo(Files.readAttributes(dir.resolve(".store.lock"), BasicFileAttributes.class).fileKey());
        try (var files = Files.list(dir)) {
            assertThat(files.filter(p -> p.getFileName().toString().endsWith(".tmp"))).isEmpty();
        }
    }

    @Test
    void initIsIdempotentAndLeavesExistingFilesAlone() throws IOException {
        Path dir = tmp.resolve(".jit");
        TestStores.Opened s = TestStores.init(dir);
        s.jit().issues().create(new Issues.NewIssue("keep me", null, null, null, null, null));
        byte[] index = Files.readAllBytes(dir.resolve("index.json"));
        byte[] events = Files.readAllBytes(dir.resolve("events.jsonl"));

        assertThat(Store.init(dir)).isFalse();
        assertThat(Files.readAllBytes(dir.resolve("index.json"))).isEqualTo(index);
        assertThat(Files.readAllBytes(dir.resolve("events.jsonl"))).isEqualTo(events);

        // A partly missing layout is completed, without touching what is there.
        Files.delete(dir.resolve("gates.json"));
        assertThat(Store.init(dir)).isTrue();
        assertThat(dir.resolve("gates.json")).exists();
        assertThat(Files.readAllBytes(dir.resolve("index.json"))).isEqualTo(index);
    }

    @Test
    void openRefusesMissingOrUninitializedStore() throws IOException {
        assertThatThrownBy(() -> TestStores.open(tmp.resolve("nope"), null, Duration.ofSeconds(1)))
                .isInstanceOfSatisfying(JitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.REPO_NOT_FOUND);
                    assertThat(e.getMessage()).contains("not found", tmp.resolve("nope").toString());
                });
        Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> TestStores.open(tmp.resolve("empty"), null, Duration.ofSeconds(1)))
                .isInstanceOfSatisfying(JitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.REPO_NOT_FOUND);
                    assertThat(e.getMessage()).contains("missing index.json");
                });
    }
}
