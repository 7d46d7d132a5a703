package dev.jit.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * A class of browser tests on one store of its own ({@link UiStore}): {@link #seed} writes it with the real CLI
 * before its jit-server starts, {@link #seedThroughTheApi} adds what is quicker to make over HTTP, and every test
 * begins on a fresh page of the UI.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class UiTest {
    protected UiStore store;
    protected Browser browser;

    /** Seeds the new store with the CLI ({@code store.cli}, {@code store.git}) before its server starts. */
    abstract void seed() throws Exception;

    /** Seeds more through the running server ({@code store.server.send}); nothing unless overridden. */
    void seedThroughTheApi() throws Exception {
    }

    @BeforeAll
    final void startStore() throws Exception {
        store = new UiStore(getClass().getSimpleName());
        seed();
        store.start();
        browser = store.browser;
        seedThroughTheApi();
    }

    @AfterAll
    final void stopStore() throws Exception {
        if (store != null) {
            store.close();
        }
    }

    /** A 1280x800 window in the light system scheme, on the dashboard, with this origin's storage cleared. */
    @BeforeEach
    final void freshPage() {
        browser.size(1280, 800);
        browser.systemScheme("light");
        // Storage belongs to the origin, so it is cleared from a page of the UI, and only once a view is ready:
        // the app's theme effect runs after its first paint and would otherwise write the previous test's
        // theme back into localStorage after the clear.
        store.go("#/", "dashboard");
        browser.js("sessionStorage.clear(); localStorage.clear();");
    }

    /** Puts the server's token into this tab's session, as the token dialog does, for tests that write. */
    final void useToken() {
        browser.js("sessionStorage.setItem('jit-token', arguments[0]);", JitServerProcess.TOKEN);
    }
}
