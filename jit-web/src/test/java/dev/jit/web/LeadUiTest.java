package dev.jit.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * What a lead who steers relies on, in headless Chromium against the real jit-server and CLI: the name set in
 * the token dialog is the one recorded, toasts name the state an issue really reached, verdicts are offered
 * only where they apply, a server restart under an open tab refreshes it (and "offline" shows meanwhile), a
 * server without a token gets a read-only UI, the dashboard names what changed and flags stale holds, and
 * every view and dialog is accessible (axe-core, one h1, focus kept in dialogs, Esc closes them).
 */
class LeadUiTest extends UiTest {
    private String plain;
    private String gated;
    private String renamed;
    private String leased;

    @Override
    void seed() throws Exception {
        store.cli("registry", "add", "tests", "--title", "Tests pass");
        plain = store.cli("issue", "create", "--title", "Plain work");
        gated = store.cli("issue", "create", "--title", "Ship behind a gate", "--gate", "tests");
        renamed = store.cli("issue", "create", "--title", "Work to rename", "--label", "epic:web", "--label", "area:ui");
        leased = store.cli("issue", "create", "--title", "Leased by a slow agent");
        store.cli("issue", "claim", leased, "agent:slow", "--ttl", "15m");
        store.cli("issue", "update", renamed, "--title", "Renamed work", "--priority", "high");
    }

    private void signIn(String name) {
        browser.find("header.top button[title^='API token']").click();
        browser.find(".modal input[type=password]").sendKeys(JitServerProcess.TOKEN);
        WebElement who = browser.all(".modal input").get(1);
        who.clear();
        who.sendKeys(name);
        browser.find(".modal button[type=submit]").click();
        browser.waitFor(Duration.ofSeconds(5), () -> browser.all(".overlay").isEmpty());
    }

    private String lastToast() {
        browser.waitFor(Duration.ofSeconds(10), () -> !browser.texts(".note").isEmpty());
        List<String> notes = browser.texts(".note");
        return notes.get(notes.size() - 1);
    }

    private void dismissToasts() {
        browser.js("document.querySelectorAll('.note button').forEach(b => b.click())");
        browser.waitFor(Duration.ofSeconds(5), () -> browser.all(".note").isEmpty());
    }

    /** The verdict buttons (pass, fail) offered on a gate's row. */
    private List<String> verdicts(String gate) {
        return browser.texts("tr[data-gate=" + gate + "] button").stream().filter(t -> t.equals("pass") || t.equals("fail")).toList();
    }

    private WebElement button(String css, String text) {
        return browser.all(css).stream().filter(b -> b.getText().equals(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no button '" + text + "' in " + css + ": " + browser.texts(css)));
    }

    @Test
    void theNameSetInTheTokenDialogIsUsedForClaimsAndGateVerdicts() {
        store.go("#/issue/" + plain, "issue");
        // set after the page (and its claim form) rendered: the form must follow
        signIn("human:lead");
        assertThat(browser.find(".actions input[aria-label=assignee]").getAttribute("value")).isEqualTo("human:lead");
        button(".actions button", "claim").click();
        assertThat(lastToast()).contains("claimed by human:lead");
        browser.waitFor(Duration.ofSeconds(10), () -> "human:lead".equals(store.show(plain).path("assignee").asText()));

        store.go("#/issue/" + gated, "issue");
        button("tr[data-gate=tests] button", "fail").click();
        browser.waitFor(Duration.ofSeconds(10), () -> "failed".equals(
                store.show(gated).path("gates_status").path("tests").path("status").asText()));
        assertThat(store.show(gated).path("gates_status").path("tests").path("updated_by").asText()).isEqualTo("human:lead");
    }

    @Test
    void toastsNameTheStateReachedAndVerdictsAreOfferedOnlyWhereTheyApply() throws Exception {
        String shipped = store.cli("issue", "create", "--title", "Finish behind a gate", "--gate", "tests");
        store.go("#/issue/" + shipped, "issue");
        signIn("human:lead");
        assertThat(verdicts("tests")).containsExactly("pass", "fail");
        new org.openqa.selenium.support.ui.Select(browser.find(".actions select")).selectByValue("done");
        button(".actions button", "change state").click();
        assertThat(lastToast()).contains(shipped.substring(0, 8) + " moved to gated, not done: its gates have not all passed");
        assertThat(store.show(shipped).path("state").asText()).isEqualTo("gated");
        dismissToasts();

        browser.waitFor(Duration.ofSeconds(10), () -> !verdicts("tests").isEmpty());
        button("tr[data-gate=tests] button", "pass").click();
        assertThat(lastToast()).contains("gate tests passed; the issue is done");
        assertThat(store.show(shipped).path("state").asText()).isEqualTo("done");
        // done: no verdict is offered any more
        browser.waitFor(Duration.ofSeconds(10), () -> browser.texts(".gates").toString().contains("passed")
                && verdicts("tests").isEmpty());

        // a passed gate on open work: only "fail" is offered
        String open = store.cli("issue", "create", "--title", "Open with a passed gate", "--gate", "tests");
        store.cli("gate", "pass", open, "tests", "--by", "human:ci");
        store.go("#/issue/" + open, "issue");
        assertThat(verdicts("tests")).containsExactly("fail");
    }

    @Test
    void anUnknownIdGetsANotFoundPageInsteadOfThePreviousIssue() {
        store.go("#/issue/" + plain, "issue");
        browser.js("location.hash = '#/issue/zzzzzzzz'");
        browser.waitFor(Duration.ofSeconds(10), () -> !browser.all(".not-found").isEmpty());
        assertThat(browser.find("h1").getText()).contains("No issue").contains("zzzzzzzz");
        assertThat((String) browser.js("return document.querySelector('main').innerText")).doesNotContain("Plain work");
        assertThat(browser.all("h1")).hasSize(1);
    }

    @Test
    void issuesInTheNavResetsTheFilters() {
        store.go("#/issues", "issues");
        browser.find("label.chip.state-ready").click();
        browser.find("input.search").sendKeys("work");
        browser.waitFor(Duration.ofSeconds(10), () -> ((String) browser.js("return location.hash")).contains("q=work"));
        browser.find(".main-nav a[href='#/issues']").click();
        browser.waitFor(Duration.ofSeconds(10), () -> "#/issues".equals(browser.js("return location.hash"))
                && browser.find("input.search").getAttribute("value").isEmpty()
                && browser.all("label.chip.on").isEmpty());
        browser.waitFor(Duration.ofSeconds(10), () -> browser.texts(".result-count").equals(List.of(store.issues().size() + " issues")));
    }

    @Test
    void aServerRestartUnderAnOpenTabShowsOfflineThenRefreshesTheView() throws Exception {
        store.go("#/issues", "issues");
        browser.waitFor(Duration.ofSeconds(10), () -> browser.find(".live").getText().contains("live"));
        browser.js("window.sameDocument = true");
        store.stopServer();
        browser.waitFor(Duration.ofSeconds(15), () -> browser.find(".live").getText().contains("offline"));
        browser.screenshot("lead-offline");
        String title = "Made while the server was down";
        store.cli("issue", "create", "--title", title);
        store.startServer(true);
        browser.waitFor(Duration.ofSeconds(20), () -> browser.texts(".issues-table tbody tr").stream().anyMatch(r -> r.contains(title)));
        browser.waitFor(Duration.ofSeconds(10), () -> browser.find(".live").getText().contains("live"));
        assertThat(browser.js("return window.sameDocument === true")).as("no reload").isEqualTo(true);
        assertThat(browser.all(".error-line")).isEmpty();
    }

    @Test
    void aServerWithoutATokenGetsAReadOnlyUiThatSaysWhatTheServerNeeds() throws Exception {
        store.stopServer();
        store.startServer(false);
        try {
            store.go("#/issue/" + gated, "issue");
            WebElement badge = browser.find("header.top .read-only");
            assertThat(badge.getText()).isEqualTo("read-only server");
            assertThat(badge.getAttribute("title")).contains("JIT_API_TOKEN");
            assertThat(browser.texts("header.top button")).noneMatch(t -> t.contains("New") || t.startsWith("token"));
            assertThat(browser.all(".actions")).isEmpty();
            assertThat(browser.all("tr[data-gate=tests] button")).as("no verdict, no removal").isEmpty();
            assertThat(browser.all(".edit-btn, .chip-remove, input[aria-label='add label'], select[aria-label=priority]")).as("no editor").isEmpty();
            assertThat(browser.all("input[aria-label='add dependency']")).isEmpty();
            browser.find("body").sendKeys("n");
            assertThat(browser.all(".overlay")).as("no create dialog on a read-only server").isEmpty();
            browser.assertAccessible("read-only-issue");
        } finally {
            store.stopServer();
            store.startServer(true);
        }
    }

    @Test
    void theDashboardNamesFeedIssuesAndChangedFieldsFlagsStaleHoldsAndShowsLeaseTimeLeft() throws Exception {
        store.go("#/", "dashboard");
        List<String> feed = browser.texts(".events ol.timeline li");
        assertThat(feed).anyMatch(l -> l.contains("Renamed work") && l.contains("updated title “Work to rename” → “Renamed work”, priority normal → high"));
        assertThat((Long) browser.js("return [...document.querySelectorAll('.events li')].filter(li => li.querySelector('.issue-link')"
                + " && !li.querySelector('.issue-link .link-title')).length")).as("every feed row with an issue names it").isZero();

        WebElement row = browser.find("tr[data-agent='agent:slow']");
        assertThat(row.getText()).containsPattern("1[45]m left");
        assertThat(row.getAttribute("class")).doesNotContain("stale-row");
        // the hold began before this page loaded, seconds ago: flagged once the threshold is below that
        WebElement threshold = browser.find("input[aria-label='stale after hours']");
        threshold.clear();
        threshold.sendKeys("0.001", Keys.TAB);
        browser.waitFor(Duration.ofSeconds(10), () -> browser.find("tr[data-agent='agent:slow']").getAttribute("class").contains("stale-row"));
        assertThat(browser.find(".agents h2").getText()).contains("stale");
        assertThat(browser.js("return localStorage.getItem('jit-stale-hours')")).isEqualTo("0.001");
        browser.screenshot("lead-dashboard-stale");
    }

    @Test
    void dialogsKeepTheFocusAndEscClosesEveryOne() {
        store.go("#/issues", "issues");
        WebElement search = browser.find("input.search");
        for (String open : List.of("help", "token", "create")) {
            search.click();
            search.sendKeys(Keys.ESCAPE);
            browser.js("document.activeElement.blur()");
            switch (open) {
                case "help" -> browser.find("header.top button[aria-label='keyboard shortcuts']").click();
                case "token" -> browser.find("header.top button[title^='API token']").click();
                default -> browser.find("header.top button[title^='new issue']").click();
            }
            browser.find(".modal");
            for (int i = 0; i < 12; i++) {
                new Actions(browser.driver).sendKeys(Keys.TAB).perform();
                assertThat(browser.js("return !!document.activeElement.closest('.modal')"))
                        .as(open + " dialog keeps the focus after %d Tabs", i + 1).isEqualTo(true);
            }
            new Actions(browser.driver).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
            assertThat(browser.js("return !!document.activeElement.closest('.modal')")).isEqualTo(true);
            browser.assertAccessible(open + "-dialog");
            new Actions(browser.driver).sendKeys(Keys.ESCAPE).perform();
            browser.waitFor(Duration.ofSeconds(5), () -> browser.all(".overlay").isEmpty());
        }
    }

    @Test
    void everyViewHasOneH1AndPassesAxeInBothThemes() {
        for (String scheme : List.of("light", "dark")) {
            browser.systemScheme(scheme);
            for (String[] view : new String[][] {{"#/", "dashboard"}, {"#/issues", "issues"},
                    {"#/issue/" + gated, "issue"}, {"#/issue/" + leased, "issue"}, {"#/board", "board"}, {"#/graph", "graph"}}) {
                store.go(view[0], view[1]);
                assertThat(browser.all("h1")).as("h1 elements in " + view[0]).hasSize(1);
                browser.assertAccessible(view[1] + "-" + scheme);
            }
        }
    }
}
