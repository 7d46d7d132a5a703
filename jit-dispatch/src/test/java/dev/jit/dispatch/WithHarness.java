package dev.jit.dispatch;

import dev.jit.dispatch.testkit.Harness;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Base of the whole-process dispatch tests: a fresh {@link Harness} (store, configs, dispatchers) per test. */
abstract class WithHarness {
    @TempDir
    Path tmp;
    Harness h;

    @BeforeEach
    void openHarness() {
        h = new Harness(tmp);
    }

    @AfterEach
    void closeHarness() {
        h.close();
    }
}
