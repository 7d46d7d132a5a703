package dev.jit.server.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jit.core.events.EventFilter;
import dev.jit.core.events.JitEvent;
import dev.jit.core.json.Json;
import dev.jit.server.error.ApiException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One endpoint events are delivered to, validated field by field: from the webhooks file, from
 * {@code POST /api/webhooks}, or from the server's own {@code endpoints.json}. Every mistake is a 400 with a
 * one-line message naming the field (the config loader turns it into exit 2).
 *
 * @param events  the event types as given ({@code ["*"]}: every type)
 * @param issue   only events about issues whose id starts with this (4+ characters), or null
 */
public record WebhookSpec(String id, URI url, String secret, List<String> events, String issue, Duration timeout) {
    public static final int MAX_TIMEOUT_SECONDS = 60;
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Pattern ISSUE = Pattern.compile("[A-Za-z0-9-]{4,64}");
    private static final int MIN_SECRET = 16;
    private static final int MAX_SECRET = 1024;
    private static final int MAX_URL = 2048;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The types a filter may name: those of the typed events (a typo would otherwise silently match nothing). */
    static final Set<String> KNOWN_TYPES = knownTypes();

    public WebhookSpec {
        events = List.copyOf(events);
    }

    /** Which events this endpoint receives (the same filter as {@code GET /api/events?type=…&issue=…}). */
    public EventFilter filter() {
        return new EventFilter(events.contains("*") ? List.of() : events, issue, null, null, 0);
    }

    /** Where the fields come from decides which are allowed: only the config file may name a secret file. */
    enum Origin {
        API_REQUEST, CONFIG_FILE, STATE_FILE
    }

    /**
     * Reads and checks one endpoint object. An API request may leave out {@code id} (one is generated);
     * {@code secret_file} (config only) is resolved against {@code baseDir}.
     */
    static WebhookSpec fromJson(ObjectNode json, Origin origin, Path baseDir) {
        Set<String> allowed = new TreeSet<>(List.of("id", "url", "secret", "events", "issue", "timeout_seconds"));
        if (origin == Origin.CONFIG_FILE) {
            allowed.add("secret_file");
        }
        Fields.requireOnly(json, allowed, "");
        String id = Fields.text(json, "id", origin != Origin.API_REQUEST);
        if (id == null) {
            id = "wh-" + HexFormat.of().formatHex(randomBytes(5));
        } else if (!ID.matcher(id).matches()) {
            throw invalid("Field 'id' must be 1-64 lower-case letters, digits, '-' or '_', starting with a letter or "
                    + "digit, got " + Json.compact(id));
        }
        URI url = url(Fields.text(json, "url", true));
        String secret = secret(json, origin, baseDir);
        List<String> events = events(json.get("events"));
        String issue = Fields.text(json, "issue", false);
        if (issue != null && !ISSUE.matcher(issue).matches()) {
            throw invalid("Field 'issue' must be an issue id or a prefix of 4+ characters (letters, digits, '-'), got "
                    + Json.compact(issue));
        }
        JsonNode timeout = json.get("timeout_seconds");
        Duration t = DEFAULT_TIMEOUT;
        if (timeout != null && !timeout.isNull()) {
            if (!timeout.isIntegralNumber() || !timeout.canConvertToInt() || timeout.intValue() < 1
                    || timeout.intValue() > MAX_TIMEOUT_SECONDS) {
                throw invalid("Field 'timeout_seconds' must be a whole number of seconds from 1 to "
                        + MAX_TIMEOUT_SECONDS + ", got " + Json.compact(timeout));
            }
            t = Duration.ofSeconds(timeout.intValue());
        }
        return new WebhookSpec(id, url, secret, events, issue == null ? null : issue.toLowerCase(Locale.ROOT), t);
    }

    /** What the server keeps in its state file (the secret included: that file is never tracked by git). */
    ObjectNode toStateJson() {
        ObjectNode n = publicJson();
        n.put("secret", secret);
        return n;
    }

    /** The endpoint as the API shows it: never the secret. */
    ObjectNode publicJson() {
        ObjectNode n = Json.object();
        n.put("id", id);
        n.put("url", url.toString());
        events.forEach(n.putArray("events")::add);
        if (issue == null) {
            n.putNull("issue");
        } else {
            n.put("issue", issue);
        }
        n.put("timeout_seconds", timeout.toSeconds());
        return n;
    }

    static ApiException invalid(String message) {
        return ApiException.badRequest(message);
    }

    private static URI url(String raw) {
        if (raw.length() > MAX_URL) {
            throw invalid("Field 'url' is longer than " + MAX_URL + " characters");
        }
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            throw invalid("Field 'url' is not a URL: " + e.getReason() + " at index " + e.getIndex());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw invalid("Field 'url' must be an http:// or https:// URL, got " + Json.compact(raw));
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw invalid("Field 'url' has no host: " + Json.compact(raw));
        }
        if (uri.getRawUserInfo() != null) {
            throw invalid("Field 'url' must not carry credentials (user:password@): the endpoint's secret signs "
                    + "each delivery");
        }
        if (uri.getRawFragment() != null) {
            throw invalid("Field 'url' must not have a #fragment: " + Json.compact(raw));
        }
        return uri;
    }

    private static String secret(ObjectNode json, Origin origin, Path baseDir) {
        String secret = Fields.text(json, "secret", false);
        String file = origin == Origin.CONFIG_FILE ? Fields.text(json, "secret_file", false) : null;
        if (secret != null && file != null) {
            throw invalid("Give either 'secret' or 'secret_file', not both");
        }
        if (file != null) {
            Path path = baseDir.resolve(file);
            try {
                secret = Files.readString(path, StandardCharsets.UTF_8).strip();
            } catch (IOException | RuntimeException e) {
                throw invalid("Field 'secret_file': cannot read " + path + ": " + e.getMessage());
            }
        }
        if (secret == null) {
            throw invalid(origin == Origin.CONFIG_FILE ? "Field 'secret' (or 'secret_file') is required"
                    : "Field 'secret' is required");
        }
        if (secret.length() < MIN_SECRET || secret.length() > MAX_SECRET) {
            throw invalid("The secret must be " + MIN_SECRET + " to " + MAX_SECRET + " characters long, got "
                    + secret.length());
        }
        if (secret.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw invalid("The secret must not contain control characters");
        }
        return secret;
    }

    private static List<String> events(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of("*");
        }
        if (!node.isArray() || node.isEmpty()) {
            throw invalid("Field 'events' must be a non-empty array of event types (or [\"*\"] for all)");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode t : node) {
            if (!t.isTextual()) {
                throw invalid("Field 'events' must be an array of strings, got " + Json.compact(t));
            }
            String type = t.textValue();
            if (!type.equals("*") && !KNOWN_TYPES.contains(type)) {
                throw invalid("Unknown event type " + Json.compact(type) + " in 'events'; known: * " + KNOWN_TYPES);
            }
            if (!out.contains(type)) {
                out.add(type);
            }
        }
        return out;
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static Set<String> knownTypes() {
        Set<String> out = new TreeSet<>();
        for (Class<?> type : JitEvent.class.getPermittedSubclasses()) {
            try {
                out.add((String) type.getField("TYPE").get(null));
            } catch (NoSuchFieldException e) {
                // UnknownEvent: any line that is none of the typed events; it has no type of its own
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return Set.copyOf(out);
    }

    /** Type checks for hand-read JSON objects. */
    static final class Fields {
        private Fields() {
        }

        static void requireOnly(ObjectNode json, Set<String> allowed, String where) {
            Set<String> unknown = new TreeSet<>();
            json.fieldNames().forEachRemaining(f -> {
                if (!allowed.contains(f)) {
                    unknown.add(f);
                }
            });
            if (!unknown.isEmpty()) {
                throw invalid("Unknown field(s) " + unknown + where + "; allowed: " + allowed);
            }
        }

        /** A string field, or null when absent (or null); a blank or non-string value is an error. */
        static String text(ObjectNode json, String field, boolean required) {
            JsonNode v = json.get(field);
            if (v == null || v.isNull()) {
                if (required) {
                    throw invalid("Field '" + field + "' is required");
                }
                return null;
            }
            if (!v.isTextual()) {
                throw invalid("Field '" + field + "' must be a string, got " + Json.compact(v));
            }
            if (v.textValue().isBlank()) {
                throw invalid("Field '" + field + "' must not be blank");
            }
            return v.textValue();
        }
    }
}
