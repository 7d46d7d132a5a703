package dev.jit.server.support;

import dev.jit.core.Jit;


import dev.jit.core.Issues;
import dev.jit.core.model.JitOptions;
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
        Jit store = Jit.open(Path.of(args[0]), new JitOptions(Duration.ofSeconds(10), "human:cli-test",
                System.err::println));
        String id = store.issues().create(new Issues.NewIssue(args[1], null, null, null, null, null))
                .id();
        System.out.println(id);
    }
}
