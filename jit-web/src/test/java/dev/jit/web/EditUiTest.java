package dev.jit.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.Select;

/**
 * Editing in place, in headless Chromium against a real jit-server over a store seeded with the real CLI: each
 * edit is made through the UI, then read back from disk with {@code jit issue show} and seen in a second tab
 * that only follows the live event stream.
 */
class EditUiTest extends UiTest {
    private static final Duration SAVED = Duration.ofSeconds(10);

    private String parser;
    private String tokenizer;
    private String releaseNotes;
    private String fixtureOne;
    private String fixtureTwo;
    /** The tab the edits are made in and the one that watches. */
    private String editTab;
    private String watchTab;

    @Override
    void seed() throws Exception {
        store.cli("registry", "add", "tests", "--title", "Tests pass");
        store.cli("registry", "add", "docs", "--title", "Docs written");
        parser = store.cli("issue", "create", "--title", "Rename the parser", "--desc", "Old text.");
        tokenizer = store.cli("issue", "create", "--title", "Tokenizer groundwork");
        releaseNotes = store.cli("issue", "create", "--title", "Release notes for the parser");
        fixtureOne = store.cli("issue", "create", "--title", "Lexer fixture one");
        fixtureTwo = store.cli("issue", "create", "--title", "Lexer fixture two");
    }

    @BeforeEach
    void twoTabs() {
        browser.size(1280, 900);
        useToken();
        editTab = browser.driver.getWindowHandle();
        watchTab = null;
    }

    @AfterEach
    void closeWatchTab() {
        if (watchTab != null) {
            browser.driver.switchTo().window(watchTab).close();
            browser.driver.switchTo().window(editTab);
        }
    }

    /** Opens {@code id} in the edit tab and in a second tab that is never touched, only looked at. */
    private void openInTwoTabs(String id) {
        browser.driver.switchTo().newWindow(WindowType.TAB);
        watchTab = browser.driver.getWindowHandle();
        store.go("#/issue/" + id, "issue");
        browser.driver.switchTo().window(editTab);
        store.go("#/issue/" + id, "issue");
    }

    /** Waits until the watching tab shows what {@code shown} accepts (it refetches on the event stream). */
    private void watchTabShows(String what, Predicate<Browser> shown) {
        browser.driver.switchTo().window(watchTab);
        try {
            browser.waitFor(SAVED, () -> shown.test(browser));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("the second tab never showed " + what + "; it shows: "
                    + browser.js("return document.querySelector('article.detail')?.innerText"), e);
        } finally {
            browser.driver.switchTo().window(editTab);
        }
    }

    private void onDisk(String what, String id, Predicate<JsonNode> saved) {
        try {
            browser.waitFor(SAVED, () -> saved.test(store.show(id)));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError(what + " never reached the disk: " + store.show(id) + "; the page says: "
                    + browser.texts("[role=alert]"), e);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private WebElement button(String accessibleName) {
        return browser.find("button[aria-label='" + accessibleName + "']");
    }

    private WebElement buttonWithText(String scope, String text) {
        return browser.find(scope).findElement(By.xpath(".//button[normalize-space(.)='" + text + "']"));
    }

    @Test
    void titleDescriptionAndPriorityAreEditedInPlace() {
        openInTwoTabs(parser);

        button("edit title").click();
        WebElement title = browser.find("input[aria-label='title']");
        assertThat(title.getDomProperty("value")).isEqualTo("Rename the parser");
        title.sendKeys(Keys.chord(Keys.CONTROL, "a"), "Rename the parser module", Keys.ENTER);
        onDisk("the title", parser, i -> i.path("title").asText().equals("Rename the parser module"));
        browser.waitFor(SAVED, () -> browser.texts("h1").equals(List.of("Rename the parser module")));
        watchTabShows("the new title", b -> b.texts("h1").equals(List.of("Rename the parser module")));

        // Esc cancels: nothing is sent, the heading is back and the edit button has the focus again.
        button("edit title").click();
        browser.find("input[aria-label='title']").sendKeys(" and more", Keys.ESCAPE);
        browser.waitFor(SAVED, () -> browser.all("input[aria-label='title']").isEmpty());
        assertThat(browser.texts("h1")).containsExactly("Rename the parser module");
        assertThat(browser.js("return document.activeElement.getAttribute('aria-label')")).isEqualTo("edit title");
        assertThat(store.show(parser).path("title").asText()).isEqualTo("Rename the parser module");

        button("edit description").click();
        WebElement description = browser.find("textarea[aria-label='description']");
        assertThat(description.getDomProperty("value")).isEqualTo("Old text.");
        description.sendKeys(Keys.chord(Keys.CONTROL, "a"), "Split the **lexer** from the parser.");
        buttonWithText(".description", "Preview").click();
        assertThat(browser.find(".description .md-preview strong").getText()).isEqualTo("lexer");
        assertThat(browser.all("textarea[aria-label='description']")).isEmpty();
        buttonWithText(".description", "Write").click();
        assertThat(browser.find("textarea[aria-label='description']").getDomProperty("value"))
                .isEqualTo("Split the **lexer** from the parser.");
        buttonWithText(".description", "save description").click();
        onDisk("the description", parser, i -> i.path("description").asText().equals("Split the **lexer** from the parser."));
        browser.waitFor(SAVED, () -> browser.texts(".description .markdown strong").equals(List.of("lexer")));
        watchTabShows("the new description", b -> b.texts(".description .markdown strong").equals(List.of("lexer")));

        new Select(browser.find("select[aria-label='priority']")).selectByValue("critical");
        onDisk("the priority", parser, i -> i.path("priority").asText().equals("critical"));
        watchTabShows("the new priority", b -> "critical".equals(b.js("return document.querySelector("
                + "\"select[aria-label='priority']\").value")));
    }

    @Test
    void labelsAssigneeGatesAndContextAreEditedInPlace() throws Exception {
        openInTwoTabs(tokenizer);

        WebElement addLabel = browser.find("input[aria-label='add label']");
        addLabel.sendKeys("area:lexer", Keys.ENTER);
        onDisk("the label", tokenizer, i -> texts(i.path("labels")).contains("area:lexer"));
        watchTabShows("the label", b -> !b.all("li.label[data-label='area:lexer']").isEmpty());
        // The API validates labels; its refusal is shown in words next to the input, and nothing changes.
        browser.find("input[aria-label='add label']").sendKeys("nonamespace", Keys.ENTER);
        assertThat(browser.find(".label-chips .field-error").getText())
                .contains("INVALID_ARGUMENT").contains("labels are namespace:value");
        assertThat(texts(store.show(tokenizer).path("labels"))).containsExactly("area:lexer");
        button("remove label area:lexer").click();
        onDisk("the label's removal", tokenizer, i -> i.path("labels").isEmpty());
        watchTabShows("the label gone", b -> b.all("li.label[data-label='area:lexer']").isEmpty());

        button("edit assignee").click();
        browser.find(".detail-head input[aria-label='assignee']").sendKeys("human:ann", Keys.ENTER);
        onDisk("the assignee", tokenizer, i -> i.path("assignee").asText().equals("human:ann"));
        watchTabShows("the assignee", b -> b.texts(".detail-head .assignee").toString().contains("@ human:ann"));
        buttonWithText(".detail-head .assignee", "unassign").click();
        onDisk("the unassignment", tokenizer, i -> i.path("assignee").isNull());
        watchTabShows("no assignee", b -> b.texts(".detail-head .assignee").toString().contains("unassigned"));

        new Select(browser.find("select[aria-label='gate to add']")).selectByValue("docs");
        buttonWithText(".gates", "add gate").click();
        onDisk("the gate", tokenizer, i -> texts(i.path("gates_required")).equals(List.of("docs")));
        watchTabShows("the gate", b -> !b.all(".gates tr[data-gate='docs']").isEmpty());
        assertThat(new Select(browser.find("select[aria-label='gate to add']")).getOptions())
                .extracting(WebElement::getText).containsExactly("tests — Tests pass");
        button("remove gate docs").click();
        onDisk("the gate's removal", tokenizer, i -> i.path("gates_required").isEmpty());
        watchTabShows("the gate gone", b -> b.all(".gates tr[data-gate='docs']").isEmpty());
        // A gate defined meanwhile (here with the CLI) is offered without a reload.
        store.cli("registry", "add", "lint", "--title", "Lint clean");
        browser.waitFor(SAVED, () -> browser.texts("select[aria-label='gate to add'] option").contains("lint — Lint clean"));

        browser.find("input[aria-label='context key']").sendKeys("branch");
        browser.find("input[aria-label='context value']").sendKeys("feature/lexer", Keys.ENTER);
        onDisk("the context", tokenizer, i -> i.path("context").path("branch").asText().equals("feature/lexer"));
        watchTabShows("the context", b -> b.texts(".context").toString().contains("feature/lexer"));
        button("remove context branch").click();
        onDisk("the context's removal", tokenizer, i -> !i.path("context").has("branch"));
        watchTabShows("the context gone", b -> !b.texts(".context").toString().contains("feature/lexer"));
    }

    @Test
    void thePickerAddsDependenciesBothWaysAndShowsARefusedCycle() {
        openInTwoTabs(releaseNotes);

        // Typing part of a title lists the matches; the keyboard picks the second one.
        WebElement dependsOn = browser.find("input[aria-label='add dependency']");
        dependsOn.sendKeys("fixture");
        browser.waitFor(SAVED, () -> browser.all(".deps [role=listbox]:not([hidden]) [role=option]").size() == 2);
        assertThat(dependsOn.getDomAttribute("aria-expanded")).isEqualTo("true");
        List<WebElement> options = browser.all(".deps [role=option]");
        assertThat(options).extracting(WebElement::getText).allMatch(t -> t.contains("Lexer fixture"));
        assertThat(dependsOn.getDomAttribute("aria-activedescendant")).isEqualTo(options.get(0).getDomAttribute("id"));
        dependsOn.sendKeys(Keys.ARROW_DOWN);
        browser.waitFor(SAVED, () -> options.get(1).getDomAttribute("id").equals(dependsOn.getDomAttribute("aria-activedescendant")));
        assertThat(options.get(1).getDomAttribute("aria-selected")).isEqualTo("true");
        String second = options.get(1).getDomAttribute("data-option");
        dependsOn.sendKeys(Keys.ENTER);
        onDisk("the dependency", releaseNotes, i -> texts(i.path("dependencies")).equals(List.of(second)));
        assertThat(second).isIn(fixtureOne, fixtureTwo);
        watchTabShows("the dependency", b -> !b.all(".deps li[data-linked='" + second + "']").isEmpty());

        // An id prefix finds an issue too, and the mouse picks it.
        dependsOn.sendKeys(tokenizer.substring(0, 6));
        browser.waitFor(SAVED, () -> browser.texts(".deps [role=listbox]:not([hidden]) [role=option]").size() == 1);
        browser.find(".deps [role=option][data-option='" + tokenizer + "']").click();
        onDisk("the second dependency", releaseNotes, i -> texts(i.path("dependencies")).contains(tokenizer));

        // "Blocks": the picked issue gets this one as a dependency.
        WebElement blocks = browser.find("input[aria-label='add an issue this one blocks']");
        blocks.sendKeys("rename the");
        browser.find(".deps [role=option][data-option='" + parser + "']").click();
        onDisk("the dependent", parser, i -> texts(i.path("dependencies")).contains(releaseNotes));
        browser.waitFor(SAVED, () -> !browser.all(".deps li[data-linked='" + parser + "']").isEmpty());
        watchTabShows("the dependent", b -> !b.all(".deps li[data-linked='" + parser + "']").isEmpty());

        // The parser now needs the release notes, which need the tokenizer: the tokenizer cannot need the parser.
        store.go("#/issue/" + tokenizer, "issue");
        WebElement cyclic = browser.find("input[aria-label='add dependency']");
        cyclic.sendKeys("rename the");
        browser.find(".deps [role=option][data-option='" + parser + "']");
        cyclic.sendKeys(Keys.ENTER);
        assertThat(browser.find(".deps .field-error").getText())
                .contains("CYCLE_DETECTED").contains("would create a cycle");
        assertThat(store.show(tokenizer).path("dependencies")).isEmpty();
        assertThat(texts(store.show(parser).path("dependencies"))).containsExactly(releaseNotes);

        // Removing from the list: the dependency on the tokenizer goes, the other stays.
        store.go("#/issue/" + releaseNotes, "issue");
        button("remove dependency Tokenizer groundwork").click();
        onDisk("the removal", releaseNotes, i -> texts(i.path("dependencies")).equals(List.of(second)));

        // A transition the dependencies block is refused in words too.
        String state = store.show(releaseNotes).path("state").asText();
        new Select(browser.find("select[aria-label='new state']")).selectByValue("done");
        buttonWithText(".actions", "change state").click();
        assertThat(browser.find(".note-error").getText()).contains("TRANSITION_BLOCKED");
        assertThat(store.show(releaseNotes).path("state").asText()).isEqualTo(state);
    }

    @Test
    void theCreateDialogTakesLabelsAndDependencies() {
        store.go("#/", "dashboard");
        browser.find("header.top").findElement(By.xpath(".//button[contains(., 'New')]")).click();
        browser.find(".modal input[required]").sendKeys("Benchmark the lexer");
        browser.find(".modal input[aria-label='add label']").sendKeys("area:perf", Keys.ENTER);
        browser.find(".modal input[aria-label='add label']").sendKeys("type:task", Keys.ENTER);
        browser.find(".modal button[aria-label='remove label type:task']").click();
        WebElement picker = browser.find(".modal input[aria-label='add dependency']");
        picker.sendKeys("groundwork");
        browser.find(".modal [role=option][data-option='" + tokenizer + "']");
        picker.sendKeys(Keys.ENTER);
        browser.find(".modal li[data-dependency='" + tokenizer + "']");
        assertThat(browser.all(".overlay")).as("Enter picks, it does not submit the dialog").hasSize(1);
        assertThat(store.issues()).noneMatch(i -> i.path("title").asText().equals("Benchmark the lexer"));

        browser.find(".modal button[type=submit]").click();
        browser.waitReady("issue");
        browser.waitFor(SAVED, () -> browser.texts("h1").equals(List.of("Benchmark the lexer")));
        JsonNode created = store.issues().stream().filter(i -> i.path("title").asText().equals("Benchmark the lexer"))
                .findFirst().orElseThrow();
        onDisk("the created issue's dependency", created.path("id").asText(),
                i -> texts(i.path("dependencies")).equals(List.of(tokenizer)));
        assertThat(texts(store.show(created.path("id").asText()).path("labels"))).containsExactly("area:perf");
        browser.waitFor(SAVED, () -> !browser.all(".deps li[data-linked='" + tokenizer + "']").isEmpty());
        // created with its dependency in one commit: it never was ready, so no agent could have claimed it
        String id = created.path("id").asText();
        assertThat(store.show(id).path("state").asText()).isEqualTo("backlog");
        assertThat((Long) browser.js("return performance.getEntriesByType('resource')"
                + ".filter(r => r.name.includes('/api/issues/" + id + "/dependencies')).length"))
                .as("no dependency added by a request of its own after the create").isZero();
    }

    @Test
    void theEditorsAreAccessibleInBothThemes() {
        store.go("#/issue/" + fixtureOne, "issue");
        button("edit title").click();
        button("edit description").click();
        browser.find("input[aria-label='add label']").sendKeys("area:a11y", Keys.ENTER);
        browser.find("li.label[data-label='area:a11y']");
        browser.find("input[aria-label='add label']").sendKeys("bad label");
        browser.find("input[aria-label='add label']").sendKeys(Keys.ENTER);
        browser.find(".label-chips .field-error");
        browser.find("input[aria-label='add an issue this one blocks']").sendKeys("lexer");
        browser.waitFor(SAVED, () -> !browser.all(".deps [role=listbox]:not([hidden]) [role=option]").isEmpty());
        browser.screenshot("edit-light");
        browser.assertAccessible("edit-light");
        buttonWithText(".description", "Preview").click();
        browser.assertAccessible("edit-preview-light");

        browser.systemScheme("dark");
        browser.waitFor(SAVED, () -> "rgb(15, 18, 23)".equals(browser.js("return getComputedStyle(document.body).backgroundColor")));
        browser.screenshot("edit-dark");
        browser.assertAccessible("edit-dark");

        browser.find("header.top").findElement(By.xpath(".//button[contains(., 'New')]")).click();
        browser.find(".modal input[aria-label='add label']").sendKeys("area:x", Keys.ENTER);
        browser.find(".modal input[aria-label='add dependency']").sendKeys("lexer");
        browser.waitFor(SAVED, () -> !browser.all(".modal [role=listbox]:not([hidden]) [role=option]").isEmpty());
        browser.screenshot("create-dark");
        browser.assertAccessible("create-dark");
        browser.systemScheme("light");
        browser.waitFor(SAVED, () -> "rgb(246, 247, 249)".equals(browser.js("return getComputedStyle(document.body).backgroundColor")));
        browser.assertAccessible("create-light");
    }
}
