import dev.jit.core.model.Issue;
import dev.jit.core.model.Priority;
import dev.jit.core.model.State;
import dev.jit.core.internal.store.IssueIds;
import dev.jit.core.internal.store.Store;
import dev.jit.core.model.JitOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Builds a benchmark store of N issues through jit-core (one transaction): a dependency DAG where each
 * issue depends on up to three earlier ones, mixed priorities and labels, a third of the issues done.
 * Usage: java -cp jit.jar bench/GenerateStore.java DATA_DIR N
 */
public class GenerateStore {
    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        Store.init(dir);
        Store store = Store.open(dir, new JitOptions(Duration.ofSeconds(30), "bench:generator", System.err::println));
        Random random = new Random(42);
        Priority[] priorities = Priority.values();
        store.write("bench generate", tx -> {
            List<String> ids = new ArrayList<>();
            String now = Instant.now().toString();
            for (int k = 0; k < n; k++) {
                String id = IssueIds.newId();
                List<String> deps = new ArrayList<>();
                if (k > 10) {
                    int count = random.nextInt(4);
                    for (int d = 0; d < count; d++) {
                        deps.add(ids.get(Math.max(0, k - 1 - random.nextInt(Math.min(k, 200)))));
                    }
                }
                boolean done = k % 3 == 0;
                Issue issue = Issue.create(id, "Benchmark issue " + k + ": implement part " + (k * 7 % 101),
                        "Generated issue number " + k + " for benchmarks.\n\nIt has a short markdown body.",
                        priorities[random.nextInt(priorities.length)], List.of(),
                        List.of("epic:e" + (k % 20), "component:c" + (k % 7)), now)
                        .withDependencies(deps)
                        .withState(done ? State.DONE : deps.isEmpty() ? State.READY : State.BACKLOG);
                tx.create(issue);
                ids.add(id);
            }
            return null;
        });
        System.err.println("generated " + n + " issues in " + dir);
    }
}
