package dev.jit.server.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * A total read deadline per connection. Jetty's idle timeout restarts with every byte, so a client that
 * trickles a request (one byte a second, headers or body) would hold its connection for ever. Every
 * {@link #WINDOW} each connection is checked: one that received bytes in the window but not one new request
 * is closed. A request's headers and body therefore have at most two windows to arrive; a quiet connection
 * (idle keep-alive, an event stream) is left to the idle timeout and the stream's own heartbeat.
 */
public final class RequestDeadline implements Connection.Listener {
    public static final Duration WINDOW = Duration.ofSeconds(10);

    private final Scheduler scheduler;

    private RequestDeadline(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** Watches every connection the server's connectors open from now on. */
    public static void install(Server server) {
        for (Connector c : server.getConnectors()) {
            if (c instanceof AbstractConnector connector) {
                connector.addEventListener(new RequestDeadline(connector.getScheduler()));
            }
        }
    }

    @Override
    public void onOpened(Connection connection) {
        new Watch(connection).schedule();
    }

    /** One connection's counts at the previous check. */
    private final class Watch implements Runnable {
        private final Connection connection;
        private long messages;
        private long bytes;

        Watch(Connection connection) {
            this.connection = connection;
        }

        void schedule() {
            scheduler.schedule(this, WINDOW.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void run() {
            if (!connection.getEndPoint().isOpen()) {
                return;
            }
            long m = connection.getMessagesIn();
            long b = connection.getBytesIn();
            if (m == messages && b != bytes) {
                connection.getEndPoint().close(); // trickling: bytes, but no request completed in a window
                return;
            }
            messages = m;
            bytes = b;
            schedule();
        }
    }
}
