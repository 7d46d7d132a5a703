package dev.jit.core.graph;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real Mermaid parser and renderer ({@code @mermaid-js/mermaid-cli}), run headless on the system
 * Chromium. Found through MMDC, the pinned install in src/test/mermaid
 * ({@code PUPPETEER_SKIP_DOWNLOAD=1 npm ci --prefix jit-core/src/test/mermaid}), or PATH.
 */
final class MermaidCli {
    private MermaidCli() {
    }

    record Rendered(int exit, String svg, String log) {
    }

    static Path find() {
        String env = System.getenv("MMDC");
        if (env != null && Files.isExecutable(Path.of(env))) {
            return Path.of(env);
        }
        Path pinned = Path.of("src/test/mermaid/node_modules/.bin/mmdc"); // tests run in the module directory
        if (Files.isExecutable(pinned)) {
            return pinned.toAbsolutePath();
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "mmdc");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    static Rendered render(Path mmdc, Path dir, String source) throws IOException, InterruptedException {
        Path in = Files.createTempFile(dir, "graph", ".mmd");
        Path out = Path.of(in.toString().replace(".mmd", ".svg"));
        Path config = dir.resolve("puppeteer.json");
        Files.writeString(config, "{\"executablePath\":\"/usr/bin/chromium\",\"args\":[\"--no-sandbox\",\"--disable-gpu\"]}");
        Files.writeString(in, source, StandardCharsets.UTF_8);
        ProcessBuilder pb = new ProcessBuilder(mmdc.toString(), "-q", "-p", config.toString(), "-i", in.toString(),
                "-o", out.toString()).redirectErrorStream(true);
        pb.environment().put("PUPPETEER_SKIP_DOWNLOAD", "1");
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        return new Rendered(exit, Files.exists(out) ? Files.readString(out) : "", log);
    }
}
