package dev.jit.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jit.core.TestStores;
import dev.jit.core.json.Json;
import dev.jit.core.model.Issue;
import dev.jit.core.model.State;
import dev.jit.core.query.IssueFilter;
import dev.jit.core.Issues;
import dev.jit.core.Queries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fields a newer version wrote survive every write path, including issues served from the snapshot cache. */
class LosslessWriteTest {
    @TempDir
    Path tmp;

    @Test
    void unknownFieldsSurviveAWriteOfAnIssueLoadedThroughTheCache() throws Exception {
        TestStores.Opened s = TestStores.init(tmp.resolve(".jit"));
        Issues issues = s.jit().issues();
        Issue a = issues.create(new Issues.NewIssue("A", null, null, null, null, null));
        Issue b = issues.create(new Issues.NewIssue("B", null, null, null, null, null));
        s.jit().dependencies().add(b.id(), a.id());

        // A newer version adds fields to B (written as such a tool would: temp file and rename).
        Path file = s.store().paths().issue(b.id());
        ObjectNode json = (ObjectNode) Json.parse(Files.readString(file));
        json.putObject("x_future").put("nested", true).putArray("list").add(1);
        json.put("a_scalar", 7);
        Path temp = tmp.resolve("b.json");
        Files.writeString(temp, Json.pretty(json));
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        Queries q = s.jit().queries();
        q.list(IssueFilter.ALL); // builds the snapshot
        assertThat(q.list(IssueFilter.ALL)).hasSize(2);

        // Finishing A readies B: B is rewritten from the transaction's view of all issues.
        issues.update(a.id(), new Issues.Edit(null, null, null, State.DONE, null, null, null, null));
        assertThat(q.show(b.id()).issue().state()).isEqualTo(State.READY);

        JsonNode after = Json.parse(Files.readString(file));
        assertThat(after.get("x_future")).isEqualTo(json.get("x_future"));
        assertThat(after.get("a_scalar").asInt()).isEqualTo(7);
        List<String> names = new ArrayList<>();
        after.fieldNames().forEachRemaining(names::add);
        assertThat(names.subList(names.size() - 2, names.size())).containsExactly("x_future", "a_scalar");
        assertThat(s.warnings()).isEmpty();
    }
}
