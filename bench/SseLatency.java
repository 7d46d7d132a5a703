import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * SSE delivery latency, from append to receipt, to CLIENTS readers while one more client is connected and never
 * reads (a small receive buffer). Appends EVENTS events of about PAD bytes at RATE per second straight to the
 * log (each carries its append time), then prints median/p99/max latency, how many readers got every event and
 * whether the stalled client was closed. Usage: java bench/SseLatency.java PORT EVENTS_FILE [clients=200]
 * [events=1500] [rate=100] [pad=4000]
 */
public class SseLatency {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String log = args[1];
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        int events = args.length > 3 ? Integer.parseInt(args[3]) : 1500;
        int rate = args.length > 4 ? Integer.parseInt(args[4]) : 100;
        // Big enough that the stalled client's socket buffers (megabytes on loopback) fill and its queue overflows.
        int padBytes = args.length > 5 ? Integer.parseInt(args[5]) : 4000;

        Socket stalled = open(port, 4096);
        long[][] latencies = new long[clients][events];
        AtomicInteger[] counts = new AtomicInteger[clients];
        CountDownLatch connected = new CountDownLatch(clients);
        List<Socket> sockets = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Socket s = open(port, 1 << 16);
            sockets.add(s);
            int client = c;
            counts[c] = new AtomicInteger();
            Thread t = new Thread(() -> read(s, latencies[client], counts[client], connected), "reader-" + c);
            t.setDaemon(true);
            t.start();
        }
        long t0 = System.nanoTime();
        connected.await();
        System.out.printf("%d clients connected in %.1f s%n", clients, (System.nanoTime() - t0) / 1e9);
        String pad = "p".repeat(padBytes);
        try (OutputStream out = new FileOutputStream(log, true)) {
            long start = System.nanoTime();
            for (int n = 0; n < events; n++) {
                long due = start + n * 1_000_000_000L / rate;
                while (System.nanoTime() < due) {
                    Thread.sleep(0, 200_000);
                }
                String line = "{\"type\":\"bench_event\",\"id\":\"" + UUID.randomUUID() + "\",\"timestamp\":\""
                        + java.time.Instant.now() + "\",\"sent_ns\":" + System.nanoTime() + ",\"pad\":\"" + pad + "\"}\n";
                out.write(line.getBytes(StandardCharsets.UTF_8));
            }
        }
        // Wait until every reader has every event, or nothing arrived for 20 s.
        long total = -1;
        long quietSince = System.nanoTime();
        while (Arrays.stream(counts).anyMatch(c -> c.get() < events) && System.nanoTime() - quietSince < 20e9) {
            Thread.sleep(100);
            long now = Arrays.stream(counts).mapToLong(AtomicInteger::get).sum();
            if (now != total) {
                total = now;
                quietSince = System.nanoTime();
            }
        }
        List<Long> all = new ArrayList<>();
        int complete = 0;
        for (int c = 0; c < clients; c++) {
            int got = counts[c].get();
            complete += got == events ? 1 : 0;
            for (int i = 0; i < got; i++) {
                all.add(latencies[c][i]);
            }
        }
        all.sort(null);
        System.out.printf("readers: %d, events: %d at %d/s, readers with every event: %d, samples: %d%n", clients,
                events, rate, complete, all.size());
        if (!all.isEmpty()) {
            System.out.printf("latency append->receipt: median %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    all.get(all.size() / 2) / 1e6, all.get((int) (all.size() * 0.99)) / 1e6,
                    all.get(all.size() - 1) / 1e6);
        }
        stalled.setSoTimeout(2000);
        boolean closed;
        try {
            byte[] buf = new byte[1 << 16];
            int r;
            do {
                r = stalled.getInputStream().read(buf);
            } while (r > 0);
            closed = r < 0;
        } catch (java.io.IOException e) {
            closed = !(e instanceof java.net.SocketTimeoutException);
        }
        System.out.println("stalled client closed by the server: " + closed);
        for (Socket s : sockets) {
            s.close();
        }
        stalled.close();
    }

    private static Socket open(int port, int receiveBuffer) throws Exception {
        Socket s = new Socket();
        s.setReceiveBufferSize(receiveBuffer);
        s.connect(new InetSocketAddress("127.0.0.1", port));
        // HTTP/1.0: the body is not chunked, so chunk headers never split an event line.
        s.getOutputStream().write(("GET /api/events/stream HTTP/1.0\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        return s;
    }

    private static void read(Socket s, long[] latencies, AtomicInteger count, CountDownLatch connected) {
        boolean announced = false;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!announced && line.startsWith(":")) {
                    announced = true;
                    connected.countDown();
                }
                int at = line.startsWith("data:") ? line.indexOf("\"sent_ns\":") : -1;
                if (at >= 0) {
                    long received = System.nanoTime();
                    int from = at + 10;
                    int to = from;
                    while (to < line.length() && Character.isDigit(line.charAt(to))) {
                        to++;
                    }
                    int n = count.get();
                    if (n < latencies.length) {
                        latencies[n] = received - Long.parseLong(line.substring(from, to));
                        count.incrementAndGet();
                    }
                }
            }
        } catch (Exception e) {
            // closed
        } finally {
            if (!announced) {
                connected.countDown();
            }
        }
    }
}
