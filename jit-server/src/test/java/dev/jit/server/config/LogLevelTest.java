package dev.jit.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LogLevelTest {
    @Test
    void mapsPlainLevelsAndRustLogDirectives() {
        assertThat(LogLevel.parse("INFO")).isEqualTo("info");
        assertThat(LogLevel.parse("warning")).isEqualTo("warn");
        assertThat(LogLevel.parse("jit_server=debug,tower_http=warn")).isEqualTo("debug");
        assertThat(LogLevel.parse("tower=warn,trace")).isEqualTo("trace");
        assertThat(LogLevel.parse("loud")).isEqualTo("info");
    }

    @Test
    void jitLogLevelWinsOverRustLog() {
        assertThat(LogLevel.fromEnv(Map.of("RUST_LOG", "debug"))).isEqualTo("debug");
        assertThat(LogLevel.fromEnv(Map.of("RUST_LOG", "debug", "JIT_LOG_LEVEL", "error"))).isEqualTo("error");
        assertThat(LogLevel.fromEnv(Map.of())).isNull();
    }
}
