package dev.jit.cli.commands.events;

import dev.jit.cli.support.JitSubcommand;
import dev.jit.cli.support.StoreEffect;
import dev.jit.core.events.Event;
import dev.jit.core.events.EventCodec;
import dev.jit.core.events.EventFilter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jit events query}. */
@StoreEffect(StoreEffect.Kind.READS)
@Command(name = "query", description = "Print the most recent events matching all filters, oldest first.",
        mixinStandardHelpOptions = true)
public final class EventsQuery extends JitSubcommand {
    @Option(names = {"-e", "--event-type"}, paramLabel = "TYPE", description = "Event type, e.g. issue_claimed")
    String type;

    @Option(names = {"-i", "--issue-id"}, paramLabel = "ID",
            description = "Issue id or a prefix of 4+ characters (events of every issue it starts)")
    String issueId;

    @Option(names = "--actor", description = "Actor, e.g. agent:worker-1")
    String actor;

    @Option(names = "--since", paramLabel = "TIME",
            description = "Only events at or after TIME (RFC 3339, e.g. 2026-01-31T12:00:00Z), or after an event offset")
    String since;

    @Option(names = {"-l", "--limit"}, defaultValue = "50", description = "At most this many (default ${DEFAULT-VALUE}; 0 = all)")
    int limit;

    @Override
    protected void run() {
        EventFilter filter = new EventFilter(type == null ? List.of() : List.of(type), issueId, actor,
                since == null ? null : EventFilter.Since.parse(since), limit);
        // Read from the end, never the whole log (unless --limit 0 asks for all of it).
        List<Event> events = jit().events().query(filter);
        emit(() -> Map.of("events", events.stream().map(Event::json).toList(), "count", events.size()),
                () -> events.forEach(e -> out().println(EventCodec.encode(e.event()))));
    }
}
