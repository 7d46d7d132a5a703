package dev.jit.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * Development check of the UI in real headless Chromium against the THROWAWAY {@link FixtureServer}; it
 * also saves the review screenshots. The browser tests that count are {@link RealServerUiTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FixtureUiTest {
    private FixtureServer fixture;
    private Browser browser;

    @BeforeAll
    void start() throws Exception {
        fixture = new FixtureServer(60);
        browser = new Browser();
    }

    @AfterAll
    void stop() {
        browser.close();
        fixture.close();
    }

    @BeforeEach
    void reset() {
        browser.size(1280, 800);
        browser.systemScheme("light");
        browser.open(fixture.url());
        browser.js("sessionStorage.clear(); localStorage.clear();");
    }

    private void go(String hash, String view) {
        browser.open("about:blank");
        browser.open(fixture.url() + hash);
        browser.waitReady(view);
    }

    @Test
    void dashboardShowsCountsByStateReadyQueueAgentsAndEvents() {
        go("#/", "dashboard");
        Map<String, Long> byState = fixture.issues().stream()
                .collect(Collectors.groupingBy(i -> i.get("state").asText(), Collectors.counting()));
        for (var e : byState.entrySet()) {
            assertThat(browser.find(".count[data-state='" + e.getKey() + "'] .count-n").getText())
                    .as("count of %s", e.getKey()).isEqualTo(String.valueOf(e.getValue()));
        }
        long held = fixture.issues().stream().filter(i -> !i.get("assignee").isNull()).count();
        assertThat(browser.all(".agents tbody tr")).hasSize((int) held);
        assertThat(browser.all(".events ol.timeline li")).isNotEmpty();
        browser.screenshot("dashboard-1280x800-light");
        assertThat(browser.js("return getComputedStyle(document.body).backgroundColor")).isEqualTo("rgb(246, 247, 249)");
        browser.systemScheme("dark");
        browser.waitFor(Duration.ofSeconds(2), () -> browser.texts("button[aria-label='switch theme']").equals(List.of("◐ auto (dark)")));
        assertThat(browser.js("return getComputedStyle(document.body).backgroundColor")).isEqualTo("rgb(15, 18, 23)");
        browser.screenshot("dashboard-1280x800-dark");
        browser.find("button[aria-label='switch theme']").click();
        assertThat(browser.js("return getComputedStyle(document.body).backgroundColor")).isEqualTo("rgb(246, 247, 249)");
        assertThat(browser.js("return localStorage.getItem('jit-theme')")).isEqualTo("light");
        browser.find("button[aria-label='switch theme']").click();
        assertThat(browser.js("return getComputedStyle(document.body).backgroundColor")).isEqualTo("rgb(15, 18, 23)");
        browser.size(420, 860);
        browser.screenshot("dashboard-narrow-dark");
    }

    @Test
    void issuesTableSearchesFiltersAndSortsOnTheServer() {
        go("#/issues", "issues");
        browser.waitFor(Duration.ofSeconds(5), () -> browser.texts(".result-count").equals(List.of(fixture.issues().size() + " issues")));
        assertThat(browser.all(".issues-table tbody tr")).hasSize(Math.min(50, fixture.issues().size()));
        browser.screenshot("issues-1280x800");

        browser.find("input.search").sendKeys("graph layout");
        browser.waitFor(Duration.ofSeconds(5), () -> {
            List<String> rows = browser.texts(".issues-table tbody tr");
            return !rows.isEmpty() && rows.stream().allMatch(r -> r.contains("graph layout"));
        });
        assertThat((String) browser.js("return location.hash")).contains("q=graph+layout");

        browser.find("label.chip.state-ready").click();
        browser.waitFor(Duration.ofSeconds(5), () -> {
            List<String> rows = browser.texts(".issues-table tbody tr");
            return !rows.isEmpty() && rows.stream().allMatch(r -> r.contains("ready") && r.contains("graph layout"));
        });
        assertThat((String) browser.js("return location.hash")).contains("state=ready");
        browser.screenshot("issues-filtered");

        browser.size(420, 860);
        browser.screenshot("issues-narrow");
    }

    @Test
    void issueDetailShowsDependenciesGatesContextAndTimeline() {
        ObjectNode issue = fixture.issues().stream()
                .filter(i -> i.get("dependencies").size() == 2 && i.get("gates_required").size() > 0 && i.get("context").size() > 0)
                .findFirst().orElseThrow();
        String id = issue.get("id").asText();
        go("#/issue/" + id.substring(0, 8), "issue");
        assertThat(browser.find("h1").getText()).isEqualTo(issue.get("title").asText());
        List<WebElement> deps = browser.all(".deps ul.linked").get(0).findElements(org.openqa.selenium.By.cssSelector("li"));
        assertThat(deps).hasSize(2);
        assertThat(deps.get(0).getText()).contains(issue.get("dependencies").get(0).asText().substring(0, 8));
        assertThat(browser.all(".gates tbody tr")).hasSize(2);
        assertThat(browser.find(".context").getText()).contains("branch");
        assertThat(browser.find(".markdown").getText()).contains("write it");
        browser.screenshot("issue-detail-1280x800");
        browser.systemScheme("dark");
        browser.screenshot("issue-detail-dark");

        deps.get(0).findElement(org.openqa.selenium.By.cssSelector("a")).click();
        browser.waitFor(Duration.ofSeconds(5), () -> ((String) browser.js("return location.hash"))
                .equals("#/issue/" + issue.get("dependencies").get(0).asText()));
    }

    @Test
    void graphDrawsEveryIssueAndDependencyAndClickingANodeOpensIt() {
        go("#/graph", "graph");
        WebElement graph = browser.find(".graph");
        assertThat(graph.getDomAttribute("data-nodes")).isEqualTo(String.valueOf(fixture.issues().size()));
        assertThat(graph.getDomAttribute("data-edges")).isEqualTo(String.valueOf(fixture.edgeCount()));
        browser.screenshot("graph-1280x800");

        String target = FixtureServer.id(30);
        @SuppressWarnings("unchecked")
        Map<String, Number> pos = (Map<String, Number>) browser.js(
                "const cy = document.querySelector('.graph').cy; const n = cy.getElementById(arguments[0]);"
                        + "cy.zoom(1); cy.center(n); return n.renderedPosition();", target);
        browser.waitFor(Duration.ofSeconds(2), () -> true);
        new Actions(browser.driver).moveToElement(graph, 0, 0)
                .moveByOffset(pos.get("x").intValue() - graph.getRect().width / 2, pos.get("y").intValue() - graph.getRect().height / 2)
                .click().perform();
        browser.waitFor(Duration.ofSeconds(5), () -> ((String) browser.js("return location.hash")).equals("#/issue/" + target));

        go("#/graph?focus=" + target, "graph");
        browser.waitFor(Duration.ofSeconds(5), () -> Integer.parseInt(browser.find(".graph").getDomAttribute("data-nodes")) < fixture.issues().size());
        browser.screenshot("graph-focus");
        browser.systemScheme("dark");
        browser.screenshot("graph-focus-dark");
    }

    @Test
    void newIssuesShowUpWithoutReload() {
        go("#/issues", "issues");
        browser.js("window.__noReload = true");
        fixture.addIssue("Appears live");
        browser.waitFor(Duration.ofSeconds(2), () -> browser.texts(".issues-table tbody tr").stream()
                .anyMatch(r -> r.contains("Appears live")));
        assertThat(browser.js("return window.__noReload")).isEqualTo(true);
    }

    @Test
    void actionsNeedATokenAndShowTheApiError() {
        go("#/", "dashboard");
        browser.find("header.top").findElement(org.openqa.selenium.By.xpath(".//button[contains(., 'New')]")).click();
        browser.find(".modal input").sendKeys("Made in the browser");
        browser.find(".modal button[type=submit]").click();
        assertThat(browser.find(".note-error").getText()).contains("UNAUTHORIZED").contains("token");
        browser.screenshot("action-refused");
        new Actions(browser.driver).sendKeys(Keys.ESCAPE).perform();

        browser.find("header.top").findElement(org.openqa.selenium.By.xpath(".//button[contains(., 'token')]")).click();
        browser.find(".modal input[type=password]").sendKeys(FixtureServer.TOKEN);
        browser.find(".modal button[type=submit]").click();
        browser.find("header.top").findElement(org.openqa.selenium.By.xpath(".//button[contains(., 'New')]")).click();
        browser.find(".modal input").sendKeys("Made in the browser");
        browser.find(".modal button[type=submit]").click();
        browser.waitReady("issue");
        assertThat(browser.find("h1").getText()).isEqualTo("Made in the browser");
        assertThat(fixture.issues().stream().anyMatch(i -> i.get("title").asText().equals("Made in the browser"))).isTrue();
    }

    @Test
    void keyboardMovesBetweenViewsAndRows() {
        go("#/", "dashboard");
        new Actions(browser.driver).sendKeys("gi").perform();
        browser.waitReady("issues");
        new Actions(browser.driver).sendKeys("jj").sendKeys(Keys.ENTER).perform();
        browser.waitReady("issue");
        assertThat((String) browser.js("return location.hash")).startsWith("#/issue/");
        new Actions(browser.driver).sendKeys("?").perform();
        assertThat(browser.find(".modal").getText()).contains("Keyboard shortcuts");
    }
}
