package dev.jit.cli.commands.events;

import dev.jit.cli.support.JitSubcommand;
import dev.jit.cli.support.StoreEffect;
import dev.jit.core.events.Event;
import dev.jit.core.Events;
import dev.jit.core.events.EventCodec;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jit events tail}. */
@StoreEffect(StoreEffect.Kind.READS)
@Command(name = "tail", description = {"Print the last N events, oldest first, one JSON object per line.",
        "With -f keep printing new events as any process writes them (Ctrl-C to stop)."},
        mixinStandardHelpOptions = true)
public final class EventsTail extends JitSubcommand {
    @Option(names = {"-n", "--n", "--lines"}, defaultValue = "10", paramLabel = "N", description = "How many (default ${DEFAULT-VALUE})")
    int count;

    @Option(names = {"-f", "--follow"}, description = "Follow the log")
    boolean follow;

    @Option(names = "--poll-ms", defaultValue = "200", hidden = true, description = "Follow poll interval")
    long pollMillis;

    @Override
    protected void run() {
        Events log = jit().events();
        long offset = log.size();
        List<Event> last = log.tail(count);
        if (json() && !follow) {
            emit(Map.of("events", last.stream().map(Event::json).toList(), "count", last.size()), () -> { });
            return;
        }
        last.forEach(this::print);
        while (follow) {
            offset = log.readFrom(offset, this::print);
            out().flush();
            try {
                Thread.sleep(pollMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void print(Event e) {
        out().println(EventCodec.encode(e.event()));
    }
}
