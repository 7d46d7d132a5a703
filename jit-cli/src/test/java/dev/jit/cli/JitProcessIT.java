package dev.jit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jit.core.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole-process tests of the shaded {@code jit.jar}: real JVMs, real files, real OS locks. */
class JitProcessIT {
    static final Path JAR = Path.of(System.getProperty("jit.jar", "target/jit.jar")).toAbsolutePath();
    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void init() throws Exception {
        assertThat(JAR).exists();
        assertThat(jit("init").exit()).isZero();
    }

    Run jit(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(JAVA, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar",
                JAR.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).start();
        return finish(p);
    }

    static Run finish(Process p) throws IOException, InterruptedException {
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void readmeWalkthroughRunsAsWritten() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher m = Pattern.compile("<!-- walkthrough:start -->\\s*```bash\\n(.*?)```\\s*<!-- walkthrough:end -->",
                Pattern.DOTALL).matcher(readme);
        assertThat(m.find()).as("README has a walkthrough block").isTrue();
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path launcher = bin.resolve("jit");
        Files.writeString(launcher, "#!/bin/sh\nexec '" + JAVA + "' -XX:TieredStopAtLevel=1 -jar '" + JAR + "' \"$@\"\n");
        launcher.toFile().setExecutable(true);
        Path work = Files.createDirectories(dir.resolve("walkthrough"));
        Path script = dir.resolve("walkthrough.sh");
        Files.writeString(script, "set -euo pipefail\n" + m.group(1));
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).directory(work.toFile());
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().remove("JIT_DATA_DIR");
        Run run = finish(pb.start());
        assertThat(run.exit()).as(run.err() + run.out()).isZero();
        assertThat(run.out()).contains("✓ Repository is valid");
        assertThat(run.out()).contains("\"done\": 2").contains("\"ready\": 1").contains("\"total\": 3");
    }

    @Test
    void exitCodesAndJsonSurviveTheProcessBoundary() throws Exception {
        Run missing = jit("issue", "show", "deadbeef", "--json");
        assertThat(missing.exit()).isEqualTo(3);
        assertThat(Json.parse(missing.out()).at("/error/code").asText()).isEqualTo("ISSUE_NOT_FOUND");
        assertThat(jit("issue", "frobnicate").exit()).isEqualTo(2);
        Run created = jit("issue", "create", "-t", "A", "--json");
        assertThat(created.exit()).isZero();
        assertThat(Json.parse(created.out()).at("/success").asBoolean()).isTrue();
        assertThat(jit("--version").out()).isEqualTo("jit " + System.getProperty("jit.pom.version") + "\n");
    }

    @Test
    void schemaNeedsNoStoreAndGraphExportFeedsGraphviz() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("elsewhere"));
        List<String> cmd = List.of(JAVA, "-XX:TieredStopAtLevel=1", "-jar", JAR.toString(), "--schema");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(empty.toFile());
        pb.environment().put("JIT_DATA_DIR", empty.resolve("none").toString());
        Run schema = finish(pb.start());
        assertThat(schema.exit()).as(schema.err()).isZero();
        assertThat(Json.parse(schema.out()).at("/commands/graph/subcommands/export/options").size()).isPositive();

        String a = jit("issue", "create", "-t", "A \"quoted\" \\ title").out().strip();
        String b = jit("issue", "create", "-t", "B").out().strip();
        assertThat(jit("dep", "add", a, b).exit()).isZero();
        Path dot = dir.resolve("g.dot");
        assertThat(jit("graph", "export", "-o", dot.toString()).exit()).isZero();
        Process render = new ProcessBuilder("dot", "-Tsvg", dot.toString()).start();
        Run svg = finish(render);
        assertThat(svg.exit()).as(svg.err()).isZero();
        assertThat(svg.out()).contains("A &quot;quoted&quot; \\ title");
    }

    @Test
    void eightProcessesClaimingOneIssueExactlyOneWins() throws Exception {
        String id = jit("issue", "create", "-t", "contested").out().strip();
        List<Process> procs = new ArrayList<>();
        for (int k = 0; k < 8; k++) {
            procs.add(new ProcessBuilder(JAVA, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", JAR.toString(),
                    "issue", "claim", id, "agent:racer-" + k).directory(dir.toFile()).start());
        }
        int winners = 0;
        Set<String> losers = new HashSet<>();
        for (Process p : procs) {
            Run r = finish(p);
            if (r.exit() == 0) {
                winners++;
            } else {
                assertThat(r.exit()).isEqualTo(1);
                assertThat(r.err()).contains("already assigned to agent:racer-");
                losers.add(r.err().lines().findFirst().orElseThrow());
            }
        }
        assertThat(winners).isEqualTo(1);
        assertThat(losers).hasSize(1); // every loser names the same single winner
        JsonNode events = Json.parse(jit("events", "query", "--event-type", "issue_claimed", "--json").out());
        assertThat(events.at("/data/count").asInt()).isEqualTo(1);
    }

    /**
     * A heartbeat that arrives just as its lease runs out, against three processes that try to take the issue: in
     * every round exactly one side wins. Either the heartbeat renews (no lease_expired, nobody else gets it) or
     * the lease expires exactly once and exactly one claimer holds the issue, while the late heartbeat is refused.
     */
    @Test
    void aLateHeartbeatAndTheExpiryOfItsLeaseHaveOneWinner() throws Exception {
        int renewed = 0;
        int expired = 0;
        for (int round = 0; round < 10; round++) {
            String id = jit("issue", "create", "-t", "round " + round).out().strip();
            Run claim = jit("issue", "claim", id, "agent:holder", "--ttl", "3s", "--json");
            assertThat(claim.exit()).as(claim.err()).isZero();
            java.time.Instant expiry = java.time.Instant.parse(
                    Json.parse(claim.out()).at("/data/lease/expires_at").asText());
            // A JVM takes from a few hundred ms to a second to start here: aim the processes at the moment of
            // expiry, well before it in even rounds (the heartbeat tends to win) and just before in odd ones.
            long aimMs = java.time.Duration.between(java.time.Instant.now(), expiry).toMillis()
                    - (round % 2 == 0 ? 1500 : 250);
            if (aimMs > 0) {
                Thread.sleep(aimMs);
            }
            Process heartbeat = start("issue", "heartbeat", id, "agent:holder", "--json");
            List<Process> claimers = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                claimers.add(start("issue", "claim", id, "agent:taker-" + k, "--ttl", "60s"));
            }
            Run beat = finish(heartbeat);
            int takers = 0;
            for (Process p : claimers) {
                Run r = finish(p);
                if (r.exit() == 0) {
                    takers++;
                } else {
                    assertThat(r.exit()).as(r.err()).isEqualTo(1);
                    assertThat(r.err()).contains("already assigned to agent:");
                }
            }
            int expiries = Json.parse(jit("events", "query", "--event-type", "lease_expired", "--issue-id", id,
                    "--json").out()).at("/data/count").asInt();
            JsonNode assignee = Json.parse(jit("issue", "show", id, "--json").out()).at("/data/assignee");
            String holder = assignee.isNull() ? null : assignee.asText();
            assertThat(expiries).as("round %d: the lease expired at most once", round).isLessThanOrEqualTo(1);
            assertThat(takers).as("round %d: only a freed issue is taken, once", round).isLessThanOrEqualTo(expiries);
            if (beat.exit() == 0) {
                renewed++;
            } else {
                expired++;
                assertThat(beat.exit()).isEqualTo(1);
                assertThat(beat.out()).containsAnyOf("LEASE_EXPIRED", "NOT_HOLDER");
                assertThat(expiries).as("round %d: a refused heartbeat means the lease ran out", round).isEqualTo(1);
            }
            if (expiries == 0) {
                assertThat(beat.exit()).isZero();
                assertThat(holder).isEqualTo("agent:holder");
            } else if (takers == 1) {
                assertThat(holder).startsWith("agent:taker-");
            } else {
                assertThat(holder).isNull();
            }
            jit("issue", "update", id, "--state", "done");
        }
        System.out.printf("heartbeat races: %d renewed, %d expired%n", renewed, expired);
    }

    private Process start(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(JAVA, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar",
                JAR.toString()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).directory(dir.toFile()).start();
    }

    @Test
    void eightProcessesTimesFiftyCreatesAndUpdatesLoseNothing() throws Exception {
        Path store = dir.resolve(".jit");
        String cp = JAR + java.io.File.pathSeparator + Path.of("target", "test-classes").toAbsolutePath();
        List<Process> workers = new ArrayList<>();
        for (int k = 0; k < 8; k++) {
            workers.add(new ProcessBuilder(JAVA, "-XX:TieredStopAtLevel=1", "-cp", cp, ProcessWorker.class.getName(),
                    store.toString(), "w" + k, "50").redirectErrorStream(true).start());
        }
        for (Process w : workers) {
            Run r = finish(w);
            assertThat(r.exit()).as(r.out()).isZero();
        }
        JsonNode list = Json.parse(jit("issue", "list", "--json").out()).get("data");
        assertThat(list.at("/summary/total").asInt()).isEqualTo(400);
        Set<String> titles = new HashSet<>();
        for (JsonNode issue : list.get("issues")) {
            titles.add(issue.get("title").asText());
            assertThat(issue.get("description").asText()).startsWith("updated by w");
        }
        assertThat(titles).hasSize(400);
        JsonNode created = Json.parse(jit("events", "query", "-e", "issue_created", "-l", "0", "--json").out());
        assertThat(created.at("/data/count").asInt()).isEqualTo(400);
        assertThat(jit("validate").exit()).isZero();
    }

    @Test
    void killMinusNineDuringWritesLeavesAStoreThatLoadsAndValidates() throws Exception {
        Path store = dir.resolve(".jit");
        String cp = JAR + java.io.File.pathSeparator + Path.of("target", "test-classes").toAbsolutePath();
        Random random = new Random(7);
        for (int round = 0; round < 6; round++) {
            List<Process> writers = new ArrayList<>();
            for (int k = 0; k < 2; k++) {
                writers.add(new ProcessBuilder(JAVA, "-XX:TieredStopAtLevel=1", "-cp", cp,
                        ProcessWorker.class.getName(), store.toString(), "r" + round + "k" + k, "0")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
            }
            Thread.sleep(1200 + random.nextInt(800));
            for (Process w : writers) {
                w.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
                w.waitFor();
            }
            Run list = jit("issue", "list", "--json");
            assertThat(list.exit()).as(list.err()).isZero();
            JsonNode data = Json.parse(list.out()).get("data");
            for (JsonNode issue : data.get("issues")) {
                assertThat(issue.get("id").asText()).hasSize(36);
            }
            Run valid = jit("validate");
            assertThat(valid.exit()).as(valid.out() + valid.err()).isZero();
        }
        // Every issue_created event names an issue that exists: events and files were committed together.
        JsonNode events = Json.parse(jit("events", "query", "-e", "issue_created", "-l", "0", "--json").out());
        JsonNode list = Json.parse(jit("issue", "list", "--json").out()).get("data");
        Set<String> ids = new HashSet<>();
        list.get("issues").forEach(i -> ids.add(i.get("id").asText()));
        events.at("/data/events").forEach(e -> assertThat(ids).contains(e.get("issue_id").asText()));
        assertThat(ids).hasSize(events.at("/data/count").asInt());
    }
}
