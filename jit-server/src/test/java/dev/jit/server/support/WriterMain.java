package dev.jit.server.support;

import dev.jit.core.service.IssueService;
import dev.jit.core.store.Store;
import dev.jit.core.store.StoreOptions;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A separate process writing to a store through jit-core, standing in for the {@code jit} CLI (built in
 * parallel): {@code WriterMain <data-dir> <title>} creates one issue and prints its id.
 */
public final class WriterMain {
    private WriterMain() {
    }

    public static void main(String[] args) {
        Store store = Store.open(Path.of(args[0]), new StoreOptions(Duration.ofSeconds(10), "human:cli-test",
                System.err::println));
        String id = new IssueService(store).create(new IssueService.NewIssue(args[1], null, null, null, null, null))
                .id();
        System.out.println(id);
    }
}
