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
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * THE browser tests of the web UI: headless Chromium against a real jit-server on loopback over a store
 * seeded with the real jit CLI (the hand-made issues) and the real API (the bulk), and checked with the CLI.
 * They also save the review screenshots. jit-server's integration tests run them against its jar; once
 * {@code mvn package} has built jit.jar and jit-server.jar, {@code mvn -pl jit-web verify -Dtest=RealServerUiTest}
 * runs them from here against this build of the UI (served with {@code --web-root target/classes/jit-web}).
 */
class RealServerUiTest extends UiTest {
    /** Issues created through the API on top of the hand-made ones: more than a page of the issues table. */
    private static final int BULK = 50;
    private static final String LIGHT_BACKGROUND = "rgb(246, 247, 249)";
    private static final String DARK_BACKGROUND = "rgb(15, 18, 23)";

    private static final ObjectMapper JSON = new ObjectMapper();

    private String schema;
    private String migration;
    private String review;
    private String spare;
    private String ship;

    @Override
    void seed() throws Exception {
        store.cli("registry", "add", "tests", "--title", "Tests pass");
        store.cli("registry", "add", "docs", "--title", "Docs written");
        schema = store.cli("issue", "create", "--title", "Design the schema", "--priority", "high", "--label", "epic:store");
        migration = store.cli("issue", "create", "--title", "Write the migration", "--label", "epic:store");
        review = store.cli("issue", "create", "--title", "Review the API", "--gate", "tests", "--desc", "Check **every** endpoint.");
        spare = store.cli("issue", "create", "--title", "Unclaimed spare work", "--priority", "low");
        String held = store.cli("issue", "create", "--title", "Held by an agent");
        ship = store.cli("issue", "create", "--title", "Ship the store", "--gate", "tests", "--gate", "docs",
                "--context", "branch=feature/store", "--desc", "Merge once the guide is done: *write it* first.");
        store.cli("dep", "add", migration, schema);
        store.cli("dep", "add", ship, schema);
        store.cli("dep", "add", ship, review); // not the migration: the store drops a dependency implied by another
        store.cli("issue", "claim", held, "agent:one");
        // A design document in the repository that contains the store, committed twice, linked to an issue.
        Path doc = Files.createDirectories(store.repo.resolve("docs")).resolve("design.md");
        store.git("init", "-q");
        Files.writeString(doc, "# Store design\n\nFirst draft.\n");
        store.git("add", "docs/design.md");
        store.git("commit", "-q", "-m", "First draft of the design");
        Files.writeString(doc, "# Store design\n\nSecond draft with **journal** commits.\n");
        store.git("commit", "-q", "-am", "Describe the journal");
        store.cli("doc", "add", schema, "docs/design.md", "--label", "Design");
    }

    /**
     * {@link #BULK} issues through the API (one CLI process each would take a minute): every third is about the
     * graph layout; the odd ones depend on the one before (so some graph-layout issues are not ready); a few
     * are claimed.
     */
    @Override
    void seedThroughTheApi() throws IOException, InterruptedException {
        String previous = null;
        for (int i = 0; i < BULK; i++) {
            String title = (i % 3 == 0 ? "Speed up graph layout #" : "Tidy the event stream #") + i;
            String id = store.server.send("POST", "api/issues", Map.of("title", title, "description", "Bulk issue " + i,
                    "priority", List.of("critical", "high", "normal", "low").get(i % 4),
                    "labels", List.of("epic:" + List.of("web", "cli", "sync").get(i % 3)))).get("id").asText();
            if (i % 2 == 1) {
                store.server.send("POST", "api/issues/" + id + "/dependencies", Map.of("depends_on", previous));
            }
            if (i % 10 == 4) {
                store.server.send("POST", "api/issues/" + id + "/claim", Map.of("assignee", "agent:worker-" + i % 3));
            }
            previous = id;
        }
    }

    @Test
    void dashboardShowsTheStoresCountsQueueAgentsAndEvents() throws Exception {
        store.go("#/", "dashboard");
        JsonNode status = JSON.readTree(store.cli("status", "--json")).path("data");
        for (String state : List.of("backlog", "ready", "in_progress", "gated", "done", "archived", "rejected", "blocked")) {
            assertThat(browser.find(".count[data-state='" + state + "'] .count-n").getText())
                    .as(state).isEqualTo(status.get(state).asText());
        }
        assertThat(browser.find(".agents").getText()).contains("agent:one").contains("Held by an agent");
        long held = store.issues().stream().filter(i -> i.hasNonNull("assignee")).count();
        assertThat(browser.all(".agents tbody tr")).hasSize((int) held);
        assertThat(browser.find(".ready").getText()).contains("Design the schema");
        assertThat(browser.all(".events ol.timeline li")).isNotEmpty();
        browser.screenshot("dashboard-1280x800-light");
    }

    @Test
    void themeFollowsTheSystemUntilTheToggleOverridesIt() {
        store.go("#/", "dashboard");
        assertThat(bodyBackground()).isEqualTo(LIGHT_BACKGROUND);
        browser.systemScheme("dark");
        browser.waitFor(Duration.ofSeconds(5), () -> browser.texts("button.theme-toggle").equals(List.of("theme: ◐ auto (dark)")));
        assertThat(bodyBackground()).isEqualTo(DARK_BACKGROUND);
        browser.screenshot("dashboard-1280x800-dark");

        switchThemeTo("light");
        assertThat(bodyBackground()).isEqualTo(LIGHT_BACKGROUND);
        assertThat(browser.js("return localStorage.getItem('jit-theme')")).isEqualTo("light");
        switchThemeTo("dark");
        assertThat(bodyBackground()).isEqualTo(DARK_BACKGROUND);
        assertThat(browser.js("return localStorage.getItem('jit-theme')")).isEqualTo("dark");
        browser.size(420, 860);
        browser.screenshot("dashboard-narrow-dark");
    }

    /**
     * Clicks the theme button and waits until the app has applied {@code pref}. The button's label changes in
     * the next task, but {@code <html data-theme>} (and so the colours) is set by a Preact effect that runs
     * only after the next frame: reading the colours straight after the click, as the old check did, could
     * still see the previous theme.
     */
    private void switchThemeTo(String pref) {
        browser.find("button.theme-toggle").click();
        browser.waitFor(Duration.ofSeconds(5), () -> pref.equals(browser.js("return document.documentElement.dataset.theme || ''")));
    }

    private Object bodyBackground() {
        return browser.js("return getComputedStyle(document.body).backgroundColor");
    }

    @Test
    void issuesTablePagesSearchesAndFiltersOnTheServer() {
        store.go("#/issues", "issues");
        int total = store.issues().size();
        assertThat(total).as("the store must hold more than a page of issues").isGreaterThan(50);
        browser.waitFor(Duration.ofSeconds(5), () -> browser.texts(".result-count").equals(List.of(total + " issues")));
        assertThat(browser.all(".issues-table tbody tr")).hasSize(50);
        browser.screenshot("issues-1280x800");

        browser.find("input.search").sendKeys("migration");
        browser.waitFor(Duration.ofSeconds(5), () -> browser.texts(".issues-table tbody tr").size() == 1
                && browser.texts(".issues-table tbody tr").get(0).contains("Write the migration"));

        List<JsonNode> layout = store.issues().stream().filter(i -> i.get("title").asText().contains("graph layout")).toList();
        long readyLayout = layout.stream().filter(i -> i.get("state").asText().equals("ready")).count();
        assertThat(readyLayout).as("some graph-layout issues are ready, some are not").isBetween(1L, layout.size() - 1L);
        browser.find("input.search").clear();
        browser.find("input.search").sendKeys("graph layout");
        browser.waitFor(Duration.ofSeconds(5), () -> {
            List<String> rows = browser.texts(".issues-table tbody tr");
            return rows.size() == layout.size() && rows.stream().allMatch(r -> r.contains("graph layout"));
        });
        assertThat((String) browser.js("return location.hash")).contains("q=graph+layout");

        browser.find("label.chip.state-ready").click();
        browser.waitFor(Duration.ofSeconds(5), () -> {
            List<String> rows = browser.texts(".issues-table tbody tr");
            return rows.size() == readyLayout && rows.stream().allMatch(r -> r.contains("ready") && r.contains("graph layout"));
        });
        assertThat((String) browser.js("return location.hash")).contains("state=ready");
        browser.screenshot("issues-filtered");
        browser.size(420, 860);
        browser.screenshot("issues-narrow");
    }

    @Test
    void issueDetailShowsDependencyGateAndBlockedReason() {
        store.go("#/issue/" + migration, "issue");
        assertThat(browser.find("h1").getText()).isEqualTo("Write the migration");
        assertThat(browser.find(".deps").getText()).contains(schema.substring(0, 8)).contains("Design the schema");
        assertThat(browser.find(".blocked-reasons").getText()).contains(schema.substring(0, 8));
        store.go("#/issue/" + review, "issue");
        assertThat(browser.find(".gates").getText()).contains("tests").contains("pending");
        assertThat(browser.find(".markdown strong").getText()).isEqualTo("every");
    }

    @Test
    void issueDetailShowsDependenciesGatesContextAndDescriptionAndLinksToADependency() {
        List<String> dependencies = new ArrayList<>();
        store.show(ship).get("dependencies").forEach(d -> dependencies.add(d.asText()));
        assertThat(dependencies).containsExactlyInAnyOrder(schema, review);
        store.go("#/issue/" + ship.substring(0, 8), "issue");
        assertThat(browser.find("h1").getText()).isEqualTo("Ship the store");
        List<WebElement> deps = browser.all(".deps ul.linked").get(0).findElements(By.cssSelector("li"));
        assertThat(deps).hasSize(2);
        assertThat(deps.get(0).getText()).contains(dependencies.get(0).substring(0, 8));
        assertThat(browser.all(".gates tbody tr")).hasSize(2);
        assertThat(browser.find(".context").getText()).contains("branch").contains("feature/store");
        assertThat(browser.find(".markdown").getText()).contains("write it");
        browser.screenshot("issue-detail-1280x800");
        browser.systemScheme("dark");
        browser.waitFor(Duration.ofSeconds(5), () -> DARK_BACKGROUND.equals(bodyBackground()));
        browser.screenshot("issue-detail-dark");

        deps.get(0).findElement(By.cssSelector("a")).click();
        browser.waitFor(Duration.ofSeconds(5), () -> browser.js("return location.hash").equals("#/issue/" + dependencies.get(0)));
        browser.waitReady("issue");
    }

    @Test
    void graphHasTheStoresNodesAndEdgesAndClickingANodeOpensIt() {
        store.go("#/graph", "graph");
        List<JsonNode> issues = store.issues();
        int edges = issues.stream().mapToInt(i -> i.get("dependencies").size()).sum();
        WebElement graph = browser.find(".graph");
        assertThat(graph.getDomAttribute("data-nodes")).isEqualTo(String.valueOf(issues.size()));
        assertThat(graph.getDomAttribute("data-edges")).isEqualTo(String.valueOf(edges));
        browser.screenshot("graph-1280x800");

        // Zoomed to 1 and centred on the node, so the click lands on it however the layout placed it.
        @SuppressWarnings("unchecked")
        Map<String, Number> pos = (Map<String, Number>) browser.js(
                "const cy = document.querySelector('.graph').cy; const n = cy.getElementById(arguments[0]);"
                        + "cy.zoom(1); cy.center(n); return n.renderedPosition();", schema);
        new Actions(browser.driver).moveToElement(graph, 0, 0)
                .moveByOffset(pos.get("x").intValue() - graph.getRect().width / 2, pos.get("y").intValue() - graph.getRect().height / 2)
                .click().perform();
        browser.waitReady("issue");
        assertThat(browser.find("h1").getText()).isEqualTo("Design the schema");

        store.go("#/graph?focus=" + schema, "graph");
        assertThat(Integer.parseInt(browser.find(".graph").getDomAttribute("data-nodes"))).isLessThan(issues.size());
        browser.screenshot("graph-focus");
        browser.systemScheme("dark");
        browser.waitFor(Duration.ofSeconds(5), () -> DARK_BACKGROUND.equals(bodyBackground()));
        browser.screenshot("graph-focus-dark");
    }

    @Test
    void anIssueCreatedWithTheCliAppearsWithoutReload() throws Exception {
        store.go("#/issues", "issues");
        browser.js("window.__sameDocument = true");
        store.cli("issue", "create", "--title", "Filed from the CLI");
        browser.waitFor(Duration.ofSeconds(2), () -> browser.texts(".issues-table tbody tr").stream()
                .anyMatch(r -> r.contains("Filed from the CLI")));
        assertThat(browser.js("return window.__sameDocument")).isEqualTo(true);
    }

    @Test
    void anActionWithoutATokenIsRefusedVisiblyAndWithOneChangesTheStore() throws Exception {
        store.go("#/issue/" + spare, "issue");
        browser.find("form.inline-form input[aria-label=assignee]").clear();
        browser.find("form.inline-form input[aria-label=assignee]").sendKeys("human:lead");
        browser.driver.findElement(By.xpath("//button[text()='claim']")).click();
        assertThat(browser.find(".note-error").getText()).containsIgnoringCase("token");
        browser.screenshot("real-action-refused");
        assertThat(store.show(spare).path("assignee").isNull()).isTrue();

        browser.driver.findElement(By.xpath("//header//button[contains(., 'token')]")).click();
        browser.find(".modal input[type=password]").sendKeys(JitServerProcess.TOKEN);
        browser.find(".modal button[type=submit]").click();
        browser.find("form.inline-form input[aria-label=assignee]").clear();
        browser.find("form.inline-form input[aria-label=assignee]").sendKeys("human:lead");
        browser.driver.findElement(By.xpath("//button[text()='claim']")).click();
        browser.find(".note-ok");
        browser.waitFor(Duration.ofSeconds(5), () -> "human:lead".equals(store.show(spare).path("assignee").asText()));
        browser.waitFor(Duration.ofSeconds(5), () -> browser.find(".assignee").getText().contains("human:lead"));
        browser.screenshot("real-action-done");
    }

    @Test
    void creatingAnIssueNeedsATokenAndShowsTheApiError() {
        store.go("#/", "dashboard");
        browser.find("header.top").findElement(By.xpath(".//button[contains(., 'New')]")).click();
        browser.find(".modal input").sendKeys("Made in the browser");
        browser.find(".modal button[type=submit]").click();
        assertThat(browser.find(".note-error").getText()).contains("UNAUTHORIZED").containsIgnoringCase("token");
        browser.screenshot("action-refused");
        new Actions(browser.driver).sendKeys(Keys.ESCAPE).perform();
        assertThat(store.issues()).noneMatch(i -> i.get("title").asText().equals("Made in the browser"));

        browser.find("header.top").findElement(By.xpath(".//button[contains(., 'token')]")).click();
        browser.find(".modal input[type=password]").sendKeys(JitServerProcess.TOKEN);
        browser.find(".modal button[type=submit]").click();
        browser.find("header.top").findElement(By.xpath(".//button[contains(., 'New')]")).click();
        browser.find(".modal input").sendKeys("Made in the browser");
        browser.find(".modal button[type=submit]").click();
        browser.waitReady("issue");
        assertThat(browser.find("h1").getText()).isEqualTo("Made in the browser");
        assertThat(store.issues()).anyMatch(i -> i.get("title").asText().equals("Made in the browser"));
    }

    @Test
    void keyboardMovesBetweenViewsAndRows() {
        store.go("#/", "dashboard");
        new Actions(browser.driver).sendKeys("gi").perform();
        browser.waitReady("issues");
        new Actions(browser.driver).sendKeys("jj").sendKeys(Keys.ENTER).perform();
        browser.waitReady("issue");
        assertThat((String) browser.js("return location.hash")).startsWith("#/issue/");
        new Actions(browser.driver).sendKeys("?").perform();
        assertThat(browser.find(".modal").getText()).contains("Keyboard shortcuts");
    }

    @Test
    void linkedDocumentsRenderWithHistoryAndADiff() {
        store.go("#/issue/" + schema, "issue");
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
}
