package dev.jit.core.internal.log;

import dev.jit.core.events.Event;


import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogTailTest {
    @Test
    void tailOfALogLargerThanOneBlockParsesNoFragment(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("events.jsonl");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            sb.append("{\"type\":\"t\",\"id\":\"").append(i).append("\",\"pad\":\"").append("x".repeat(90))
                    .append("\"}\n");
        }
        Files.writeString(file, sb);
        List<String> warnings = new ArrayList<>();
        EventLog log = new EventLog(file, warnings::add);
        for (int n : new int[]{1, 2, 50, 150, 200, 500}) {
            List<Event> tail = log.tail(n);
            assertThat(tail).hasSize(Math.min(n, 200));
            assertThat(tail.get(tail.size() - 1).id()).isEqualTo("199");
            assertThat(tail.get(0).id()).isEqualTo(Integer.toString(200 - Math.min(n, 200)));
        }
        assertThat(warnings).isEmpty();
    }
}
