package dev.jit.dispatch.cli;

import dev.jit.core.Jit;
import dev.jit.core.model.JitOptions;
import dev.jit.dispatch.config.AgentPrograms;
import dev.jit.dispatch.config.ConfigException;
import dev.jit.dispatch.config.ConfigLoader;
import dev.jit.dispatch.config.DispatchConfig;
import dev.jit.dispatch.engine.DecisionLog;
import dev.jit.dispatch.engine.Dispatcher;

import dev.jit.dispatch.process.Supervisor;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every command shares: which config and which repository. */
public final class CommonOptions {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "dispatch.toml",
            description = "Dispatcher configuration (default: ${DEFAULT-VALUE})")
    Path config;

    @Option(names = {"-r", "--repo"}, paramLabel = "DIR", defaultValue = ".",
            description = "Repository whose store to dispatch from; agents run there (default: current directory)")
    Path repo;

    /** The configuration, refused (exit 2) if it is invalid. */
    DispatchConfig loadConfig() throws ConfigException {
        return ConfigLoader.load(config);
    }

    /** The configuration, refused (exit 2) if it is invalid or an agent's program cannot be run. */
    DispatchConfig loadRunnableConfig() throws ConfigException {
        DispatchConfig loaded = loadConfig();
        programs().requireRunnable(loaded);
        return loaded;
    }

    /** Agent programs as the agents will be started: from the repository, with this process's PATH. */
    AgentPrograms programs() {
        return new AgentPrograms(repoDir(), System.getenv("PATH"));
    }

    Path repoDir() {
        return repo.toAbsolutePath().normalize();
    }

    /** The repository's store (JIT_DATA_DIR or the nearest .jit/), opened with the dispatcher as actor. */
    Jit openStore() {
        return openStore(repoDir());
    }

    static Jit openStore(Path repoDir) {
        Map<String, String> env = System.getenv();
        Path dataDir = Jit.locate(repoDir, env);
        JitOptions options = new JitOptions(JitOptions.lockTimeoutFrom(env),
                "dispatcher:" + ProcessHandle.current().pid(), w -> System.err.println("warning: " + w));
        return Jit.open(dataDir, options);
    }

    /**
     * Builds the dispatcher from the configuration and store, runs {@code body} with SIGTERM/SIGINT wired to a
     * graceful stop, and returns its result.
     */
    <T> T withDispatcher(java.util.function.Function<Dispatcher, T> body) throws ConfigException {
        DispatchConfig config = loadRunnableConfig();
        Dispatcher dispatcher = new Dispatcher(config, openStore(), repoDir(), programs(), new DecisionLog(System.out));
        GracefulExit exit = GracefulExit.install(dispatcher::requestStop,
                config.shutdownGrace().plus(Supervisor.KILL_AFTER).plus(java.time.Duration.ofSeconds(15)));
        try {
            return body.apply(dispatcher);
        } finally {
            exit.finished();
        }
    }
}
