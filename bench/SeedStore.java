import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jit.core.events.Event;
import dev.jit.core.events.EventTypes;
import dev.jit.core.model.Issue;
import dev.jit.core.model.Priority;
import dev.jit.core.store.IssueIds;
import dev.jit.core.store.Store;
import dev.jit.core.store.StoreOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark fixture: {@code java -cp jit-server.jar SeedStore.java <data-dir> <count>} creates a store with
 * {@code count} issues (mixed priorities and labels; every 10th depends on its predecessor) through jit-core in
 * one transaction, and prints one id per line.
 */
public class SeedStore {
    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        Store.init(dir);
        Store store = Store.open(dir, new StoreOptions(Duration.ofSeconds(30), "human:bench", System.err::println));
        List<String> ids = store.write("bench seed", tx -> {
            List<String> out = new ArrayList<>();
            String now = Instant.now().toString();
            Priority[] priorities = Priority.values();
            for (int i = 0; i < count; i++) {
                Issue issue = Issue.create(IssueIds.newId(), "Benchmark issue " + i,
                        "Line one of issue " + i + "\nSecond line with some words to search", priorities[i % 4],
                        List.of(), List.of("epic:e" + (i % 20), "type:task"), now);
                if (i % 10 == 9) {
                    issue = issue.withDependencies(List.of(out.get(i - 1)));
                }
                tx.create(issue);
                ObjectNode e = Event.create(EventTypes.ISSUE_CREATED, issue.id());
                e.put("title", issue.title());
                e.put("priority", issue.priority().wire());
                tx.emit(e);
                out.add(issue.id());
            }
            return out;
        });
        ids.forEach(System.out::println);
    }
}
