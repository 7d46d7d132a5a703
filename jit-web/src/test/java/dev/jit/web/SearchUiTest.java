package dev.jit.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * Search that reaches documents, in a real browser against a real jit-server over a store written by the real
 * CLI: the issues list's text box and the Ctrl-K / ⌘K palette ask GET /api/search, which also searches the
 * documents issues link, show where each line matched and jump to the issue or the document.
 */
class SearchUiTest extends UiTest {
    /** A word only the linked document holds, on its line 5. */
    private static final String DOCUMENT_WORD = "zephyrine";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private String storage;
    private String migration;

    @Override
    void seed() throws Exception {
        store.git("init", "-q");
        Path doc = Files.createDirectories(store.repo.resolve("docs")).resolve("design.md");
        Files.writeString(doc, "# Storage design\n\nThe journal is appended to.\n\nSnapshots use the "
                + DOCUMENT_WORD + " codec for compaction.\n");
        store.git("add", "docs/design.md");
        store.git("commit", "-q", "-m", "Storage design");
        storage = store.cli("issue", "create", "--title", "Design the storage layer", "--priority", "high",
                "--desc", "Journal and snapshots.");
        migration = store.cli("issue", "create", "--title", "Write the migration guide", "--priority", "low",
                "--desc", "Steps for operators.\n<img src=x onerror=window.injected=1> quasar notes");
        store.cli("issue", "create", "--title", "Tidy the event stream");
        store.cli("doc", "add", storage, "docs/design.md", "--label", "Design");
    }

    @Test
    void theListsBoxFindsAWordOnlyALinkedDocumentHoldsAndSaysWhere() {
        store.go("#/issues", "issues");
        browser.waitFor(WAIT, () -> browser.texts(".issues-table tbody tr").size() == 3);
        searchBox().sendKeys(DOCUMENT_WORD);
        browser.waitFor(WAIT, () -> browser.texts(".issues-table tbody tr").size() == 1
                && browser.texts(".issues-table tbody tr").get(0).contains("Design the storage layer"));
        assertThat(browser.texts(".issues-table tbody .hit-where")).containsExactly("document docs/design.md:5");
        assertThat(browser.texts(".issues-table tbody .snippet"))
                .containsExactly("Snapshots use the " + DOCUMENT_WORD + " codec for compaction.");
        assertThat(browser.texts(".issues-table tbody mark")).containsExactly(DOCUMENT_WORD);
        assertThat(browser.texts(".result-count").get(0)).startsWith("1 issue").contains("1 matching line");
        assertThat((String) browser.js("return location.hash")).contains("q=" + DOCUMENT_WORD);
        browser.screenshot("search-list-document-hit");
        browser.assertAccessible("search-list-light");
        browser.systemScheme("dark");
        browser.assertAccessible("search-list-dark");
        browser.systemScheme("light");

        // the list's filters narrow the search: the storage issue is high priority, not low
        browser.find("fieldset[aria-label='priority filter'] label.chip:last-child").click();
        browser.waitFor(WAIT, () -> browser.texts(".empty").stream().anyMatch(t -> t.contains("nothing matches")));
        assertThat(browser.all(".issues-table tbody tr")).isEmpty();
        assertThat((String) browser.js("return location.hash")).contains("priority=low");
        browser.find("fieldset[aria-label='priority filter'] label.chip:last-child").click();
        browser.waitFor(WAIT, () -> browser.texts(".issues-table tbody tr").size() == 1);

        // the location is a link to the document, open on the issue page
        browser.find(".issues-table tbody a.hit-where").click();
        browser.waitReady("issue");
        assertThat((String) browser.js("return location.hash"))
                .isEqualTo("#/issue/" + storage + "?doc=docs%2Fdesign.md&find=" + DOCUMENT_WORD);
        browser.waitFor(WAIT, () -> browser.texts(".doc-body .markdown mark").equals(List.of(DOCUMENT_WORD)));

        // clearing the box gives the whole list back
        browser.driver.navigate().back();
        browser.waitReady("issues");
        browser.waitFor(WAIT, () -> browser.texts(".issues-table tbody tr").size() == 1);
        searchBox().sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        browser.waitFor(WAIT, () -> browser.texts(".issues-table tbody tr").size() == 3);
        assertThat(browser.all(".issues-table .hit")).isEmpty();
        assertThat((String) browser.js("return location.hash")).doesNotContain("q=");
    }

    @Test
    void aDeepLinkWithQSearchesAndSnippetsStayText() {
        store.go("#/issues?q=quasar", "issues");
        browser.waitFor(WAIT, () -> browser.texts(".issues-table tbody .snippet").size() == 1);
        assertThat(browser.texts(".issues-table tbody .hit-where")).containsExactly("description line 2");
        assertThat(browser.texts(".issues-table tbody .snippet"))
                .containsExactly("<img src=x onerror=window.injected=1> quasar notes");
        assertThat(browser.all(".issues-table img")).isEmpty();
        assertThat(browser.js("return window.injected === undefined")).isEqualTo(true);
        assertThat(browser.texts(".issues-table tbody tr").get(0)).contains("Write the migration guide");
    }

    @Test
    void theListsBoxStillFindsAnIssueByItsIdPrefix() {
        store.go("#/issues?q=" + migration.substring(0, 6), "issues");
        browser.waitFor(WAIT, () -> browser.texts(".issues-table tbody tr").size() == 1
                && browser.texts(".issues-table tbody tr").get(0).contains("Write the migration guide"));
        assertThat(browser.texts(".issues-table tbody .hit-where")).containsExactly("id");
        assertThat(browser.texts(".issues-table tbody mark")).containsExactly(migration.substring(0, 6));
        // the list's filters apply to it too: the migration guide is low priority
        browser.find("fieldset[aria-label='priority filter'] label.chip:first-child").click();
        browser.waitFor(WAIT, () -> browser.texts(".empty").stream().anyMatch(t -> t.contains("nothing matches")));
    }

    @Test
    void ctrlKOpensThePaletteFromTwoViewsEvenInAFieldAndEscGivesFocusBack() {
        store.go("#/issues", "issues");
        WebElement labelFilter = browser.find("input[aria-label='label filter']");
        labelFilter.click();
        ctrlK();
        WebElement input = paletteInput();
        assertThat(focusedIs(input)).isTrue();
        assertThat(input.getAttribute("role")).isEqualTo("combobox");
        input.sendKeys(Keys.TAB);
        assertThat(focusedIs(input)).as("Tab stays in the palette").isTrue();
        input.sendKeys(Keys.ESCAPE);
        browser.waitFor(WAIT, () -> browser.all(".palette").isEmpty());
        assertThat(focusedIs(labelFilter)).as("focus is back in the label filter").isTrue();
        assertThat((String) browser.js("return location.hash")).startsWith("#/issues");

        store.go("#/issue/" + migration, "issue");
        new Actions(browser.driver).keyDown(Keys.META).sendKeys("k").keyUp(Keys.META).perform(); // ⌘K
        browser.find(".palette");
        paletteInput().sendKeys(DOCUMENT_WORD);
        browser.waitFor(WAIT, () -> browser.texts(".palette [role=option]").size() == 1);
        new Actions(browser.driver).keyDown(Keys.CONTROL).sendKeys("k").keyUp(Keys.CONTROL).perform();
        browser.waitFor(WAIT, () -> browser.all(".palette").isEmpty());
        assertThat(focusedIs(browser.driver.findElement(org.openqa.selenium.By.tagName("body")))).isTrue();

        // '/' still focuses the list's box
        store.go("#/issues", "issues");
        new Actions(browser.driver).sendKeys("/").perform();
        browser.waitFor(WAIT, () -> focusedIs(searchBox()));
    }

    @Test
    void thePaletteFindsTheDocumentAndEnterOpensIt() {
        store.go("#/", "dashboard");
        ctrlK();
        paletteInput().sendKeys(DOCUMENT_WORD);
        browser.waitFor(WAIT, () -> browser.texts(".palette [role=option]").size() == 1);
        WebElement option = browser.find(".palette [role=option]");
        assertThat(option.getText()).contains("document").contains("docs/design.md")
                .contains("document docs/design.md:5").contains("Design the storage layer");
        assertThat(option.getAttribute("aria-selected")).isEqualTo("true");
        assertThat(paletteInput().getAttribute("aria-activedescendant")).isEqualTo(option.getAttribute("id"));
        assertThat(browser.texts(".palette [role=group]")).hasSize(1);
        assertThat(browser.js("return document.querySelector('.palette [role=group]').getAttribute('aria-label')"))
                .isEqualTo("Documents");
        assertThat(browser.texts(".palette mark")).containsExactly(DOCUMENT_WORD);
        browser.screenshot("search-palette-document");
        browser.assertAccessible("palette-light");
        browser.systemScheme("dark");
        browser.assertAccessible("palette-dark");
        browser.systemScheme("light");

        paletteInput().sendKeys(Keys.ENTER);
        browser.waitReady("issue");
        assertThat((String) browser.js("return location.hash"))
                .isEqualTo("#/issue/" + storage + "?doc=docs%2Fdesign.md&find=" + DOCUMENT_WORD);
        // the document is shown with the matched word marked
        browser.waitFor(WAIT, () -> browser.texts(".doc-body .markdown mark").equals(List.of(DOCUMENT_WORD)));
        assertThat(String.join("\n", browser.texts(".doc-body .markdown p"))).contains("The journal is appended to.");
        assertThat(browser.all(".palette")).isEmpty();
        browser.screenshot("search-document-opened");

        // closing the document drops it from the address
        new Actions(browser.driver).sendKeys(Keys.ESCAPE).perform();
        browser.waitFor(WAIT, () -> browser.all(".doc-body").isEmpty());
        browser.waitFor(WAIT, () -> ("#/issue/" + storage).equals(browser.js("return location.hash")));
    }

    @Test
    void arrowsMoveBetweenIssuesAndDocumentsGroupedApart() {
        store.go("#/issues", "issues");
        ctrlK();
        paletteInput().sendKeys("journal");
        browser.waitFor(WAIT, () -> browser.texts(".palette [role=option]").size() == 2);
        assertThat(browser.js("return [...document.querySelectorAll('.palette [role=group]')].map(g => g.getAttribute('aria-label')).join()"))
                .isEqualTo("Issues,Documents");
        List<String> options = browser.texts(".palette [role=option]");
        assertThat(options.get(0)).contains("Design the storage layer").contains("description line 1");
        assertThat(options.get(1)).contains("docs/design.md").contains("document docs/design.md:3");
        paletteInput().sendKeys(Keys.ARROW_DOWN);
        browser.waitFor(WAIT, () -> browser.texts(".palette [aria-selected=true]").get(0).contains("docs/design.md"));
        paletteInput().sendKeys(Keys.ARROW_UP);
        browser.waitFor(WAIT, () -> browser.texts(".palette [aria-selected=true]").get(0).contains("description line 1"));
        paletteInput().sendKeys(Keys.ENTER);
        browser.waitReady("issue");
        assertThat((String) browser.js("return location.hash")).isEqualTo("#/issue/" + storage);
        assertThat(browser.all(".doc-body")).isEmpty();
    }

    @Test
    void anIdPrefixInThePaletteJumpsToTheIssue() {
        store.go("#/", "dashboard");
        ctrlK();
        paletteInput().sendKeys(migration.substring(0, 6));
        browser.waitFor(WAIT, () -> browser.texts(".palette [role=group][aria-label='Go to'] [role=option]").size() == 1);
        assertThat(browser.texts(".palette [aria-selected=true]").get(0)).contains("Write the migration guide");
        paletteInput().sendKeys(Keys.ENTER);
        browser.waitReady("issue");
        assertThat((String) browser.js("return location.hash")).isEqualTo("#/issue/" + migration);
        assertThat(browser.find("h1").getText()).isEqualTo("Write the migration guide");

        // typed fast, Enter before the answer has come: it still goes to the issue
        ctrlK();
        paletteInput().sendKeys(storage.substring(0, 8) + Keys.ENTER);
        browser.waitFor(WAIT, () -> ("#/issue/" + storage).equals(browser.js("return location.hash")));
        browser.waitFor(WAIT, () -> browser.texts("h1").equals(List.of("Design the storage layer")));
    }

    @Test
    void noResultsAndErrorsAreSaidInWords() throws Exception {
        store.go("#/issues", "issues");
        searchBox().sendKeys("nowhere-to-be-found");
        browser.waitFor(WAIT, () -> browser.texts(".empty").stream()
                .anyMatch(t -> t.equals("nothing matches “nowhere-to-be-found” in issues or linked documents")));
        // the API's own error for a filter it refuses, while searching
        browser.find("input[aria-label='label filter']").sendKeys("epic:a|b", Keys.TAB);
        browser.waitFor(WAIT, () -> browser.texts(".error-line").stream().anyMatch(t -> t.contains("must not contain '|'")));

        ctrlK();
        paletteInput().sendKeys("nowhere-to-be-found");
        browser.waitFor(WAIT, () -> browser.texts(".palette-status").contains("No issue or document matches “nowhere-to-be-found”."));
        assertThat(paletteInput().getAttribute("aria-expanded")).isEqualTo("false");
        store.server.close();
        try {
            paletteInput().sendKeys(Keys.BACK_SPACE);
            browser.waitFor(WAIT, () -> browser.texts(".palette [role=alert]").stream()
                    .anyMatch(t -> t.equals("Search failed: NETWORK: cannot reach the JIT server")));
        } finally {
            store.restartServer();
        }
        paletteInput().sendKeys("d");
        browser.waitFor(WAIT, () -> browser.texts(".palette-status").contains("No issue or document matches “nowhere-to-be-found”."));
    }

    private WebElement searchBox() {
        return browser.find("input.search");
    }

    private WebElement paletteInput() {
        return browser.find(".palette input[role=combobox]");
    }

    private void ctrlK() {
        new Actions(browser.driver).keyDown(Keys.CONTROL).sendKeys("k").keyUp(Keys.CONTROL).perform();
        browser.find(".palette");
    }

    private boolean focusedIs(WebElement element) {
        return element.equals(browser.driver.switchTo().activeElement());
    }
}
