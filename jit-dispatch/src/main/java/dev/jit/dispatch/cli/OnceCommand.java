package dev.jit.dispatch.cli;

import dev.jit.core.store.Store;
import dev.jit.dispatch.config.ConfigException;
import dev.jit.dispatch.config.DispatchConfig;
import dev.jit.dispatch.engine.DecisionLog;
import dev.jit.dispatch.engine.Dispatcher;
import dev.jit.dispatch.process.Supervisor;
import java.time.Duration;
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
        DispatchConfig config = common.loadConfig();
        Store store = common.openStore();
        Dispatcher dispatcher = new Dispatcher(config, store, common.repoDir(), new DecisionLog(System.out));
        GracefulExit exit = GracefulExit.install(dispatcher::requestStop,
                config.shutdownGrace().plus(Supervisor.KILL_AFTER).plus(Duration.ofSeconds(15)));
        int claimed;
        try {
            claimed = dispatcher.once();
        } finally {
            exit.finished();
        }
        System.out.println("Assigned " + claimed + " issue(s)");
        return 0;
    }
}
