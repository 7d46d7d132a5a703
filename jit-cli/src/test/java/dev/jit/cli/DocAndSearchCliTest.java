package dev.jit.cli;

import dev.jit.core.GitFixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** doc and search commands in a real git repository; commands run from a sub-directory of it. */
class DocAndSearchCliTest {
    @TempDir
    Path repoDir;
    GitFixture repo;
    CliRunner jit;
    String v1;
    String v2;
    String issue;

    @BeforeEach
    void init() throws Exception {
        repo = new GitFixture(repoDir);
        v1 = repo.write("docs/spec.md", "# Spec\nalpha\nbeta\ngamma\n").commit("spec v1");
        v2 = repo.write("docs/spec.md", "# Spec\nalpha\nBETA two\ngamma\n").commit("spec v2");
        Files.createDirectories(repoDir.resolve("src/main"));
        new CliRunner(repoDir).ok("init");
        jit = new CliRunner(repoDir.resolve("src/main"));
        issue = jit.ok("issue", "create", "-t", "Write the spec", "-d", "intro\nmentions beta here\noutro");
    }

    @Test
    void docLifecycle() {
        JsonNode added = jit.run("doc", "add", issue, "docs/spec.md", "-c", v1.substring(0, 7), "-l", "Spec", "-t", "spec",
                "--json").data();
        assertThat(added.at("/document/commit").asText()).isEqualTo(v1);
        assertThat(jit.terminal(true).run("doc", "list", issue).out())
                .contains("  - docs/spec.md (Spec) [" + v1.substring(0, 7) + "] <spec>").contains("Total: 1");
        assertThat(jit.terminal(false).run("doc", "list", issue).lines()).containsExactly("docs/spec.md");

        // Pinned: show gives the pinned content; --at and --worktree override.
        assertThat(jit.terminal(false).ok("doc", "show", issue, "docs/spec.md")).isEqualTo("# Spec\nalpha\nbeta\ngamma");
        assertThat(jit.terminal(false).ok("doc", "show", issue, "docs/spec.md", "--at", "HEAD")).contains("BETA two");
        CliRunner.Result shown = jit.terminal(true).run("doc", "show", issue, "docs/spec.md");
        assertThat(shown.out()).startsWith("Document: docs/spec.md\nLabel:    Spec\nRevision: " + v1.substring(0, 7));
        assertThat(jit.run("doc", "show", issue, "docs/spec.md", "--worktree", "--json").data().get("content").asText())
                .isEqualTo("# Spec\nalpha\nBETA two\ngamma\n");

        String diff = jit.ok("doc", "diff", issue, "docs/spec.md");
        assertThat(diff).startsWith("diff --git a/docs/spec.md b/docs/spec.md")
                .contains("@@ -1,4 +1,4 @@").contains("\n-beta\n+BETA two\n");
        assertThat(jit.terminal(false).run("doc", "history", issue, "docs/spec.md").lines()).containsExactly(v2, v1);
        JsonNode history = jit.run("doc", "history", issue, "docs/spec.md", "--json").data();
        assertThat(history.at("/commits/0/message").asText()).isEqualTo("spec v2");

        assertThat(jit.ok("validate")).contains("valid");
        assertThat(jit.run("doc", "remove", issue, "docs/spec.md", "--json").data().get("removed_path").asText())
                .isEqualTo("docs/spec.md");
        CliRunner.Result again = jit.run("doc", "remove", issue, "docs/spec.md", "--json");
        assertThat(again.exit()).isEqualTo(3);
        assertThat(again.json().at("/error/code").asText()).isEqualTo("DOCUMENT_NOT_FOUND");
        assertThat(again.err()).isEmpty();
    }

    @Test
    void docErrorsChangeNothing() throws Exception {
        Path file = repoDir.resolve(".jit/issues/" + issue + ".json");
        String before = Files.readString(file);
        assertThat(jit.run("doc", "add", issue, "../../etc/passwd").exit()).isEqualTo(2);
        assertThat(jit.run("doc", "add", issue, "docs/missing.md").exit()).isEqualTo(3);
        assertThat(jit.run("doc", "add", issue, "docs/spec.md", "-c", "deadbee").exit()).isEqualTo(3);
        assertThat(jit.run("doc", "show", issue, "docs/spec.md").exit()).isEqualTo(3);
        assertThat(Files.readString(file)).isEqualTo(before);
        CliRunner.Result bad = jit.run("doc", "add", issue, "docs/missing.md");
        assertThat(bad.err()).startsWith("Error: Document docs/missing.md does not exist").doesNotContain("Exception");
    }

    @Test
    void searchFindsIssueFieldsAndLinkedDocumentsWithContext() {
        jit.ok("doc", "add", issue, "docs/spec.md");
        List<String> grep = jit.terminal(false).run("search", "beta", "-c", "1").lines();
        assertThat(grep).containsExactly(
                issue + ":description-1-intro",
                issue + ":description:2:mentions beta here",
                issue + ":description-3-outro",
                "--",
                issue + ":docs/spec.md-2-alpha",
                issue + ":docs/spec.md:3:BETA two",
                issue + ":docs/spec.md-4-gamma");
        String grouped = jit.terminal(true).run("search", "beta").out();
        assertThat(grouped).contains("Search results for \"beta\" (2 matches):")
                .contains("Issue " + issue.substring(0, 8) + " | Write the spec\n  description:2: mentions beta here")
                .contains("Document docs/spec.md (" + issue.substring(0, 8) + ")\n  3: BETA two");
        JsonNode json = jit.run("search", "beta", "-C", "--json").data();
        assertThat(json.get("total").asInt()).isEqualTo(1);
        assertThat(json.at("/results/0/field").asText()).isEqualTo("description");
        assertThat(json.at("/results/0/line_number").asInt()).isEqualTo(2);
        assertThat(json.at("/results/0/matches/0/start").asInt()).isEqualTo(9);
        assertThat(jit.run("search", "b.ta", "-r", "-g", "docs/*.md", "--json").data().at("/results/0/path").asText())
                .isEqualTo("docs/spec.md");
        assertThat(jit.run("search", "beta", "-n", "1", "--json").data().get("results")).hasSize(1);

        CliRunner.Result badRegex = jit.run("search", "a(b", "--regex");
        assertThat(badRegex.exit()).isEqualTo(2);
        assertThat(badRegex.err()).contains("Invalid regex: missing closing )");
        CliRunner.Result badRegexJson = jit.run("search", "a(b", "--regex", "--json");
        assertThat(badRegexJson.exit()).isEqualTo(2);
        assertThat(badRegexJson.json().at("/error/code").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(jit.terminal(true).run("search", "zzz").out()).isEqualTo("No matches found for \"zzz\"\n");
    }
}
