package dev.jit.server.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jit.core.json.Json;
import dev.jit.server.error.ApiException;
import dev.jit.server.json.ApiJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The webhooks file given to jit-server ({@code --webhooks FILE}, {@code JIT_WEBHOOKS_FILE}): the retry policy
 * and the endpoints defined there. Endpoints made through the API are kept by {@link Webhooks} itself.
 */
public record WebhooksConfig(Backoff retry, List<WebhookSpec> endpoints) {
    public static final WebhooksConfig NONE = new WebhooksConfig(Backoff.DEFAULT, List.of());
    /** Endpoints per server (file and API together): each has a thread and a state file. */
    public static final int MAX_ENDPOINTS = 64;

    public WebhooksConfig {
        endpoints = List.copyOf(endpoints);
    }

    /** A configuration mistake in the file: one line, naming the file and the endpoint. */
    public static final class Invalid extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    public static WebhooksConfig load(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new Invalid("cannot read webhooks file " + file + ": " + e.getMessage());
        }
        try {
            return parse(ApiJson.parseObject(bytes, "The file"), file.toAbsolutePath().getParent());
        } catch (ApiException e) {
            throw new Invalid("webhooks file " + file + ": " + e.getMessage());
        }
    }

    private static WebhooksConfig parse(ObjectNode root, Path baseDir) {
        WebhookSpec.Fields.requireOnly(root, Set.of("retry", "endpoints"), " at the top level");
        Backoff retry = Backoff.DEFAULT;
        JsonNode r = root.get("retry");
        if (r != null) {
            if (!(r instanceof ObjectNode retryObject)) {
                throw WebhookSpec.invalid("'retry' must be an object {\"initial_ms\": …, \"max_ms\": …}");
            }
            retry = Backoff.fromJson(retryObject);
        }
        JsonNode list = root.get("endpoints");
        if (list == null || !list.isArray()) {
            throw WebhookSpec.invalid("'endpoints' must be an array of endpoint objects");
        }
        if (list.size() > MAX_ENDPOINTS) {
            throw WebhookSpec.invalid("at most " + MAX_ENDPOINTS + " endpoints, got " + list.size());
        }
        List<WebhookSpec> endpoints = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode e = list.get(i);
            if (!(e instanceof ObjectNode obj)) {
                throw WebhookSpec.invalid("endpoint " + (i + 1) + " must be an object, got " + Json.compact(e));
            }
            WebhookSpec spec;
            try {
                spec = WebhookSpec.fromJson(obj, WebhookSpec.Origin.CONFIG_FILE, baseDir);
            } catch (ApiException err) {
                throw WebhookSpec.invalid("endpoint " + (i + 1) + ": " + err.getMessage());
            }
            if (!ids.add(spec.id())) {
                throw WebhookSpec.invalid("endpoint " + (i + 1) + ": id '" + spec.id() + "' is used twice");
            }
            endpoints.add(spec);
        }
        return new WebhooksConfig(retry, endpoints);
    }

    /**
     * Retry delays: {@code initial} after the first failure, doubling up to {@code max}; each delay is drawn
     * uniformly from its upper half so that endpoints that failed together do not retry in step.
     */
    public record Backoff(Duration initial, Duration max) {
        public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5));
        private static final long MIN_MS = 10;
        private static final long MAX_MS = 3_600_000;

        /** The wait after the {@code failures}-th failure in a row, before jitter: initial × 2^(failures−1), capped. */
        public Duration ceiling(int failures) {
            long ms = initial.toMillis();
            for (int i = 1; i < failures && ms < max.toMillis(); i++) {
                ms *= 2;
            }
            return Duration.ofMillis(Math.min(ms, max.toMillis()));
        }

        /** A jittered wait in [ceiling/2, ceiling]. */
        public Duration delay(int failures, RandomGenerator random) {
            long ceiling = ceiling(failures).toMillis();
            return Duration.ofMillis(ceiling / 2 + random.nextLong(ceiling / 2 + 1));
        }

        static Backoff fromJson(ObjectNode json) {
            WebhookSpec.Fields.requireOnly(json, Set.of("initial_ms", "max_ms"), " in 'retry'");
            long initial = millis(json, "initial_ms", DEFAULT.initial.toMillis());
            long max = millis(json, "max_ms", Math.max(initial, DEFAULT.max.toMillis()));
            if (max < initial) {
                throw WebhookSpec.invalid("'retry.max_ms' (" + max + ") must not be less than 'retry.initial_ms' ("
                        + initial + ")");
            }
            return new Backoff(Duration.ofMillis(initial), Duration.ofMillis(max));
        }

        private static long millis(ObjectNode json, String field, long fallback) {
            JsonNode v = json.get(field);
            if (v == null) {
                return fallback;
            }
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < MIN_MS || v.longValue() > MAX_MS) {
                throw WebhookSpec.invalid("'retry." + field + "' must be a whole number of milliseconds from " + MIN_MS
                        + " to " + MAX_MS + ", got " + Json.compact(v));
            }
            return v.longValue();
        }
    }
}
