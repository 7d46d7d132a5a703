package dev.jit.cli.commands.query;

import dev.jit.core.Presentation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jit.cli.support.IssueText;
import dev.jit.cli.support.JitSubcommand;
import dev.jit.cli.support.StoreEffect;

import dev.jit.core.Queries;
import dev.jit.core.Queries.IssueView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code jit query blocked}. */
@StoreEffect(StoreEffect.Kind.READS)
@Command(name = "blocked", description = "Open issues that cannot proceed, with every reason: unfinished or "
        + "missing dependencies, and pending or failed gates of gated issues.", mixinStandardHelpOptions = true)
public final class QueryBlocked extends JitSubcommand {
    @Override
    protected void run() {
        List<Queries.Blocked> blocked = jit().queries().blocked();
        emit(() -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("issues", blocked.stream().map(QueryBlocked::json).toList());
            data.put("count", blocked.size());
            return data;
        }, () -> {
            if (!terminal()) {
                IssueText.printList(out(), blocked.stream().map(b -> new IssueView(b.issue(), true)).toList(), false);
                return;
            }
            if (blocked.isEmpty()) {
                out().println("No blocked issues.");
                return;
            }
            for (Queries.Blocked b : blocked) {
                out().println(shortId(b.issue().id()) + "  " + b.issue().state().wire() + "  " + b.issue().title());
                b.reasons().forEach(r -> out().println("    - " + r.type() + ": " + r.detail()));
            }
            out().println();
            out().println(blocked.size() + " blocked issue(s)");
        });
    }

    private static ObjectNode json(Queries.Blocked b) {
        return Presentation.blocked(b.issue(), b.reasons());
    }

}
