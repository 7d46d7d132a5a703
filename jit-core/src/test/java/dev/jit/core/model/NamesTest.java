package dev.jit.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written checks accept exactly what the documented patterns accept. */
class NamesTest {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Pattern NAME_CHARS = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*:[^\\s,|]+");
    private static final List<String> SAMPLES = List.of("", "a", "A9", "9db27a3a-86c5-4d79-9582-9ad68364ea36",
            "code-review", "a.b_c-d", "-a", "_a", ".a", "a/b", "a b", "a\tb", "é", "aé", "a:b", "type:task",
            "epic:auth", "epic:", ":x", "a:b:c", "a:b,c", "a:b|c", "a:b c", "a:b\u000Bc", "a:b\u00A0c", "a:é✓",
            "a-:x", "-a:x", "a..b", "ns.x:val-1", "a:b\n", "a\n");

    @Test
    void namesMatchThePattern() {
        for (String s : SAMPLES) {
            assertThat(Names.isName(s)).as("'%s'", s).isEqualTo(NAME.matcher(s).matches());
            assertThat(Names.isNameChars(s)).as("'%s'", s).isEqualTo(NAME_CHARS.matcher(s).matches());
            assertThat(Names.isLabel(s)).as("'%s'", s).isEqualTo(LABEL.matcher(s).matches());
        }
        assertThat(Names.isName(null)).isFalse();
        assertThat(Names.isNameChars(null)).isFalse();
        assertThat(Names.isLabel(null)).isFalse();
    }
}
