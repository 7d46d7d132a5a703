package dev.jit.dispatch.cli;

import dev.jit.dispatch.config.ConfigException;
import dev.jit.dispatch.engine.Dispatcher;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "once", description = "Run one dispatch cycle, then wait for the agents it started "
        + "(releasing the work of failed and stalled ones) and exit.")
public final class OnceCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws ConfigException {
        int claimed = common.withDispatcher(Dispatcher::once);
        System.out.println("Assigned " + claimed + " issue(s)");
        return 0;
    }
}
