package dev.jit.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.interactions.WheelInput;

/**
 * The dependency graph that keeps its place, in headless Chromium against a real jit-server over a store
 * written by the real CLI (the hand-made issues, the live changes) and the real API (the bulk, more than
 * the graph's HIDE_DONE_ABOVE). The graph's cytoscape instance is read at {@code document.querySelector('.graph').cy}.
 */
class GraphUiTest extends UiTest {
    /** graphModel.ts HIDE_DONE_ABOVE: above this many issues done work is hidden by default. */
    private static final int HIDE_DONE_ABOVE = 300;
    private static final int BULK = HIDE_DONE_ABOVE + 20;
    /** graphNavigation.ts ZOOM_STEP and MIN_ZOOM. */
    private static final double ZOOM_STEP = 1.5;
    private static final double MIN_ZOOM = 0.08;
    private static final String LONG_TITLE =
            "Rewrite the lock file handling so that a crashed agent never leaves a stale lock behind for the next one";
    private static final String DARK_BACKGROUND = "rgb(15, 18, 23)";

    private String schema;
    private String migration;
    private String lock;
    private int done;

    @Override
    void seed() throws Exception {
        schema = store.cli("issue", "create", "--title", "Design the schema", "--priority", "high");
        migration = store.cli("issue", "create", "--title", "Write the migration");
        lock = store.cli("issue", "create", "--title", LONG_TITLE);
        store.cli("dep", "add", migration, schema);
        store.cli("dep", "add", lock, schema);
    }

    /** {@link #BULK} issues through the API: every third depends on the one before;
     * a fourth of the others are done. */
    @Override
    void seedThroughTheApi() throws IOException, InterruptedException {
        String previous = null;
        for (int i = 0; i < BULK; i++) {
            String id = store.server.send("POST", "api/issues", Map.of("title", "Bulk issue #" + i, "description", "",
                    "priority", "normal", "labels", List.of())).get("id").asText();
            if (i % 3 == 1) {
                store.server.send("POST", "api/issues/" + id + "/dependencies", Map.of("depends_on", previous));
            }
            if (i % 4 == 0 && i % 3 != 1) { // done needs its dependencies done
                store.server.send("PATCH", "api/issues/" + id, Map.of("state", "done"));
                done++;
            }
            previous = id;
        }
    }

    private int total() {
        return store.issues().size();
    }

    private int drawnNodes() {
        return Integer.parseInt(browser.find(".graph").getDomAttribute("data-nodes"));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> viewport() {
        return (Map<String, Object>) browser.js("const cy = document.querySelector('.graph').cy;"
                + " return {zoom: cy.zoom(), x: cy.pan().x, y: cy.pan().y};");
    }

    private double zoom() {
        return ((Number) browser.js("return document.querySelector('.graph').cy.zoom()")).doubleValue();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Number> position(String id) {
        return (Map<String, Number>) browser.js("const n = document.querySelector('.graph').cy.getElementById(arguments[0]);"
                + " return n.empty() ? null : n.position();", id);
    }

    private boolean hasElement(String id) {
        return Boolean.TRUE.equals(browser.js("return document.querySelector('.graph').cy.getElementById(arguments[0]).nonempty()", id));
    }

    private String selectedNode() {
        return (String) browser.js("const n = document.querySelector('.graph').cy.nodes('.current'); return n.empty() ? null : n.id();");
    }

    private void keys(CharSequence... keys) {
        new Actions(browser.driver).sendKeys(keys).perform();
    }

    private boolean graphHasFocus() {
        return Boolean.TRUE.equals(browser.js("return document.activeElement === document.querySelector('.graph')"));
    }

    private String activeClass() {
        return (String) browser.js("return document.activeElement.className");
    }

    @Test
    void liveChangesAddAndRestyleNodesWithoutMovingAViewTheUserZoomed() throws Exception {
        store.go("#/graph", "graph");
        double fitted = zoom();
        keys("+");
        keys("+");
        browser.find("button[aria-label='zoom out']").click();
        assertThat(zoom()).isCloseTo(fitted * ZOOM_STEP, org.assertj.core.data.Offset.offset(1e-9));
        Map<String, Object> before = viewport();
        Map<String, Number> schemaAt = position(schema);
        int nodes = drawnNodes();

        String added = store.cli("issue", "create", "--title", "Filed while zoomed in");
        store.cli("dep", "add", added, schema);
        browser.waitFor(Duration.ofSeconds(10), () -> hasElement(added) && hasElement(added + ">" + schema));
        assertThat(drawnNodes()).isEqualTo(nodes + 1);
        assertThat(viewport()).as("the viewport the user chose").isEqualTo(before);
        assertThat(position(schema)).as("drawn nodes stay where they are").isEqualTo(schemaAt);
        assertThat(position(added).get("x").doubleValue()).as("a dependent goes right of its dependency")
                .isGreaterThan(schemaAt.get("x").doubleValue());

        store.cli("issue", "claim", schema, "agent:one");
        browser.waitFor(Duration.ofSeconds(10), () -> "in_progress".equals(
                browser.js("return document.querySelector('.graph').cy.getElementById(arguments[0]).data('state')", schema)));
        store.cli("issue", "delete", added, "--force");
        browser.waitFor(Duration.ofSeconds(10), () -> !hasElement(added));
        assertThat(viewport()).isEqualTo(before);
        assertThat(position(schema)).isEqualTo(schemaAt);
        browser.screenshot("graph-live-zoomed");
    }

    @Test
    void wheelZoomReachesOneHundredPercentInAFewNotches() {
        store.go("#/graph", "graph");
        keys("0");
        double fitted = zoom();
        assertThat(fitted).isBetween(MIN_ZOOM, 1.0);
        WebElement graph = browser.find(".graph");
        int notches = 0;
        while (zoom() < 1 && notches < 20) {
            new Actions(browser.driver).scrollFromOrigin(WheelInput.ScrollOrigin.fromElement(graph), 0, -100).perform();
            notches++;
        }
        assertThat(zoom()).isEqualTo(1.0);
        // one notch is one step of ZOOM_STEP, so the number of notches is known from the fitted zoom
        assertThat(notches).isEqualTo((int) Math.ceil(Math.log(1 / fitted) / Math.log(ZOOM_STEP)));
        assertThat(notches).isLessThanOrEqualTo((int) Math.ceil(Math.log(1 / MIN_ZOOM) / Math.log(ZOOM_STEP)));
        assertThat(browser.find(".zoom-level").getText()).isEqualTo("100 %");
        new Actions(browser.driver).scrollFromOrigin(WheelInput.ScrollOrigin.fromElement(graph), 0, 100).perform();
        assertThat(zoom()).isCloseTo(1 / ZOOM_STEP, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aboveTheThresholdDoneWorkIsHiddenUntilToggled() {
        int total = total();
        assertThat(total).isGreaterThan(HIDE_DONE_ABOVE);
        store.go("#/graph", "graph");
        WebElement toggle = browser.find(".done-toggle");
        assertThat(toggle.getText()).isEqualTo("show done (" + done + ")");
        assertThat(drawnNodes()).isEqualTo(total - done);
        browser.screenshot("graph-done-hidden");

        toggle.click();
        browser.waitFor(Duration.ofSeconds(5), () -> drawnNodes() == total);
        assertThat((String) browser.js("return location.hash")).contains("done=show");
        browser.find(".done-toggle").click();
        browser.waitFor(Duration.ofSeconds(5), () -> drawnNodes() == total - done);
    }

    @Test
    void focusTakesAnIdPrefixAndSaysWhenOneNamesNoIssue() {
        // the schema and what depends on it (the hand-made issues, and any a live test added)
        long focused = 1 + store.issues().stream().filter(i -> i.get("dependencies").toString().contains(schema)).count();
        store.go("#/graph?focus=" + schema.substring(0, 8), "graph");
        browser.waitFor(Duration.ofSeconds(5), () -> hasElement(schema) && drawnNodes() == focused);
        assertThat(browser.js("return document.querySelector('.graph').cy.getElementById(arguments[0]).hasClass('focus')", schema))
                .isEqualTo(true);
        assertThat(browser.find(".focus-chip a").getDomAttribute("href")).isEqualTo("#/issue/" + schema);
        assertThat(browser.all(".graph-message")).isEmpty();

        store.go("#/graph?focus=zzzz9999", "graph");
        assertThat(browser.find(".graph-message").getText()).contains("no issue matches the id 'zzzz9999'");
        assertThat(drawnNodes()).isEqualTo(total() - done);

        store.go("#/graph?focus=" + schema.substring(0, 2), "graph");
        assertThat(browser.find(".graph-message").getText()).contains("too short");
    }

    @Test
    void findResultsAndNodesWorkFromTheKeyboard() {
        store.go("#/graph", "graph");
        keys("/");
        browser.waitFor(Duration.ofSeconds(5), () -> activeClass().contains("graph-find"));
        keys("Design the schema");
        browser.find(".find-results .find-result");
        keys(Keys.ARROW_DOWN);
        assertThat(activeClass()).contains("find-result");
        keys(Keys.ENTER);
        browser.waitFor(Duration.ofSeconds(5), () -> schema.equals(selectedNode()));
        assertThat(browser.find(".graph-selection").getText()).contains(schema.substring(0, 8)).contains("Design the schema");
        assertThat((String) browser.js("return location.hash")).isEqualTo("#/graph");

        // Tab on to the graph itself; the arrow keys move the selection along the edges
        for (int i = 0; i < 60 && !graphHasFocus(); i++) {
            keys(Keys.TAB);
        }
        assertThat(graphHasFocus()).isTrue();
        keys(Keys.ARROW_RIGHT);
        browser.waitFor(Duration.ofSeconds(5), () -> !schema.equals(selectedNode()));
        String dependent = selectedNode();
        assertThat(List.of(migration, lock)).contains(dependent);
        keys(Keys.ARROW_LEFT);
        browser.waitFor(Duration.ofSeconds(5), () -> schema.equals(selectedNode()));
        keys(Keys.ARROW_RIGHT);
        browser.waitFor(Duration.ofSeconds(5), () -> !schema.equals(selectedNode()));
        String opened = selectedNode();
        keys(Keys.ENTER);
        browser.waitReady("issue");
        assertThat((String) browser.js("return location.hash")).isEqualTo("#/issue/" + opened);

        // Enter on a find result selects it; Enter again opens it
        store.go("#/graph", "graph");
        keys("/");
        browser.waitFor(Duration.ofSeconds(5), () -> activeClass().contains("graph-find"));
        keys(schema.substring(0, 8));
        browser.find(".find-results .find-result");
        keys(Keys.ARROW_DOWN, Keys.ENTER);
        browser.waitFor(Duration.ofSeconds(5), () -> schema.equals(selectedNode()));
        keys(Keys.ENTER);
        browser.waitReady("issue");
        assertThat((String) browser.js("return location.hash")).isEqualTo("#/issue/" + schema);
        assertThat(browser.find("h1").getText()).isEqualTo("Design the schema");
    }

    @Test
    void titlesFitTheirNodesAndTheFullTitleShowsOnHover() {
        store.go("#/graph?focus=" + lock, "graph");
        browser.waitFor(Duration.ofSeconds(5), () -> hasElement(lock));
        @SuppressWarnings("unchecked")
        Map<String, Object> node = (Map<String, Object>) browser.js(
                "const cy = document.querySelector('.graph').cy; const n = cy.getElementById(arguments[0]);"
                        + " cy.zoom(1); cy.center(n);"
                        + " const label = n.boundingBox({includeNodes: false, includeEdges: false, includeLabels: true});"
                        + " return {caption: n.data('caption'), labelWidth: label.w, nodeWidth: n.width(),"
                        + " x: n.renderedPosition().x, y: n.renderedPosition().y};", lock);
        String caption = (String) node.get("caption");
        assertThat(caption).startsWith(lock.substring(0, 8) + " · BLOCKED\n").endsWith("…");
        assertThat(((Number) node.get("labelWidth")).doubleValue()).as("the caption is drawn inside the node")
                .isLessThanOrEqualTo(((Number) node.get("nodeWidth")).doubleValue());

        WebElement graph = browser.find(".graph");
        new Actions(browser.driver).moveToElement(graph, 0, 0)
                .moveByOffset(((Number) node.get("x")).intValue() - graph.getRect().width / 2,
                        ((Number) node.get("y")).intValue() - graph.getRect().height / 2)
                .perform();
        assertThat(browser.find(".graph-tip").getText()).contains(LONG_TITLE);
        browser.screenshot("graph-title-tooltip");
    }

    @Test
    void theGraphIsAccessibleInBothThemes() {
        store.go("#/graph", "graph");
        assertThat(browser.js("return document.querySelectorAll('h1').length")).isEqualTo(1L);
        keys("/");
        browser.waitFor(Duration.ofSeconds(5), () -> activeClass().contains("graph-find"));
        keys("schema");
        browser.find(".find-results .find-result");
        keys(Keys.ARROW_DOWN, Keys.ENTER);
        browser.waitFor(Duration.ofSeconds(5), () -> schema.equals(selectedNode()));
        browser.find(".graph-selection");
        browser.assertAccessible("graph-light");
        browser.screenshot("graph-keyboard-light");
        browser.systemScheme("dark");
        browser.waitFor(Duration.ofSeconds(5), () -> DARK_BACKGROUND.equals(
                browser.js("return getComputedStyle(document.body).backgroundColor")));
        browser.assertAccessible("graph-dark");
        browser.screenshot("graph-keyboard-dark");

        store.go("#/graph?focus=zzzz9999", "graph");
        browser.find(".graph-message");
        browser.assertAccessible("graph-message-dark");
        browser.systemScheme("light");
        browser.assertAccessible("graph-message-light");
    }
}
