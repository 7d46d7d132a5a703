package dev.jit.cli.commands.query;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jit.cli.support.Durations;
import dev.jit.cli.support.JitSubcommand;
import dev.jit.cli.support.Output;
import dev.jit.cli.support.StoreEffect;
import dev.jit.core.Presentation;
import dev.jit.core.model.Issue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code jit query leases}. */
@StoreEffect(StoreEffect.Kind.READS)
@Command(name = "leases", description = {"Claims with a lease: holder, issue and time left, soonest expiry first.",
        "Claims whose lease already ran out are freed first (as any read that lists work does)."},
        mixinStandardHelpOptions = true)
public class QueryLeases extends JitSubcommand {
    @Override
    protected void run() {
        List<Issue> leased = jit().queries().leases();
        Instant now = Instant.now();
        if (json()) {
            List<ObjectNode> rows = new ArrayList<>();
            for (Issue issue : leased) {
                ObjectNode row = Presentation.lease(issue);
                row.put("remaining_secs", issue.lease().remainingAt(now).toSeconds());
                rows.add(row);
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("leases", rows);
            data.put("count", rows.size());
            Output.success(out(), data);
            return;
        }
        if (leased.isEmpty()) {
            out().println("No leased claims");
            return;
        }
        for (Issue issue : leased) {
            out().println(issue.id() + "  " + issue.lease().holder() + "  "
                    + Durations.format(issue.lease().remainingAt(now)) + " left (until " + issue.lease().expiresAt()
                    + ", ttl " + Durations.format(java.time.Duration.ofSeconds(issue.lease().ttlSeconds())) + ")  "
                    + issue.title());
        }
    }
}
