package dev.jit.dispatch.testkit;

import dev.jit.core.model.Priority;
import dev.jit.core.model.State;
import dev.jit.core.service.IssueService;
import dev.jit.core.store.Store;
import dev.jit.core.store.StoreOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * What test agents and the benchmark do to a store, through jit-core in a process of their own (the jit CLI
 * is built elsewhere): {@code done} marks $JIT_ISSUE_ID done in $JIT_DATA_DIR as $JIT_AGENT_ID would;
 * {@code init DIR} and {@code create DIR PRIORITY TITLE [LABEL…]} set up work.
 */
public final class StoreTool {
    private StoreTool() {
    }

    public static Store open(Path dir, String actor) {
        return Store.open(dir, new StoreOptions(Duration.ofSeconds(30), actor, System.err::println));
    }

    public static void main(String[] args) {
        switch (args[0]) {
            case "done" -> {
                Store store = open(Path.of(System.getenv("JIT_DATA_DIR")), "agent:" + System.getenv("JIT_AGENT_ID"));
                new IssueService(store).update(System.getenv("JIT_ISSUE_ID"), new IssueService.Edit(null, null, null,
                        State.DONE, null, null, null, null));
            }
            case "init" -> Store.init(Path.of(args[1]));
            case "create" -> {
                Store store = open(Path.of(args[1]), "human:test");
                List<String> labels = Arrays.asList(args).subList(4, args.length);
                System.out.println(new IssueService(store).create(new IssueService.NewIssue(args[3], "",
                        Priority.parse(args[2]), List.of(), labels, null)).id());
            }
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }
}
