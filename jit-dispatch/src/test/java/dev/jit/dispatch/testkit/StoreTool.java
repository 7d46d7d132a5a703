package dev.jit.dispatch.testkit;

import dev.jit.core.Jit;


import dev.jit.core.model.Priority;
import dev.jit.core.model.State;
import dev.jit.core.Issues;
import dev.jit.core.model.JitOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * What test agents and the benchmark do to a store, through jit-core in a process of their own (the jit CLI
 * is built elsewhere): {@code done} marks $JIT_ISSUE_ID done in $JIT_DATA_DIR as $JIT_AGENT_ID would;
 * {@code heartbeat} renews its lease as $JIT_ACTOR (the holder the dispatcher names); {@code init DIR} and
 * {@code create DIR PRIORITY TITLE [LABEL…]} set up work.
 */
public final class StoreTool {
    private StoreTool() {
    }

    public static Jit open(Path dir, String actor) {
        return Jit.open(dir, new JitOptions(Duration.ofSeconds(30), actor, System.err::println));
    }

    public static void main(String[] args) {
        switch (args[0]) {
            case "done" -> {
                Jit store = open(Path.of(System.getenv("JIT_DATA_DIR")), "agent:" + System.getenv("JIT_AGENT_ID"));
                store.issues().update(System.getenv("JIT_ISSUE_ID"), new Issues.Edit(null, null, null,
                        State.DONE, null, null, null, null));
            }
            case "heartbeat" -> open(Path.of(System.getenv("JIT_DATA_DIR")), System.getenv("JIT_ACTOR")).issues()
                    .heartbeat(System.getenv("JIT_ISSUE_ID"), System.getenv("JIT_ACTOR"));
            case "init" -> Jit.init(Path.of(args[1]));
            case "create" -> {
                Jit store = open(Path.of(args[1]), "human:test");
                List<String> labels = Arrays.asList(args).subList(4, args.length);
                System.out.println(store.issues().create(new Issues.NewIssue(args[3], "",
                        Priority.parse(args[2]), List.of(), labels, null)).id());
            }
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }
}
