package dev.jit.dispatch.cli;

import dev.jit.dispatch.config.AgentConfig;
import dev.jit.dispatch.config.ConfigException;
import dev.jit.dispatch.config.DispatchConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "validate-config", description = "Check the configuration without touching the store (agent "
        + "programs must exist on PATH, or at their path, and be executable); exit 2 with one line per problem.")
public final class ValidateConfigCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws ConfigException {
        DispatchConfig c = common.loadRunnableConfig();
        System.out.println(c.file() + ": OK");
        System.out.println("  poll_interval_secs = " + c.pollInterval().toSeconds()
                + ", stall timeout = " + (c.stallTimeout().isZero() ? "never" : c.stallTimeout().toMillis() / 1000.0 + " s")
                + ", on_orphan = " + c.onOrphan().name().toLowerCase(java.util.Locale.ROOT)
                + ", shutdown_grace_secs = " + c.shutdownGrace().toSeconds());
        System.out.println("  max_attempts = " + c.retry().maxAttempts() + ", retry backoff = "
                + c.retry().backoff().toMillis() / 1000.0 + " s doubling up to " + c.retry().backoffMax().toMillis() / 1000.0
                + " s, run logs kept: " + c.logs().runsPerIssue() + " per issue, "
                + (c.logs().maxAge().isZero() ? "for ever" : c.logs().maxAge().toHours() + " h"));
        for (AgentConfig a : c.agents()) {
            System.out.println("  agent " + a.id() + (a.type().isEmpty() ? "" : " (" + a.type() + ")")
                    + ": max_concurrent " + a.maxConcurrent() + ", argv " + a.command().words()
                    + (a.maxRuntime().isZero() ? "" : ", max runtime " + a.maxRuntime().toMillis() / 1000.0 + " s")
                    + (a.filterText() == null ? "" : ", filter " + a.filterText()));
        }
        return 0;
    }
}
