package dev.jit.core;

import dev.jit.core.internal.store.Store;
import dev.jit.core.internal.store.StoreLocator;
import dev.jit.core.model.JitOptions;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The one entry point to a JIT store, in the spirit of JGit's {@code Git}: open a store, then work through its
 * facets. Every facet method is one locked transaction (or one consistent read) that takes and returns records;
 * the CLI, the REST server, MCP and the dispatcher call nothing else in jit-core. Facets are cheap views over
 * the same open store and may be fetched as often as convenient.
 *
 * <pre>{@code
 * Jit jit = Jit.open(Jit.locate(workingDir, env), options);
 * Outcome claimed = jit.issues().claim("4f2a", "agent:worker-1");
 * }</pre>
 */
public final class Jit {
    /** Environment variable naming the store directory; see {@link #locate}. */
    public static final String DATA_DIR_ENV = StoreLocator.DATA_DIR_ENV;
    /** The store directory's name inside a repository. */
    public static final String DIR_NAME = StoreLocator.DIR_NAME;

    private final Store store;
    private final Issues issues;
    private final Queries queries;
    private final Dependencies dependencies;
    private final Gates gates;
    private final Graphs graphs;
    private final Search search;
    private final Documents documents;
    private final Validation validation;
    private final Events events;
    private final Backups backups;
    private final Agents agents;
    private final Snapshots snapshots;

    private Jit(Store store) {
        this.store = store;
        this.issues = new Issues(store);
        this.queries = new Queries(store);
        this.dependencies = new Dependencies(store);
        this.gates = new Gates(store);
        this.graphs = new Graphs(store);
        this.search = new Search(store);
        this.documents = new Documents(store);
        this.validation = new Validation(store);
        this.events = new Events(store);
        this.backups = new Backups(store);
        this.agents = new Agents(store);
        this.snapshots = new Snapshots(store);
    }

    /** Opens the initialized store at {@code dataDir}; REPO_NOT_FOUND (with a hint to run {@code jit init}) otherwise. */
    public static Jit open(Path dataDir, JitOptions options) {
        return new Jit(Store.open(dataDir, options));
    }

    /**
     * Creates the store layout at {@code dataDir} where it is missing; existing files are left alone.
     *
     * @return true if anything was created
     */
    public static boolean init(Path dataDir) {
        return Store.init(dataDir);
    }

    /** The existing store for {@code workingDir}: {@value #DATA_DIR_ENV}, else the nearest {@value #DIR_NAME} upwards. */
    public static Path locate(Path workingDir, Map<String, String> env) {
        return StoreLocator.locate(workingDir, env);
    }

    /** Where {@code jit init} creates a store for {@code workingDir} (never searches upwards). */
    public static Path locateForInit(Path workingDir, Map<String, String> env) {
        return StoreLocator.forInit(workingDir, env);
    }

    /** The store directory (its real path). */
    public Path dataDir() {
        return store.paths().dataDir();
    }

    public JitOptions options() {
        return store.options();
    }

    /**
     * Runs {@code body} holding the store's lock: shared (readers go on, writers wait) or exclusive (everyone
     * waits), for as long as {@code body} runs. For {@code jit lock -- CMD}: another program's consistent view.
     */
    public <T> T underLock(boolean shared, String purpose, Supplier<T> body) {
        return shared ? store.read(view -> body.get()) : store.write(purpose, tx -> body.get());
    }

    public Issues issues() {
        return issues;
    }

    public Queries queries() {
        return queries;
    }

    public Dependencies dependencies() {
        return dependencies;
    }

    public Gates gates() {
        return gates;
    }

    public Graphs graphs() {
        return graphs;
    }

    public Search search() {
        return search;
    }

    public Documents documents() {
        return documents;
    }

    public Validation validation() {
        return validation;
    }

    public Events events() {
        return events;
    }

    public Backups backups() {
        return backups;
    }

    /** Whole-store reads for processes that keep derived data between requests (the REST server). */
    public Snapshots snapshots() {
        return snapshots;
    }

    /** Operations of an agent coordinator (jit-dispatch): claims and releases recorded with their agent events. */
    public Agents agents() {
        return agents;
    }
}
