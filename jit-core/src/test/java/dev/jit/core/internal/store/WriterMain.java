package dev.jit.core.internal.store;

import dev.jit.core.TestStores;

import dev.jit.core.model.JitOptions;

import dev.jit.core.Dependencies;
import dev.jit.core.Issues;
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
        Store store = Store.open(Path.of(args[0]), new JitOptions(Duration.ofSeconds(30), "agent:crashy", w -> { }));
        Issues issues = TestStores.jit(store).issues();
        Dependencies deps = TestStores.jit(store).dependencies();
        String previous = null;
        System.out.println("STARTED");
        System.out.flush();
        for (int n = 0; ; n++) {
            String id = issues.create(new Issues.NewIssue("issue " + n, null, null, null, null, null)).id();
            issues.update(id, new Issues.Edit(null, "step " + n, null, null, null, null, Map.of("n", "" + n), null));
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
