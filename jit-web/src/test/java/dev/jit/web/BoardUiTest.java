package dev.jit.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The board (#/board) in headless Chromium against a real jit-server over a store written by the real jit CLI,
 * checked on disk with the CLI: cards, dragging (real pointer input through Selenium's Actions), refused
 * moves, keyboard moves, the list's filters, live updates and accessibility in both themes.
 */
class BoardUiTest extends UiTest {
    /** Cards a column shows before "show all" (COLUMN_LIMIT in boardModel.ts). */
    private static final int COLUMN_LIMIT = 50;
    /** More than that. */
    private static final int CROWD = COLUMN_LIMIT + 5;

    private String schema;
    private String migration;
    private String review;
    private String shipping;
    private String webTask;
    private String keyboardTask;
    private String spare;
    private String lateCrowd;

    @Override
    void seed() throws Exception {
        store.cli("registry", "add", "tests", "--title", "Tests pass");
        schema = store.cli("issue", "create", "--title", "Design the schema", "--priority", "high", "--label", "epic:store");
        migration = store.cli("issue", "create", "--title", "Write the migration", "--label", "epic:store",
                "--label", "area:database", "--label", "size:large-and-then-some");
        store.cli("dep", "add", migration, schema);
        review = store.cli("issue", "create", "--title", "Review the API", "--gate", "tests", "--priority", "critical");
        store.cli("issue", "claim", review, "agent:reviewer");
        shipping = store.cli("issue", "create", "--title", "Ship it once tested", "--gate", "tests", "--label", "epic:ship");
        store.cli("issue", "claim", shipping, "agent:shipper");
        webTask = store.cli("issue", "create", "--title", "Polish the web UI", "--label", "epic:web", "--priority", "low");
        keyboardTask = store.cli("issue", "create", "--title", "Move me with the keyboard", "--label", "epic:web");
        spare = store.cli("issue", "create", "--title", "Spare work", "--label", "epic:cli");
    }

    @Override
    void seedThroughTheApi() throws Exception {
        for (int i = 0; i < CROWD; i++) {
            store.server.send("POST", "api/issues", Map.of("title", "Crowded backlog item #" + i, "description", "",
                    "priority", "low", "labels", List.of("epic:crowd"), "gates", List.of()));
        }
        // sorts after every other crowded card (same priority, created last), so beyond the first ones shown
        lateCrowd = store.server.send("POST", "api/issues", Map.of("title", "Late to the crowd", "description", "",
                "priority", "low", "labels", List.of("epic:crowd"), "gates", List.of())).get("id").asText();
        store.server.send("POST", "api/issues/" + lateCrowd + "/claim", Map.of("assignee", "agent:late"));
    }

    @BeforeEach
    void signedIn() {
        useToken();
    }

    private static String card(String id) {
        return "[data-card-id='" + id + "']";
    }

    private static String cardIn(String state, String id) {
        return "[data-column='" + state + "'] " + card(id);
    }

    /** The column the UI shows the card in (settled: not waiting for the API), or "" if none. */
    private String columnOf(String id) {
        return (String) browser.js("const c = document.querySelector(arguments[0]);"
                + " return c && !c.dataset.pending ? c.closest('[data-column]').dataset.column : '';", card(id));
    }

    private String diskState(String id) {
        return store.show(id).path("state").asText();
    }

    /** Presses the card, moves the pointer over the column and releases it: real pointer events. */
    private void drag(String id, String toState) {
        WebElement from = browser.find(card(id));
        WebElement to = browser.find("[data-column='" + toState + "'] h2");
        new Actions(browser.driver).clickAndHold(from).moveByOffset(12, 8).moveToElement(to).release().perform();
    }

    @Test
    void cardsShowPriorityLabelsAssigneeHeldTimeBlockedAndGates() {
        store.go("#/board", "board");
        assertThat(browser.texts("[data-column] h2")).hasSize(5);
        assertThat(browser.texts("[data-column] h2").get(0)).startsWith("backlog");

        String held = browser.find(cardIn("in_progress", review)).getText();
        assertThat(held).contains(review.substring(0, 8)).contains("Review the API").contains("critical")
                .contains("gates 0/1").contains("@ agent:reviewer");
        // claimed a few seconds or minutes ago, as the claim event in the log says: never a dash or nothing
        assertThat(browser.find(cardIn("in_progress", review) + " .card-held").getText()).matches("held \\d+[sm]");

        WebElement blocked = browser.find(cardIn("backlog", migration));
        assertThat(blocked.getText()).contains("blocked").contains("epic:store");
        assertThat(browser.find(card(migration) + " .card-labels").getCssValue("white-space")).isEqualTo("nowrap");
        assertThat(browser.find(cardIn("ready", schema)).getText()).doesNotContain("blocked").contains("high");

        browser.find(card(schema)).click();
        browser.waitReady("issue");
        assertThat(browser.find("h1").getText()).isEqualTo("Design the schema");
    }

    @Test
    void draggingACardToALegalColumnChangesItsStateOnDisk() {
        store.go("#/board", "board");
        assertThat(columnOf(webTask)).isEqualTo("ready");
        // held over the column: it is marked as the drop target and a copy of the card follows the pointer
        new Actions(browser.driver).clickAndHold(browser.find(card(webTask))).moveByOffset(12, 8)
                .moveToElement(browser.find("[data-column='in_progress'] h2")).perform();
        assertThat(browser.all("[data-column][data-drop-target]")).hasSize(1);
        assertThat(browser.find("[data-drop-target]").getDomAttribute("data-column")).isEqualTo("in_progress");
        assertThat(browser.all(".drag-ghost")).hasSize(1);
        browser.screenshot("board-dragging");
        new Actions(browser.driver).release().perform();
        browser.waitFor(Duration.ofSeconds(10), () -> "in_progress".equals(diskState(webTask)));
        browser.waitFor(Duration.ofSeconds(5), () -> "in_progress".equals(columnOf(webTask)));
        assertThat(browser.find(".note-ok span").getText()).isEqualTo(webTask.substring(0, 8) + " moved to in progress");
        browser.screenshot("board-after-drag");

        drag(webTask, "ready");
        browser.waitFor(Duration.ofSeconds(10), () -> "ready".equals(diskState(webTask)));
        browser.waitFor(Duration.ofSeconds(5), () -> "ready".equals(columnOf(webTask)));
    }

    @Test
    void aRefusedDragSnapsBackWithTheApisMessageAndLeavesTheDiskAlone() {
        store.go("#/board", "board");
        assertThat(columnOf(migration)).isEqualTo("backlog");
        drag(migration, "ready");
        String error = browser.find(".note-error span").getText();
        assertThat(error).contains("TRANSITION_BLOCKED").contains("blocked by unfinished dependencies").contains(schema);
        browser.waitFor(Duration.ofSeconds(5), () -> "backlog".equals(columnOf(migration)));
        assertThat(browser.all(cardIn("ready", migration))).isEmpty();
        assertThat(diskState(migration)).isEqualTo("backlog");
        browser.screenshot("board-refused");
    }

    @Test
    void aGatedIssueDroppedOnDoneStopsAtGatedAndTheMessageSaysSo() {
        store.go("#/board", "board");
        assertThat(columnOf(shipping)).isEqualTo("in_progress");
        drag(shipping, "done");
        browser.waitFor(Duration.ofSeconds(10), () -> "gated".equals(diskState(shipping)));
        browser.waitFor(Duration.ofSeconds(5), () -> "gated".equals(columnOf(shipping)));
        assertThat(browser.find(".note-ok span").getText()).isEqualTo(shipping.substring(0, 8)
                + " moved to gated, not done: its gates have not all passed");
        assertThat(browser.all(cardIn("done", shipping))).isEmpty();

        // again, from gated: the API answers that it is still gated, which the board reports as a refusal
        drag(shipping, "done");
        assertThat(browser.find(".note-error span").getText()).isEqualTo(shipping.substring(0, 8)
                + " stays in gated, not done: its gates have not all passed");
        browser.waitFor(Duration.ofSeconds(5), () -> "gated".equals(columnOf(shipping)));
        assertThat(diskState(shipping)).isEqualTo("gated");
    }

    @Test
    void theKeyboardMovesFocusBetweenCardsAndMovesTheFocusedCard() {
        store.go("#/board", "board");
        moveRightByKeyboard(keyboardTask);
        browser.waitFor(Duration.ofSeconds(10), () -> "in_progress".equals(diskState(keyboardTask)));
        browser.waitFor(Duration.ofSeconds(5), () -> "in_progress".equals(columnOf(keyboardTask)));
        assertThat(activeCard()).as("focus stays on the moved card").isEqualTo(keyboardTask);

        new Actions(browser.driver).sendKeys("[").perform();
        browser.waitFor(Duration.ofSeconds(10), () -> "ready".equals(diskState(keyboardTask)));
        browser.waitFor(Duration.ofSeconds(5), () -> "ready".equals(columnOf(keyboardTask)));
        assertThat(activeCard()).isEqualTo(keyboardTask);

        // arrows: down the column, then across to the nearest column with cards
        List<String> ready = cardIds("ready");
        int at = ready.indexOf(keyboardTask);
        new Actions(browser.driver).sendKeys(at == 0 ? Keys.ARROW_DOWN : Keys.ARROW_UP).perform();
        assertThat(activeCard()).isEqualTo(ready.get(at == 0 ? 1 : at - 1));
        new Actions(browser.driver).sendKeys(Keys.ARROW_LEFT).perform();
        assertThat(columnOf(activeCard())).isEqualTo("backlog");
        new Actions(browser.driver).sendKeys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT).perform();
        assertThat(columnOf(activeCard())).isEqualTo("in_progress");
        new Actions(browser.driver).sendKeys(Keys.ENTER).perform();
        browser.waitReady("issue");
    }

    @Test
    void aKeyboardMoveThatIsRefusedKeepsTheCardAndSaysWhy() {
        store.go("#/board", "board");
        moveRightByKeyboard(migration);
        assertThat(browser.find(".note-error span").getText()).contains("TRANSITION_BLOCKED");
        browser.waitFor(Duration.ofSeconds(5), () -> "backlog".equals(columnOf(migration)));
        assertThat(activeCard()).isEqualTo(migration);
        assertThat(diskState(migration)).isEqualTo("backlog");
    }

    private String activeCard() {
        return (String) browser.js("return document.activeElement.dataset.cardId || ''");
    }

    @SuppressWarnings("unchecked")
    private List<String> cardIds(String state) {
        return (List<String>) browser.js("return [...document.querySelectorAll(arguments[0])].map(c => c.dataset.cardId)",
                "[data-column='" + state + "'] [data-card-id]");
    }

    @Test
    void theListsFilterParametersFilterTheBoardAndStatesPickColumns() {
        store.go("#/board?label=epic:web", "board");
        assertThat(browser.find("input[aria-label='label filter']").getDomProperty("value")).isEqualTo("epic:web");
        browser.waitFor(Duration.ofSeconds(5), () -> !browser.all("[data-card-id]").isEmpty());
        List<String> titles = browser.texts("[data-card-id] .card-title");
        assertThat(titles).containsExactlyInAnyOrder("Polish the web UI", "Move me with the keyboard");

        browser.find("a.view-switch").click();
        browser.waitReady("issues");
        assertThat((String) browser.js("return location.hash")).isEqualTo("#/issues?label=epic%3Aweb");
        browser.waitFor(Duration.ofSeconds(5), () -> browser.texts(".issues-table tbody tr").size() == 2);

        store.go("#/board?state=ready,rejected&priority=low", "board");
        assertThat(browser.texts("[data-column] h2")).hasSize(2);
        assertThat(browser.texts("[data-column] h2").get(1)).startsWith("rejected");
        assertThat(browser.texts("[data-card-id] .prio")).isNotEmpty().allMatch("low"::equals);

        // archived on demand: its chip adds the column to the default ones
        store.go("#/board", "board");
        browser.find("label.chip.state-archived").click();
        browser.waitFor(Duration.ofSeconds(5), () -> browser.texts("[data-column] h2").size() == 6);
        assertThat((String) browser.js("return location.hash")).isEqualTo("#/board?state=backlog%2Cready%2Cin_progress%2Cgated%2Cdone%2Carchived");
        browser.find("label.chip.state-archived").click();
        browser.waitFor(Duration.ofSeconds(5), () -> browser.texts("[data-column] h2").size() == 5);
        assertThat((String) browser.js("return location.hash")).isEqualTo("#/board");
    }

    @Test
    void aCrowdedColumnShowsItsFirstCardsUntilShowAllAndACardMovedIntoItStaysInSight() {
        store.go("#/board?label=epic:crowd", "board");
        browser.waitFor(Duration.ofSeconds(5), () -> cardIds("ready").size() == COLUMN_LIMIT);
        assertThat(browser.find("[data-column='ready'] h2").getText()).isEqualTo("ready " + CROWD);

        WebElement late = browser.find(cardIn("in_progress", lateCrowd));
        browser.js("arguments[0].focus()", late);
        late.sendKeys(Keys.chord(Keys.SHIFT, Keys.ARROW_LEFT));
        browser.waitFor(Duration.ofSeconds(10), () -> "ready".equals(diskState(lateCrowd)));
        browser.waitFor(Duration.ofSeconds(5), () -> cardIds("ready").size() == CROWD + 1);
        assertThat(cardIds("ready").get(CROWD)).as("it sorts last").isEqualTo(lateCrowd);
        assertThat(activeCard()).isEqualTo(lateCrowd);

        store.go("#/board?label=epic:crowd", "board");
        browser.waitFor(Duration.ofSeconds(5), () -> cardIds("ready").size() == COLUMN_LIMIT);
        assertThat(browser.find("[data-column='ready'] button.show-all").getText()).startsWith("show all " + (CROWD + 1));
        browser.find("[data-column='ready'] button.show-all").click();
        browser.waitFor(Duration.ofSeconds(5), () -> cardIds("ready").size() == CROWD + 1);
        assertThat(browser.all("[data-column='ready'] button.show-all")).isEmpty();
    }

    @Test
    void changesMadeWithTheCliAppearWithoutReload() throws Exception {
        store.go("#/board", "board");
        browser.js("window.__sameDocument = true");
        String created = store.cli("issue", "create", "--title", "Filed from the CLI for the board");
        browser.waitFor(Duration.ofSeconds(5), () -> "ready".equals(columnOf(created)));
        store.cli("issue", "claim", created, "agent:cli");
        browser.waitFor(Duration.ofSeconds(5), () -> "in_progress".equals(columnOf(created)));
        assertThat(browser.find(card(created)).getText()).contains("@ agent:cli");
        assertThat(browser.js("return window.__sameDocument")).isEqualTo(true);
    }

    @Test
    void theShortcutAndTheNavigationOpenTheBoard() {
        store.go("#/", "dashboard");
        new Actions(browser.driver).sendKeys("gb").perform();
        browser.waitReady("board");
        assertThat((String) browser.js("return location.hash")).isEqualTo("#/board");
        assertThat(browser.texts(".main-nav a")).containsExactly("Dashboard", "Issues", "Board", "Graph");
        assertThat(browser.find(".main-nav a.on").getText()).isEqualTo("Board");
        store.go("#/issues", "issues");
        browser.open(store.base() + "board?label=epic:web");
        browser.waitReady("board");
        assertThat((String) browser.js("return location.hash")).isEqualTo("#/board?label=epic%3Aweb");
    }

    @Test
    void theBoardIsAccessibleInBothThemes() {
        store.go("#/board", "board");
        assertThat(browser.all("h1")).hasSize(1);
        assertThat(browser.all("section[data-column][aria-labelledby] ul[aria-labelledby]")).hasSize(5);
        browser.assertAccessible("board-light");
        browser.screenshot("board-1280x800-light");
        browser.systemScheme("dark");
        browser.waitFor(Duration.ofSeconds(5),
                () -> "rgb(15, 18, 23)".equals(browser.js("return getComputedStyle(document.body).backgroundColor")));
        browser.assertAccessible("board-dark");
        browser.screenshot("board-1280x800-dark");
        browser.size(420, 860);
        browser.screenshot("board-narrow-dark");
    }

    /** Focuses the card of {@code id} and presses Shift+→ on it (move to the next column). */
    private void moveRightByKeyboard(String id) {
        WebElement card = browser.find(card(id));
        browser.js("arguments[0].focus()", card);
        card.sendKeys(Keys.chord(Keys.SHIFT, Keys.ARROW_RIGHT));
    }
}
