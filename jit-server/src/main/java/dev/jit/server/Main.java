package dev.jit.server;

import dev.jit.core.Version;
import dev.jit.core.error.ErrorCode;
import dev.jit.core.error.JitException;
import dev.jit.core.Jit;
import dev.jit.core.model.JitOptions;
import dev.jit.server.config.LogLevel;
import dev.jit.server.config.ServerConfig;
import dev.jit.server.webhooks.WebhooksConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jit-server}: flags beat environment variables, which beat defaults. Exit codes: 0 after a clean
 * stop (SIGTERM/SIGINT), 2 bad usage or configuration, 3 no store (run {@code jit init} or pass --init),
 * 1 failure to start (e.g. port in use).
 */
@Command(name = "jit-server", mixinStandardHelpOptions = true, version = "jit-server " + Version.VALUE,
        description = "Serves the JIT REST API (and optionally the web UI) for one store.")
public final class Main implements Callable<Integer> {
    @Option(names = "--host", description = "Address to bind (env JIT_HOST; default 127.0.0.1)")
    String host;
    @Option(names = "--port", description = "Port (env JIT_PORT; default 3000; 0 = any free port)")
    String port;
    @Option(names = "--data-dir", description = "Store directory (env JIT_DATA_DIR; default: nearest .jit/)")
    Path dataDir;
    @Option(names = "--web-root", description = "Directory of web UI files to serve at /")
    Path webRoot;
    @Option(names = "--token-file", description = "File holding the bearer token for writes (else env JIT_API_TOKEN)")
    Path tokenFile;
    @Option(names = "--cors-origins", description = "Comma-separated origins allowed cross-origin (env "
            + "JIT_CORS_ORIGINS; default: none)")
    String corsOrigins;
    @Option(names = "--webhooks", description = "JSON file of webhook endpoints and retry policy (env "
            + "JIT_WEBHOOKS_FILE; default: none)")
    Path webhooksFile;
    @Option(names = "--init", description = "Create the store if it does not exist")
    boolean init;

    private final Map<String, String> env;

    Main(Map<String, String> env) {
        this.env = env;
    }

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        String level = LogLevel.fromEnv(env);
        if (level != null) {
            // Must be set before the first logger is created.
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
        }
        CommandLine cli = new CommandLine(new Main(env));
        cli.setParameterExceptionHandler((e, a) -> {
            System.err.println("jit-server: " + e.getMessage() + " (see --help)");
            return 2;
        });
        int code = cli.execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public Integer call() {
        ServerConfig config;
        try {
            config = resolve();
        } catch (ConfigException e) {
            System.err.println("jit-server: " + e.getMessage());
            return e.exitCode;
        } catch (WebhooksConfig.Invalid e) {
            System.err.println("jit-server: " + e.getMessage());
            return 2;
        } catch (JitException e) {
            System.err.println("jit-server: " + e.getMessage() + hint(e));
            return e.code().exitCode();
        }
        JitServer server;
        try {
            server = JitServer.start(config);
        } catch (JitException e) {
            System.err.println("jit-server: " + e.getMessage() + hint(e));
            return e.code().exitCode();
        } catch (WebhooksConfig.Invalid e) {
            System.err.println("jit-server: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            System.err.println("jit-server: cannot start on " + config.host() + ":" + config.port() + ": "
                    + rootMessage(e));
            return 1;
        }
        // SIGTERM/SIGINT run this hook: drain, then end with 0 (a plain signal exit would report 143/130).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            Runtime.getRuntime().halt(0);
        }, "jit-server-shutdown"));
        return 0; // Jetty's threads keep the process serving.
    }

    private static String hint(JitException e) {
        if (e.code() == ErrorCode.REPO_NOT_FOUND) {
            return ": run 'jit init' there first, or start jit-server with --init";
        }
        return e.suggestions().isEmpty() ? "" : " (" + e.suggestions().get(0) + ")";
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    ServerConfig resolve() {
        Path cwd = Path.of("").toAbsolutePath();
        String hostValue = firstNonBlank(host, env.get("JIT_HOST"), "127.0.0.1");
        int portValue = parsePort(firstNonBlank(port, env.get("JIT_PORT"), "3000"));
        Path dir;
        if (dataDir != null) {
            dir = cwd.resolve(dataDir).normalize();
        } else if (init || !firstNonBlank(env.get(Jit.DATA_DIR_ENV), "").isEmpty()) {
            // The configured directory as given (it is checked once it has been compared with a store below it).
            dir = Jit.locateForInit(cwd, env);
        } else {
            dir = Jit.locate(cwd, env);
        }
        requireNotAboveStore(dir);
        if (init) {
            Jit.init(dir);
        }
        if (webRoot != null && !Files.isDirectory(webRoot)) {
            throw new ConfigException("--web-root " + webRoot + " is not a directory");
        }
        String cors = firstNonBlank(corsOrigins, env.get("JIT_CORS_ORIGINS"), "");
        List<String> origins = Arrays.stream(cors.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        String webhooks = webhooksFile != null ? webhooksFile.toString() : firstNonBlank(env.get("JIT_WEBHOOKS_FILE"), "");
        return new ServerConfig(hostValue, portValue, dir, webRoot, token(), origins,
                JitOptions.lockTimeoutFrom(env), webhooks.isEmpty() ? WebhooksConfig.NONE
                : WebhooksConfig.load(cwd.resolve(webhooks)));
    }

    /**
     * An admin who ran {@code jit init} inside the data directory (e.g. /var/lib/jit) made the store one level
     * down, at /var/lib/jit/.jit: say which path to use instead of "no store" (or, with --init, a second one).
     */
    private static void requireNotAboveStore(Path dir) {
        Path nested = dir.resolve(Jit.DIR_NAME);
        if (!Files.exists(dir.resolve("index.json")) && Files.isRegularFile(nested.resolve("index.json"))) {
            throw new ConfigException(dir + " is not a store but holds one at " + nested + ": start with --data-dir "
                    + nested + " (or JIT_DATA_DIR=" + nested + ")", ErrorCode.REPO_NOT_FOUND.exitCode());
        }
    }

    private String token() {
        if (tokenFile != null) {
            try {
                String t = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
                if (t.isEmpty()) {
                    throw new ConfigException("token file " + tokenFile + " is empty");
                }
                return t;
            } catch (IOException e) {
                throw new ConfigException("cannot read token file " + tokenFile + ": " + e.getMessage());
            }
        }
        String t = env.get("JIT_API_TOKEN");
        return t == null || t.isBlank() ? null : t.strip();
    }

    private static int parsePort(String raw) {
        try {
            int p = Integer.parseInt(raw.trim());
            if (p >= 0 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException("invalid port '" + raw + "': use 0-65535");
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return values[values.length - 1];
    }

    /** A configuration mistake: one line on stderr, exit 2 (or the code given). */
    static final class ConfigException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int exitCode;

        ConfigException(String message) {
            this(message, 2);
        }

        ConfigException(String message, int exitCode) {
            super(message);
            this.exitCode = exitCode;
        }
    }
}
