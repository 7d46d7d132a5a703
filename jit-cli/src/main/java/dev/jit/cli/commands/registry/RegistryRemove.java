package dev.jit.cli.commands.registry;

import dev.jit.cli.support.IssueText;
import dev.jit.cli.support.JitSubcommand;
import dev.jit.cli.support.StoreEffect;
import dev.jit.core.Gates;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jit registry remove}. */
@StoreEffect(StoreEffect.Kind.DELETES)
@Command(name = "remove", aliases = "rm", description = "Remove a gate definition; refuses while issues require it "
        + "unless --force (which drops it from them).", mixinStandardHelpOptions = true)
public final class RegistryRemove extends JitSubcommand {
    @Parameters(index = "0", paramLabel = "KEY", description = "Gate key")
    String key;

    @Option(names = "--force", description = "Also remove the gate from every issue that requires it")
    boolean force;

    @Override
    protected void run() {
        Gates.Removal r = jit().gates().undefine(key, force);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("gate_key", key);
        data.put("detached_issues", r.detachedIssues());
        emit(data, () -> {
            out().println("Removed gate definition: " + key);
            r.detachedIssues().forEach(id -> out().println("  no longer required by " + id));
            IssueText.printStateChanges(out(), "", r.stateChanges());
        });
    }
}
