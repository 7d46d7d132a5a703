package dev.jit.dispatch.cli;

import dev.jit.dispatch.config.ConfigException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "start", description = "Run the dispatcher until SIGTERM/SIGINT: hand ready issues to agents, "
        + "watch them, release the work of failed and stalled agents.")
public final class StartCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws ConfigException {
        common.withDispatcher(dispatcher -> {
            dispatcher.run();
            return null;
        });
        return 0;
    }
}
