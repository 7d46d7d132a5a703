package dev.jit.core.store;

import dev.jit.core.service.DependencyService;
import dev.jit.core.service.IssueService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Run in a child JVM by {@link CrashRecoveryTest}: writes to the store at {@code args[0]} in an endless loop
 * (create, update, dependency add, forced delete: single- and multi-file commits) until it is killed.
 */
public final class WriterMain {
    private WriterMain() {
    }

    public static void main(String[] args) {
        Store store = Store.open(Path.of(args[0]), new StoreOptions(Duration.ofSeconds(30), "agent:crashy", w -> { }));
        IssueService issues = new IssueService(store);
        DependencyService deps = new DependencyService(store);
        String previous = null;
        System.out.println("STARTED");
        System.out.flush();
        for (int n = 0; ; n++) {
            String id = issues.create(new IssueService.NewIssue("issue " + n, null, null, null, null, null)).id();
            issues.update(id, new IssueService.Edit(null, "step " + n, null, null, null, null, Map.of("n", "" + n), null));
            if (previous != null) {
                deps.add(id, previous);
                if (n % 3 == 0) {
                    issues.delete(List.of(previous), true);
                }
            }
            previous = id;
        }
    }
}
