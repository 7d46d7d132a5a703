package dev.jit.server.http;

import dev.jit.server.error.ApiException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Serves the web UI: files from {@code --web-root}, or else from a {@code /jit-web} directory on the classpath
 * (where a packaged web-UI jar will put them), with {@code index.html} for unknown non-/api paths so
 * client-side routes survive a reload.
 */
public final class WebRoot {
    public static final String CLASSPATH_DIR = "/jit-web";

    private final Path dir;
    private final boolean classpath;

    private WebRoot(Path dir, boolean classpath) {
        this.dir = dir;
        this.classpath = classpath;
    }

    /** The configured directory, else the classpath UI if packaged, else null (API only). */
    public static WebRoot find(Path webRoot) {
        if (webRoot != null) {
            return new WebRoot(webRoot.toAbsolutePath().normalize(), false);
        }
        return WebRoot.class.getResource(CLASSPATH_DIR + "/index.html") != null ? new WebRoot(null, true) : null;
    }

    public String describe() {
        return classpath ? "classpath:" + CLASSPATH_DIR : dir.toString();
    }

    public void register(JavalinConfig config) {
        config.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = classpath ? CLASSPATH_DIR : dir.toString();
            files.location = classpath ? Location.CLASSPATH : Location.EXTERNAL;
            // Never serve dot-files or dot-directories (e.g. a .jit store or .git inside the web root).
            files.skipFileFunction = req -> req.getRequestURI().contains("/.");
        });
        config.spaRoot.addHandler("/", this::fallback);
    }

    private void fallback(Context ctx) throws IOException {
        if (ctx.path().equals("/api") || ctx.path().startsWith("/api/")) {
            throw new ApiException(404, "NOT_FOUND", "No such endpoint: " + ctx.method() + " " + ctx.path());
        }
        byte[] index = index();
        if (index == null) {
            throw new ApiException(404, "NOT_FOUND", "Not found: " + ctx.path());
        }
        ctx.contentType("text/html; charset=utf-8").result(index);
    }

    private byte[] index() throws IOException {
        if (classpath) {
            try (InputStream in = WebRoot.class.getResourceAsStream(CLASSPATH_DIR + "/index.html")) {
                return in == null ? null : in.readAllBytes();
            }
        }
        Path index = dir.resolve("index.html");
        return Files.isRegularFile(index) ? Files.readAllBytes(index) : null;
    }
}
