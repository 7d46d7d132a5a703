package dev.jit.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * THE browser tests of the web UI: headless Chromium against a real jit-server on loopback over a store
 * seeded and checked with the real jit CLI. Enabled when both commands are given, e.g.
 * <pre>
 * mvn -pl jit-web verify -Djit.it.cli="java -jar jit-cli/target/jit.jar" \
 *     -Djit.it.server="java -jar jit-server/target/jit-server.jar"
 * </pre>
 * The server is started with {@code --web-root target/classes/jit-web}, so it serves exactly this build of the UI.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIfSystemProperty(named = "jit.it.cli", matches = ".+")
@EnabledIfSystemProperty(named = "jit.it.server", matches = ".+")
class RealServerUiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Path repo;
    private Path logs;
    private JitServerProcess server;
    private String base;
    private Browser browser;
    private String schema;
    private String migration;
    private String review;
    private String spare;

    @BeforeAll
    void start() throws Exception {
        repo = Files.createTempDirectory("jit-web-it");
        logs = Path.of("target", "real-server");
        Files.createDirectories(logs);
        cli("init");
        cli("registry", "add", "tests", "--title", "Tests pass");
        schema = cli("issue", "create", "--title", "Design the schema", "--priority", "high", "--label", "epic:store");
        migration = cli("issue", "create", "--title", "Write the migration", "--label", "epic:store");
        review = cli("issue", "create", "--title", "Review the API", "--gate", "tests", "--desc", "Check **every** endpoint.");
        spare = cli("issue", "create", "--title", "Unclaimed spare work", "--priority", "low");
        String held = cli("issue", "create", "--title", "Held by an agent");
        cli("dep", "add", migration, schema);
        cli("issue", "claim", held, "agent:one");
        // A design document in the repository that contains the store, committed twice, linked to an issue.
        Path doc = Files.createDirectories(repo.resolve("docs")).resolve("design.md");
        git("init", "-q");
        Files.writeString(doc, "# Store design\n\nFirst draft.\n");
        git("add", "docs/design.md");
        git("commit", "-q", "-m", "First draft of the design");
        Files.writeString(doc, "# Store design\n\nSecond draft with **journal** commits.\n");
        git("commit", "-q", "-am", "Describe the journal");
        cli("doc", "add", schema, "docs/design.md", "--label", "Design");

        server = new JitServerProcess(repo.resolve(".jit"), repo, logs.resolve("server.log"));
        base = server.base;
        browser = new Browser();
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void fresh() {
        browser.size(1280, 800);
        browser.systemScheme("light");
        browser.open(base);
        browser.js("sessionStorage.clear(); localStorage.clear();");
    }

    private void go(String hash, String view) {
        browser.open("about:blank");
        browser.open(base + hash);
        browser.waitReady(view);
    }

    @Test
    void dashboardShowsTheStoresCounts() throws Exception {
        go("#/", "dashboard");
        JsonNode status = server.get("api/status");
        for (String state : List.of("backlog", "ready", "in_progress", "gated", "done", "archived", "rejected", "blocked")) {
            assertThat(browser.find(".count[data-state='" + state + "'] .count-n").getText())
                    .as(state).isEqualTo(status.get(state).asText());
        }
        assertThat(browser.find(".agents").getText()).contains("agent:one").contains("Held by an agent");
        assertThat(browser.find(".ready").getText()).contains("Design the schema");
        browser.screenshot("real-dashboard");
    }

    @Test
    void issuesTableListsAndSearchesTheStore() {
        go("#/issues", "issues");
        browser.waitFor(Duration.ofSeconds(5), () -> browser.texts(".issues-table tbody tr").size() == storeIssues().size());
        browser.find("input.search").sendKeys("migration");
        browser.waitFor(Duration.ofSeconds(5), () -> browser.texts(".issues-table tbody tr").size() == 1
                && browser.texts(".issues-table tbody tr").get(0).contains("Write the migration"));
        browser.screenshot("real-issues");
    }

    @Test
    void issueDetailShowsDependencyGateAndBlockedReason() {
        go("#/issue/" + migration, "issue");
        assertThat(browser.find("h1").getText()).isEqualTo("Write the migration");
        assertThat(browser.find(".deps").getText()).contains(schema.substring(0, 8)).contains("Design the schema");
        assertThat(browser.find(".blocked-reasons").getText()).contains(schema.substring(0, 8));
        go("#/issue/" + review, "issue");
        assertThat(browser.find(".gates").getText()).contains("tests").contains("pending");
        assertThat(browser.find(".markdown strong").getText()).isEqualTo("every");
        browser.screenshot("real-issue-detail");
    }

    @Test
    void graphHasTheStoresNodesAndEdgesAndClickingANodeOpensIt() {
        go("#/graph", "graph");
        List<JsonNode> issues = storeIssues();
        int edges = issues.stream().mapToInt(i -> i.get("dependencies").size()).sum();
        WebElement graph = browser.find(".graph");
        assertThat(graph.getDomAttribute("data-nodes")).isEqualTo(String.valueOf(issues.size()));
        assertThat(graph.getDomAttribute("data-edges")).isEqualTo(String.valueOf(edges));
        browser.screenshot("real-graph");

        @SuppressWarnings("unchecked")
        Map<String, Number> pos = (Map<String, Number>) browser.js(
                "const cy = document.querySelector('.graph').cy; return cy.getElementById(arguments[0]).renderedPosition();", schema);
        new Actions(browser.driver).moveToElement(graph, 0, 0)
                .moveByOffset(pos.get("x").intValue() - graph.getRect().width / 2, pos.get("y").intValue() - graph.getRect().height / 2)
                .click().perform();
        browser.waitReady("issue");
        assertThat(browser.find("h1").getText()).isEqualTo("Design the schema");
    }

    @Test
    void anIssueCreatedWithTheCliAppearsWithoutReload() throws Exception {
        go("#/issues", "issues");
        browser.js("window.__sameDocument = true");
        cli("issue", "create", "--title", "Filed from the CLI");
        browser.waitFor(Duration.ofSeconds(2), () -> browser.texts(".issues-table tbody tr").stream()
                .anyMatch(r -> r.contains("Filed from the CLI")));
        assertThat(browser.js("return window.__sameDocument")).isEqualTo(true);
    }

    @Test
    void anActionWithoutATokenIsRefusedVisiblyAndWithOneChangesTheStore() throws Exception {
        go("#/issue/" + spare, "issue");
        browser.find("form.inline-form input[aria-label=assignee]").clear();
        browser.find("form.inline-form input[aria-label=assignee]").sendKeys("human:lead");
        browser.driver.findElement(By.xpath("//button[text()='claim']")).click();
        assertThat(browser.find(".note-error").getText()).containsIgnoringCase("token");
        browser.screenshot("real-action-refused");
        assertThat(showJson(spare).path("assignee").isNull()).isTrue();

        browser.driver.findElement(By.xpath("//header//button[contains(., 'token')]")).click();
        browser.find(".modal input[type=password]").sendKeys(JitServerProcess.TOKEN);
        browser.find(".modal button[type=submit]").click();
        browser.find("form.inline-form input[aria-label=assignee]").clear();
        browser.find("form.inline-form input[aria-label=assignee]").sendKeys("human:lead");
        browser.driver.findElement(By.xpath("//button[text()='claim']")).click();
        browser.find(".note-ok");
        browser.waitFor(Duration.ofSeconds(5), () -> "human:lead".equals(showJson(spare).path("assignee").asText()));
        browser.waitFor(Duration.ofSeconds(5), () -> browser.find(".assignee").getText().contains("human:lead"));
        browser.screenshot("real-action-done");
    }

    // ---- the real CLI ------------------------------------------------------------------------------

    /** Runs the jit CLI in the test repository; returns its trimmed standard output (an id, for create). */
    @Test
    void linkedDocumentsRenderWithHistoryAndADiff() {
        go("#/issue/" + schema, "issue");
        browser.find(".documents button.link").click();
        browser.waitFor(Duration.ofSeconds(10), () -> browser.texts(".doc-body .markdown h1").contains("Store design"));
        assertThat(browser.texts(".doc-body .markdown strong")).containsExactly("journal");
        browser.find(".doc-tabs button:nth-child(2)").click();
        browser.waitFor(Duration.ofSeconds(10), () -> browser.texts(".revisions li").size() == 2);
        assertThat(String.join("\n", browser.texts(".revisions li"))).contains("Describe the journal")
                .contains("First draft of the design");
        for (var box : browser.driver.findElements(org.openqa.selenium.By.cssSelector(".revisions input[type=checkbox]"))) {
            box.click();
        }
        browser.driver.findElements(org.openqa.selenium.By.cssSelector(".doc-body button")).stream()
                .filter(b -> b.getText().equals("compare selected")).findFirst().orElseThrow().click();
        browser.waitFor(Duration.ofSeconds(10), () -> !browser.texts(".diff .diff-add").isEmpty());
        assertThat(String.join("\n", browser.texts(".diff .diff-add"))).contains("Second draft");
        assertThat(String.join("\n", browser.texts(".diff .diff-del"))).contains("First draft");
        browser.screenshot("real-document-diff");
    }

    private void git(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=JIT test", "-c", "user.email=test@jit.invalid"));
        cmd.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(cmd).directory(repo.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + out);
        }
    }

    private String cli(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(JitServerProcess.split(System.getProperty("jit.it.cli")));
        cmd.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(cmd).directory(repo.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("jit " + String.join(" ", args) + " exited " + p.exitValue() + ": " + out);
        }
        return out;
    }

    private JsonNode showJson(String id) {
        try {
            return JSON.readTree(cli("issue", "show", id, "--json")).path("data");
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every issue in the store, as the CLI lists it. */
    private List<JsonNode> storeIssues() {
        try {
            JsonNode data = JSON.readTree(cli("issue", "list", "--json")).path("data");
            JsonNode list = data.isArray() ? data : data.path("issues");
            List<JsonNode> out = new ArrayList<>();
            list.forEach(out::add);
            return out;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
