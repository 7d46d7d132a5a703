package dev.jit.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jit.core.json.Json;
import dev.jit.web.Browser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The deployment guide, step by step, against the release tarball: unpack, install the three executables
 * into a bin directory of their own, initialise a store, run jit-server with the systemd unit's environment,
 * put Debian's nginx with our site in front, drive the UI through nginx in headless Chromium, verify the
 * systemd units, and back up and restore the store. Everything runs on loopback in temp directories.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeploymentIT {
    static final Path TARBALL = Path.of(System.getProperty("jit.tarball", "target/jit-linux-x64.tar.gz"));
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Path root;
    Path unpacked;
    Path bin;
    Path data;
    Path www;
    int apiPort;
    int webPort;
    Process server;
    Process nginx;

    record Run(int exit, String out, String err) {
    }

    @BeforeAll
    void installAndStart() throws Exception {
        root = Files.createTempDirectory("jit-deploy-");
        unpacked = Files.createDirectories(root.resolve("release"));
        assertThat(run(unpacked, Map.of(), "tar", "-xzf", TARBALL.toAbsolutePath().toString()).exit()).isZero();
        // sudo mv jit jit-server jit-dispatch /usr/local/bin/ — here a bin directory that holds only them.
        bin = Files.createDirectories(root.resolve("usr-local-bin"));
        for (String exe : List.of("jit", "jit-server", "jit-dispatch")) {
            Files.move(unpacked.resolve(exe), bin.resolve(exe));
        }
        data = root.resolve("var-lib-jit");
        Files.createDirectories(data);
        assertThat(jit(Map.of("JIT_DATA_DIR", data.toString()), "init").exit()).isZero();

        apiPort = freePort();
        server = startServer();
        www = Files.createDirectories(root.resolve("var-www-jit"));
        assertThat(run(www, Map.of(), "tar", "-xzf", unpacked.resolve("jit-web-ui.tar.gz").toString()).exit()).isZero();
        webPort = freePort();
        nginx = startNginx(siteConfig("jit.conf"));
    }

    @AfterAll
    void stop() throws Exception {
        for (Process p : new Process[]{nginx, server}) {
            if (p != null) {
                p.destroy();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
        run(Path.of("/"), Map.of(), "rm", "-rf", root.toString());
    }

    @Test
    void tarballHasTheGuideLayout() throws Exception {
        Run list = run(root, Map.of(), "tar", "-tzvf", TARBALL.toAbsolutePath().toString());
        assertThat(list.out()).contains(" jit\n", " jit-server\n", " jit-dispatch\n", " jit-web-ui.tar.gz\n",
                " jit-backup.sh\n", " INSTALL\n", " systemd/jit-api.service\n", " systemd/jit-dispatch.service\n",
                " nginx/jit.conf\n", " nginx/jit-tls.conf\n");
        for (String line : list.out().lines().toList()) {
            if (line.matches(".* (jit|jit-server|jit-dispatch|jit-backup\\.sh)$")) {
                assertThat(line).startsWith("-rwxr-xr-x");
            }
        }
        Run webList = run(root, Map.of(), "tar", "-tzf", unpacked.resolve("jit-web-ui.tar.gz").toString());
        assertThat(webList.out().lines()).anyMatch(l -> l.matches("(\\./)?index\\.html"));
    }

    @Test
    void executablesNeedOnlyJavaAndSayWhenItIsMissing() throws Exception {
        assertThat(jit(Map.of(), "--version").out()).startsWith("jit ");
        Run noJava = run(root, Map.of("PATH", bin + ":/nonexistent", "JAVA_HOME", ""), "/bin/sh",
                bin.resolve("jit").toString(), "--version");
        assertThat(noJava.exit()).isEqualTo(127);
        assertThat(noJava.err().strip()).startsWith("jit: no Java runtime found").doesNotContain("\n");
        // The example names an agent program a deployment installs: until it exists, validate-config says so.
        Path config = unpacked.resolve("dispatch.toml.example");
        Map<String, String> path = Map.of("PATH", bin + ":" + System.getenv("PATH"));
        Path absent = root.resolve("no-such-agent");
        Path uninstalled = Files.writeString(root.resolve("uninstalled.toml"),
                Files.readString(config).replace("/usr/local/bin/jit-agent", absent.toString()));
        Run missing = run(root, path, bin.resolve("jit-dispatch").toString(), "validate-config", "-c",
                uninstalled.toString());
        assertThat(missing.exit()).as(missing.out()).isEqualTo(2);
        assertThat(missing.err().strip()).isEqualTo("error: " + uninstalled + ": agent \"worker-1\": program \""
                + absent + "\" does not exist (as " + absent + ")");
        Path agent = Files.writeString(root.resolve("jit-agent"), "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(agent, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path installed = Files.writeString(root.resolve("dispatch.toml"),
                Files.readString(config).replace("/usr/local/bin/jit-agent", agent.toString()));
        Run valid = run(root, path, bin.resolve("jit-dispatch").toString(), "validate-config", "-c", installed.toString());
        assertThat(valid.exit()).as(valid.err()).isZero();
    }

    @Test
    void apiAnswersHealthWithTheUnitsEnvironmentAndSeesCliWrites() throws Exception {
        assertThat(get(apiPort, "/api/health").body()).isEqualTo("{\"status\":\"ok\"}");
        String id = jit(Map.of("JIT_DATA_DIR", data.toString()), "issue", "create", "-t", "from the CLI").out().strip();
        assertThat(get(apiPort, "/api/issues/" + id).statusCode()).isEqualTo(200);
    }

    @Test
    void nginxServesTheUiAndProxiesTheApiAndEvents() throws Exception {
        HttpResponse<String> index = get(webPort, "/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.body()).contains("<html");
        assertThat(index.headers().firstValue("X-Frame-Options")).contains("SAMEORIGIN");
        assertThat(get(webPort, "/issues/some/deep/link").body()).isEqualTo(index.body());
        assertThat(Json.parse(get(webPort, "/api/health").body()).get("status").asText()).isEqualTo("ok");

        String asset;
        try (Stream<Path> files = Files.walk(www.resolve("assets"))) {
            asset = files.filter(p -> p.toString().endsWith(".js")).findFirst().orElseThrow().getFileName().toString();
        }
        assertThat(asset).matches(".*[-.][A-Za-z0-9_-]{8,}\\.js");
        HttpResponse<String> js = get(webPort, "/assets/" + asset);
        assertThat(js.statusCode()).isEqualTo(200);
        // `expires 1y` and the guide's add_header each send a Cache-Control header.
        assertThat(String.join(", ", js.headers().allValues("Cache-Control"))).contains("max-age=31536000")
                .contains("immutable");

        // Server-Sent Events through the proxy: an issue created by the CLI arrives as an event.
        HttpResponse<java.io.InputStream> stream = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + webPort + "/api/events/stream"))
                        .header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        CompletableFuture<String> received = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (line.startsWith("data:") && line.contains("through nginx")) {
                        return line;
                    }
                }
                return "";
            } catch (IOException e) {
                return "";
            }
        });
        Thread.sleep(500);
        jit(Map.of("JIT_DATA_DIR", data.toString()), "issue", "create", "-t", "through nginx");
        assertThat(received.get(15, TimeUnit.SECONDS)).contains("issue_created");
        stream.body().close();
    }

    @Test
    void theUiWorksInABrowserThroughNginx() throws Exception {
        jit(Map.of("JIT_DATA_DIR", data.toString()), "issue", "create", "-t", "seen in the browser");
        JsonNode status = Json.parse(get(webPort, "/api/status").body());
        try (Browser browser = new Browser()) {
            browser.open("http://127.0.0.1:" + webPort + "/#/");
            browser.waitReady("dashboard");
            List<String> total = browser.texts(".count[data-state='ready'] .count-n");
            assertThat(total).containsExactly(status.get("ready").asText());
            browser.screenshot("through-nginx-dashboard");
        }
    }

    @Test
    void pathDeepLinksRenderTheIssueThroughNginxAndThroughJitServer() throws Exception {
        String id = jit(Map.of("JIT_DATA_DIR", data.toString()), "issue", "create", "-t", "reached by a deep link")
                .out().strip();
        // jit-server's own web root: the same UI files, served with its SPA fallback.
        int port = freePort();
        ProcessBuilder pb = new ProcessBuilder(bin.resolve("jit-server").toString(), "--web-root", www.toString())
                .redirectErrorStream(true).redirectOutput(root.resolve("jit-server-web.log").toFile());
        pb.environment().putAll(unitEnvironment());
        pb.environment().put("JIT_DATA_DIR", data.toString());
        pb.environment().put("JIT_PORT", String.valueOf(port));
        pb.environment().put("XDG_CACHE_HOME", root.resolve("cache").toString());
        Process direct = pb.start();
        try (Browser browser = new Browser()) {
            awaitHttp(port, "/api/health", direct, "jit-server-web.log");
            for (int p : List.of(webPort, port)) {
                for (String link : List.of("/issues/" + id, "/issues/" + id.substring(0, 8), "/issue/" + id)) {
                    browser.open("http://127.0.0.1:" + p + link);
                    browser.waitReady("issue");
                    assertThat(browser.texts("h1")).as(p + link).containsExactly("reached by a deep link");
                    assertThat((String) browser.js("return location.pathname + location.hash")).as(p + link)
                            .startsWith("/#/issue/");
                }
            }
            browser.screenshot("deep-link-through-nginx");
        } finally {
            direct.destroy();
            direct.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void everyLocationSendsTheSecurityHeadersAndTheTlsSiteHsts() throws Exception {
        String asset;
        try (Stream<Path> files = Files.walk(www.resolve("assets"))) {
            asset = "/assets/" + files.filter(p -> p.toString().endsWith(".js")).findFirst().orElseThrow().getFileName();
        }
        List<String> locations = List.of("/", "/index.html", "/issues/deep/link", asset, "/api/health",
                "/api/issues", "/api/events/stream");
        Map<String, String> expected = Map.of("x-frame-options", "SAMEORIGIN", "x-content-type-options", "nosniff",
                "x-xss-protection", "1; mode=block", "referrer-policy", "strict-origin-when-cross-origin");
        for (String path : locations) {
            assertThat(headers("http://127.0.0.1:" + webPort + path)).as("jit.conf " + path).containsAllEntriesOf(expected);
        }

        int tlsPort = freePort();
        Path site = root.resolve("site-running-tls.conf");
        Files.writeString(site, Files.readString(siteConfig("jit-tls.conf"))
                .replaceFirst("listen 127\\.0\\.0\\.1:\\d+ ssl http2;", "listen 127.0.0.1:" + tlsPort + " ssl http2;")
                .replaceFirst("listen 127\\.0\\.0\\.1:" + webPort + ";", "listen 127.0.0.1:" + freePort() + ";"));
        Path conf = mainConfig(site, "nginx-tls");
        Process tls = new ProcessBuilder("nginx", "-p", root.toString(), "-c", conf.toString(), "-g", "daemon off;")
                .redirectErrorStream(true).redirectOutput(root.resolve("nginx-tls.out").toFile()).start();
        try {
            Map<String, String> withHsts = new TreeMap<>(expected);
            withHsts.put("strict-transport-security", "max-age=31536000");
            for (String path : locations) {
                Map<String, String> h = awaitHeaders("https://127.0.0.1:" + tlsPort + path, tls);
                assertThat(h).as("jit-tls.conf " + path).containsAllEntriesOf(withHsts);
            }
        } finally {
            tls.destroy();
            tls.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void nginxAcceptsBothSiteConfigurations() throws Exception {
        for (String site : List.of("jit.conf", "jit-tls.conf")) {
            Path conf = mainConfig(siteConfig(site), "test-" + site);
            Run t = run(root, Map.of(), "nginx", "-t", "-p", root.toString(), "-c", conf.toString());
            assertThat(t.exit()).as(site + ": " + t.err()).isZero();
        }
    }

    @Test
    void systemdUnitsVerify() throws Exception {
        Path units = Files.createDirectories(root.resolve("units"));
        for (String unit : List.of("jit-api.service", "jit-dispatch.service")) {
            String text = Files.readString(unpacked.resolve("systemd").resolve(unit));
            assertThat(text).contains("/usr/local/bin/");
            // The units name /usr/local/bin; the test installed the executables elsewhere.
            Files.writeString(units.resolve(unit), text.replace("/usr/local/bin/", bin + "/"));
        }
        Run verify = run(root, Map.of(), "systemd-analyze", "verify",
                units.resolve("jit-api.service").toString(), units.resolve("jit-dispatch.service").toString());
        assertThat(verify.exit()).as(verify.err()).isZero();
        String api = Files.readString(units.resolve("jit-api.service"));
        assertThat(api).contains("User=jit", "Environment=\"JIT_DATA_DIR=/var/lib/jit\"", "MemoryMax=512M",
                "ProtectSystem=strict", "ReadWritePaths=/var/lib/jit", "-Xmx");
    }

    @Test
    void backupWhileWritingRestoresToAValidStoreWithEveryFinishedCreate() throws Exception {
        Path store = root.resolve("backup-store");
        Map<String, String> env = Map.of("JIT_DATA_DIR", store.toString());
        jit(env, "init");
        for (int k = 0; k < 5; k++) {
            jit(env, "issue", "create", "-t", "before backup " + k);
        }
        Path backups = root.resolve("backups");
        Map<String, String> backupEnv = Map.of("BACKUP_DIR", backups.toString(), "DATA_DIR", store.toString(),
                "PATH", bin + ":" + System.getenv("PATH"));

        // A quiet backup restores byte for byte.
        Map<String, byte[]> before = files(store);
        Run quiet = run(root, backupEnv, "bash", unpacked.resolve("jit-backup.sh").toString());
        assertThat(quiet.exit()).as(quiet.err()).isZero();
        assertThat(quiet.out()).startsWith("Backup completed: " + backups);
        Path archive = Path.of(quiet.out().strip().substring("Backup completed: ".length()));
        wipe(store);
        assertThat(run(store, Map.of(), "tar", "-xzf", archive.toString()).exit()).isZero();
        assertThat(jit(env, "validate").exit()).isZero();
        Map<String, byte[]> after = files(store);
        assertThat(after.keySet()).isEqualTo(before.keySet());
        before.forEach((k, v) -> assertThat(after.get(k)).as(k).isEqualTo(v));

        // A backup taken while writers run restores (stop, wipe, untar, validate) to a valid store that holds
        // every issue whose create had returned before the backup began.
        Path done = root.resolve("created-during-backup.txt");
        ProcessBuilder writerPb = new ProcessBuilder("bash", "-c", "for i in $(seq 1 40); do "
                + "id=$(jit issue create -t \"during backup $i\") || exit 1; echo \"$id\" >> '" + done + "'; done");
        writerPb.environment().putAll(env);
        writerPb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        writerPb.environment().put("XDG_CACHE_HOME", root.resolve("cache").toString());
        Process writer = writerPb.redirectErrorStream(true).start();
        while (!Files.exists(done) || Files.readAllLines(done).size() < 3) {
            assertThat(writer.isAlive()).isTrue();
            Thread.sleep(100);
        }
        List<String> finished = new ArrayList<>();
        for (String line : Files.readString(done).split("\n", -1)) {
            if (line.length() == 36) { // a line still being written is not a finished create
                finished.add(line);
            }
        }
        Run busy = run(root, backupEnv, "bash", unpacked.resolve("jit-backup.sh").toString());
        assertThat(busy.exit()).as(busy.err()).isZero();
        assertThat(writer.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(writer.exitValue()).isZero();
        Path second = Path.of(busy.out().strip().substring("Backup completed: ".length()));
        wipe(store);
        assertThat(run(store, Map.of(), "tar", "-xzf", second.toString()).exit()).isZero();
        Run valid = jit(env, "validate");
        assertThat(valid.exit()).as(valid.out() + valid.err()).isZero();
        List<String> restored = Json.parse(jit(env, "issue", "list", "--json").out()).at("/data/issues")
                .findValuesAsText("id");
        assertThat(restored).containsAll(finished).hasSizeBetween(5 + finished.size(), 45);
    }

    @Test
    void aBackupThatCannotBeCompletedFailsLoudlyAndLeavesNoArchive() throws Exception {
        Path store = root.resolve("big-store");
        Map<String, String> env = Map.of("JIT_DATA_DIR", store.toString());
        jit(env, "init");
        byte[] noise = new byte[3 << 20]; // incompressible: the archive cannot fit the 1 MiB backup disk
        new java.util.Random(13).nextBytes(noise);
        Files.createDirectories(store.resolve("dispatch"));
        Files.write(store.resolve("dispatch/blob.bin"), noise);
        Path backups = Files.createDirectories(root.resolve("small-backups"));
        Run mount = run(root, Map.of(), "mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", backups.toString());
        assertThat(mount.exit()).as("this test needs root to mount a tmpfs: " + mount.err()).isZero();
        try {
            Files.writeString(backups.resolve("jit-20000101-000000.tar.gz"), "an older backup");
            Run full = run(root, Map.of("BACKUP_DIR", backups.toString(), "DATA_DIR", store.toString(),
                    "PATH", bin + ":" + System.getenv("PATH"), "XDG_CACHE_HOME", root.resolve("cache").toString()),
                    "bash", unpacked.resolve("jit-backup.sh").toString());
            assertThat(full.exit()).isNotZero();
            assertThat(full.out()).doesNotContain("Backup completed");
            assertThat(full.err()).contains("Error: Backup failed, no archive written: ")
                    .contains("jit-backup: FAILED: no archive written");
            try (Stream<Path> left = Files.list(backups)) {
                assertThat(left.map(p -> p.getFileName().toString()).toList())
                        .containsExactly("jit-20000101-000000.tar.gz");
            }
        } finally {
            assertThat(run(root, Map.of(), "umount", backups.toString()).exit()).isZero();
        }
    }

    // --- helpers -------------------------------------------------------------------------------------

    private Process startServer() throws Exception {
        Map<String, String> unit = unitEnvironment();
        ProcessBuilder pb = new ProcessBuilder(bin.resolve("jit-server").toString())
                .redirectErrorStream(true).redirectOutput(root.resolve("jit-server.log").toFile());
        pb.environment().putAll(unit);
        pb.environment().put("JIT_DATA_DIR", data.toString());
        pb.environment().put("JIT_PORT", String.valueOf(apiPort));
        pb.environment().put("XDG_CACHE_HOME", root.resolve("cache").toString());
        Process p = pb.start();
        awaitHttp(apiPort, "/api/health", p, "jit-server.log");
        return p;
    }

    /** Environment= lines of the shipped jit-api.service. */
    private Map<String, String> unitEnvironment() throws IOException {
        Map<String, String> env = new TreeMap<>();
        for (String line : Files.readAllLines(unpacked.resolve("systemd/jit-api.service"))) {
            if (line.startsWith("Environment=\"")) {
                String kv = line.substring("Environment=\"".length(), line.length() - 1);
                env.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
            }
        }
        assertThat(env).containsKeys("JIT_DATA_DIR", "RUST_LOG", "JIT_JAVA_OPTS");
        return env;
    }

    /** The shipped site with its port, root, API address and certificates pointed at this test. */
    private Path siteConfig(String name) throws Exception {
        String site = Files.readString(unpacked.resolve("nginx").resolve(name))
                .replace("listen 80;", "listen 127.0.0.1:" + webPort + ";")
                .replace("listen 443 ssl http2;", "listen 127.0.0.1:" + freePort() + " ssl http2;")
                .replace("root /var/www/jit;", "root " + www + ";")
                .replace("proxy_pass http://127.0.0.1:3000;", "proxy_pass http://127.0.0.1:" + apiPort + ";");
        if (site.contains("ssl_certificate")) {
            Path cert = root.resolve("cert.pem");
            Path key = root.resolve("key.pem");
            if (!Files.exists(cert)) {
                assertThat(run(root, Map.of(), "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                        "-subj", "/CN=jit.example.com", "-keyout", key.toString(), "-out", cert.toString()).exit()).isZero();
            }
            site = site.replace("/etc/letsencrypt/live/jit.example.com/fullchain.pem", cert.toString())
                    .replace("/etc/letsencrypt/live/jit.example.com/privkey.pem", key.toString())
                    .replace("listen 80;", "listen 127.0.0.1:" + freePort() + ";");
        }
        Path out = root.resolve("site-" + name);
        Files.writeString(out, site);
        return out;
    }

    /** The response headers of GET {@code url} (lower-case names), read by curl: TLS with a throw-away certificate. */
    private Map<String, String> headers(String url) throws Exception {
        // --max-time ends the event stream once its headers are in; its exit status (28) is then expected.
        Run r = run(root, Map.of(), "curl", "-sk", "--http1.1", "--max-time", "3", "-o", "/dev/null", "-D", "-", url);
        assertThat(r.exit()).as(url + ": " + r.err()).isIn(0, 28);
        Map<String, String> h = new TreeMap<>();
        for (String line : r.out().split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("HTTP/")) {
                h.put(line.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        assertThat(h).as(url + " answered").isNotEmpty();
        return h;
    }

    private Map<String, String> awaitHeaders(String url, Process nginx) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            Run probe = run(root, Map.of(), "curl", "-sk", "--max-time", "2", "-o", "/dev/null", url);
            if (probe.exit() == 0 || probe.exit() == 28) {
                return headers(url);
            }
            if (!nginx.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("TLS nginx did not answer: " + readIfExists(root.resolve("logs/nginx-tls-error.log"))
                        + readIfExists(root.resolve("nginx-tls.out")));
            }
            Thread.sleep(200);
        }
    }

    /** A minimal nginx.conf around one site, with every path inside the test directory. */
    private Path mainConfig(Path site, String name) throws IOException {
        Path conf = root.resolve(name + ".nginx.conf");
        Files.createDirectories(root.resolve("logs"));
        Files.writeString(conf, """
                pid %1$s/%2$s.pid;
                error_log %1$s/logs/%2$s-error.log;
                events { worker_connections 256; }
                http {
                    include /etc/nginx/mime.types;
                    default_type application/octet-stream;
                    access_log %1$s/logs/%2$s-access.log;
                    client_body_temp_path %1$s/tmp-body;
                    proxy_temp_path %1$s/tmp-proxy;
                    fastcgi_temp_path %1$s/tmp-fastcgi;
                    uwsgi_temp_path %1$s/tmp-uwsgi;
                    scgi_temp_path %1$s/tmp-scgi;
                    include %3$s;
                }
                """.formatted(root, name, site));
        if (System.getProperty("user.name").equals("root")) {
            Files.writeString(conf, "user root;\n" + Files.readString(conf));
        }
        return conf;
    }

    private Process startNginx(Path site) throws Exception {
        Path conf = mainConfig(site, "nginx");
        Process p = new ProcessBuilder("nginx", "-p", root.toString(), "-c", conf.toString(), "-g", "daemon off;")
                .redirectErrorStream(true).redirectOutput(root.resolve("nginx.out").toFile()).start();
        awaitHttp(webPort, "/api/health", p, "logs/nginx-error.log");
        return p;
    }

    private void awaitHttp(int port, String path, Process p, String log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                if (get(port, path).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            if (!p.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("did not start on port " + port + ": " + readIfExists(root.resolve(log)));
            }
            Thread.sleep(200);
        }
    }

    private static String readIfExists(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p) : "(no " + p + ")";
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private Run jit(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(bin.resolve("jit").toString());
        cmd.addAll(List.of(args));
        Map<String, String> all = new TreeMap<>(env);
        all.put("XDG_CACHE_HOME", root.resolve("cache").toString());
        return run(root, all, cmd.toArray(String[]::new));
    }

    private static Run run(Path dir, Map<String, String> env, String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
            try {
                return p.getErrorStream().readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        });
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err.join(), StandardCharsets.UTF_8));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Every file of a store except runtime files (lock, cache, temp), with its bytes. */
    private static Map<String, byte[]> files(Path store) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(store)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String rel = store.relativize(p).toString();
                if (!rel.endsWith(".lock") && !rel.startsWith("cache/") && !rel.startsWith("tmp/")) {
                    out.put(rel, Files.readAllBytes(p));
                }
            }
        }
        return out;
    }

    private static void wipe(Path store) throws IOException {
        try (Stream<Path> walk = Files.walk(store)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (!p.equals(store)) {
                    Files.delete(p);
                }
            }
        }
    }
}
