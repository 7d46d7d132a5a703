package dev.jit.dispatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandTemplateTest {
    @TempDir
    Path tmp;

    @Test
    void splitsWordsFirstThenSubstitutesInsideEachWord() {
        CommandTemplate t = CommandTemplate.parse("agent --issue={issue_id} \"two words\" 'it''s' a\\ b {title}");
        assertThat(t.words()).containsExactly("agent", "--issue={issue_id}", "two words", "its", "a b", "{title}");
        assertThat(t.render(Map.of("issue_id", "abc", "title", "x y; rm -rf /")))
                .containsExactly("agent", "--issue=abc", "two words", "its", "a b", "x y; rm -rf /");
    }

    @Test
    void rejectsUnknownPlaceholdersAndBadQuoting() {
        assertThatThrownBy(() -> CommandTemplate.parse("run {issue}")).hasMessageStartingWith("unknown placeholder {issue}");
        assertThatThrownBy(() -> CommandTemplate.parse("run \"x")).hasMessage("unterminated double quote");
        assertThatThrownBy(() -> CommandTemplate.parse("   ")).hasMessage("must name a program to run");
    }

    /** A hostile title run through a real shell both ways stays literal text and runs nothing. */
    @Test
    void aTitleCannotInjectShellCodeEvenIntoAShellScript() throws Exception {
        Path marker = tmp.resolve("pwned");
        String title = "fix it'; touch " + marker + "; echo '$(touch " + marker + ")`touch " + marker + "`\"";
        Path out1 = tmp.resolve("out1");
        Path out2 = tmp.resolve("out2");
        run(CommandTemplate.parse("printf %s {title}"), title, out1);
        run(CommandTemplate.parse("bash -c \"printf %s {title}\""), title, out2);
        run(CommandTemplate.parse("sh -ec 'printf %s {title}'"), title, out2);
        assertThat(marker).doesNotExist();
        assertThat(Files.readString(out1, StandardCharsets.UTF_8)).isEqualTo(title);
        assertThat(Files.readString(out2, StandardCharsets.UTF_8)).isEqualTo(title);
    }

    private static void run(CommandTemplate t, String title, Path out) throws Exception {
        List<String> argv = t.render(Map.of("title", title));
        Process p = new ProcessBuilder(argv).redirectOutput(out.toFile()).redirectErrorStream(false).start();
        assertThat(p.waitFor()).isZero();
    }
}
