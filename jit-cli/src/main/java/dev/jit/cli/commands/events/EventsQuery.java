package dev.jit.cli.commands.events;

import dev.jit.cli.support.JitSubcommand;
import dev.jit.core.events.Event;
import dev.jit.core.json.Json;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jit events query}. */
@Command(name = "query", description = "Print the most recent events matching all filters, oldest first.",
        mixinStandardHelpOptions = true)
public final class EventsQuery extends JitSubcommand {
    @Option(names = {"-e", "--event-type"}, paramLabel = "TYPE", description = "Event type, e.g. issue_claimed")
    String type;

    @Option(names = {"-i", "--issue-id"}, paramLabel = "ID", description = "Issue id or unique prefix")
    String issueId;

    @Option(names = "--actor", description = "Actor, e.g. agent:worker-1")
    String actor;

    @Option(names = "--since", paramLabel = "TIME", description = "Only events at or after TIME (RFC 3339, e.g. 2026-01-31T12:00:00Z)")
    String since;

    @Option(names = {"-l", "--limit"}, defaultValue = "50", description = "At most this many (default ${DEFAULT-VALUE}; 0 = all)")
    int limit;

    @Override
    protected void run() {
        Predicate<Event> filter = e -> true;
        if (type != null) {
            filter = filter.and(e -> e.type().equals(type));
        }
        if (issueId != null) {
            String id = resolveOrRaw(issueId);
            filter = filter.and(e -> id.equals(e.issueId()));
        }
        if (actor != null) {
            filter = filter.and(e -> actor.equals(e.json().path("actor").asText(null)));
        }
        Predicate<Event> older = null;
        if (since != null) {
            Instant from = parseSince(since);
            filter = filter.and(e -> e.instant() != null && !e.instant().isBefore(from));
            // Events are appended in time order (under the store lock): reading back stops at the first older one.
            older = e -> e.instant() != null && e.instant().isBefore(from);
        }
        // Read from the end, never the whole log (unless --limit 0 asks for all of it).
        List<Event> events = limit > 0 ? jit().events().last(limit, filter, older) : jit().events().query(filter, 0);
        emit(() -> Map.of("events", events.stream().map(Event::json).toList(), "count", events.size()),
                () -> events.forEach(e -> out().println(Json.compact(e.json()))));
    }

    /** Deleted issues keep their events, so an id that is no longer in the index is matched as given. */
    private String resolveOrRaw(String raw) {
        try {
            return jit().issues().resolveId(raw);
        } catch (dev.jit.core.error.JitException e) {
            if (e.code() == dev.jit.core.error.ErrorCode.ISSUE_NOT_FOUND) {
                return raw;
            }
            throw e;
        }
    }

    private static Instant parseSince(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw dev.jit.core.error.JitException.invalidArgument("Invalid --since '" + text + "'",
                    "Use RFC 3339 UTC, e.g. 2026-01-31T12:00:00Z");
        }
    }
}
