package dev.jit.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jit.core.error.ErrorCode;
import dev.jit.core.error.JitException;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreLocatorTest {
    @TempDir
    Path tmp;

    @Test
    void absoluteDataDirIsUsedAsIs() {
        Path store = tmp.resolve("var/lib/jit");
        Store.init(store);
        Path cwd = tmp.resolve("elsewhere");
        Map<String, String> env = Map.of("JIT_DATA_DIR", store.toString());
        assertThat(StoreLocator.locate(cwd, env)).isEqualTo(store.toAbsolutePath().normalize());
        assertThat(StoreLocator.forInit(cwd, env)).isEqualTo(store.toAbsolutePath().normalize());
    }

    @Test
    void relativeDataDirIsRelativeToTheWorkingDirectory() throws IOException {
        Path cwd = Files.createDirectories(tmp.resolve("work"));
        Store.init(cwd.resolve("../data/store"));
        Map<String, String> env = Map.of("JIT_DATA_DIR", "../data/store");
        assertThat(StoreLocator.forInit(cwd, env)).isEqualTo(tmp.resolve("data/store").toAbsolutePath());
        assertThat(StoreLocator.locate(cwd, env)).isEqualTo(tmp.resolve("data/store").toAbsolutePath());
    }

    @Test
    void dataDirThatIsNotAStoreIsReported() {
        Map<String, String> env = Map.of("JIT_DATA_DIR", "missing");
        assertThatThrownBy(() -> StoreLocator.locate(tmp, env))
                .isInstanceOfSatisfying(JitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.REPO_NOT_FOUND);
                    assertThat(e.getMessage()).contains(tmp.resolve("missing").toString());
                    assertThat(e.suggestions()).anySatisfy(s -> assertThat(s).contains("jit init"));
                });
    }

    @Test
    void walksUpToTheNearestJitDirectory() throws IOException {
        Store.init(tmp.resolve(".jit"));
        Store.init(tmp.resolve("a/.jit"));
        Path deep = Files.createDirectories(tmp.resolve("a/b/c"));
        assertThat(StoreLocator.locate(deep, Map.of())).isEqualTo(tmp.resolve("a/.jit").toAbsolutePath());
        Path side = Files.createDirectories(tmp.resolve("x/y"));
        assertThat(StoreLocator.locate(side, Map.of())).isEqualTo(tmp.resolve(".jit").toAbsolutePath());
        // A blank JIT_DATA_DIR counts as unset; init never searches upwards.
        assertThat(StoreLocator.locate(deep, Map.of("JIT_DATA_DIR", " "))).isEqualTo(tmp.resolve("a/.jit"));
        assertThat(StoreLocator.forInit(deep, Map.of())).isEqualTo(deep.resolve(".jit"));
    }

    @Test
    void noStoreAnywhereGivesRepoNotFoundWithHints() throws IOException {
        // The walk goes up to the root, and a stray .jit above the temp directory (in /tmp, or /) would be
        // found. A fresh zip file system is a whole directory tree of its own, from its root down, with
        // nothing in it but what the test creates.
        try (FileSystem own = FileSystems.newFileSystem(tmp.resolve("tree.zip"), Map.of("create", "true"))) {
            Path deep = Files.createDirectories(own.getPath("/p/q"));
            assertThatThrownBy(() -> StoreLocator.locate(deep, Map.of()))
                    .isInstanceOfSatisfying(JitException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.REPO_NOT_FOUND);
                        assertThat(e.code().exitCode()).isEqualTo(3);
                        assertThat(e.getMessage()).contains("no .jit/ directory in " + deep, "or any parent");
                        assertThat(e.suggestions()).anySatisfy(s -> assertThat(s).contains("jit init"));
                        assertThat(e.suggestions()).anySatisfy(s -> assertThat(s).contains("JIT_DATA_DIR"));
                    });
            // With a store at the tree's root it is found from below, so the walk did reach the root. (.jit with
            // an index.json is all the locator looks for; Store.init's durable writes need a real file system.)
            Files.writeString(Files.createDirectories(own.getPath("/.jit")).resolve("index.json"), "{}");
            assertThat(StoreLocator.locate(deep, Map.of())).isEqualTo(own.getPath("/.jit"));
        }
    }

    @Test
    void uninitializedJitDirectoryIsReported() throws IOException {
        Files.createDirectories(tmp.resolve(".jit"));
        assertThatThrownBy(() -> StoreLocator.locate(tmp, Map.of()))
                .isInstanceOfSatisfying(JitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.REPO_NOT_FOUND);
                    assertThat(e.getMessage()).contains("not properly initialized (missing index.json)");
                });
    }
}
