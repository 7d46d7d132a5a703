package dev.jit.dispatch.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.jit.core.error.JitException;
import dev.jit.core.model.Lease;
import dev.jit.core.model.Priority;
import dev.jit.core.query.IssueFilter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates dispatch.toml. Every problem is collected and reported as
 * {@code <file>:<line>: <key>: <problem>}; nothing is defaulted silently except the optional keys.
 */
public final class ConfigLoader {
    private static final Set<String> TOP_KEYS = Set.of("poll_interval_secs", "stall_timeout_minutes",
            "priority_order", "on_orphan", "shutdown_grace_secs", "max_attempts", "retry_backoff_seconds",
            "retry_backoff_max_seconds", "log_keep_runs", "log_keep_days", "lease_ttl_secs", "agents");
    private static final Set<String> AGENT_KEYS = Set.of("id", "type", "max_concurrent", "command", "filter",
            "max_runtime_minutes", "workspace", "keep_worktree");
    /** Keys earlier versions knew, with what replaced them. */
    private static final Map<String, String> RENAMED = Map.of("retry_delay_secs",
            "replaced by retry_backoff_seconds (the first delay; it doubles with every failed attempt up to "
                    + "retry_backoff_max_seconds)");
    static final double DEFAULT_STALL_MINUTES = 30;
    /**
     * The lease the dispatcher gives its agents' claims: renewed every third of it while the agent runs, so it
     * only runs out when nothing supervises the agent any more (the dispatcher was killed and not restarted).
     */
    static final long DEFAULT_LEASE_TTL_SECS = 600;
    /** Agent ids become the assignee {@code agent:<id>}, which must not contain whitespace. */
    private static final Pattern AGENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]*");
    private static final TomlMapper TOML = new TomlMapper();

    private final Path file;
    private final List<String> problems = new ArrayList<>();
    private KeyLines keyLines;

    private ConfigLoader(Path file) {
        this.file = file;
    }

    public static DispatchConfig load(Path file) throws ConfigException {
        return new ConfigLoader(file).read();
    }

    private DispatchConfig read() throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(List.of(file + ": config file not found"));
        } catch (IOException e) {
            throw new ConfigException(List.of(file + ": cannot read config: " + e.getMessage()));
        }
        JsonNode root;
        try {
            root = TOML.readTree(text);
        } catch (JacksonException e) {
            JsonLocation loc = e.getLocation();
            int line = loc == null ? 0 : loc.getLineNr();
            // The TOML lexer reports errors found at a line's end (after its newline) at column 1 of the next.
            if (loc != null && loc.getColumnNr() <= 1 && line > 1) {
                line--;
            }
            throw new ConfigException(List.of(file + (line > 0 ? ":" + line : "") + ": invalid TOML: "
                    + e.getOriginalMessage().lines().findFirst().orElse("")));
        }
        keyLines = new KeyLines(text);
        DispatchConfig config = validate(root);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return config;
    }

    private DispatchConfig validate(JsonNode root) {
        unknownKeys(root, "", TOP_KEYS);
        long poll = integer(root, "poll_interval_secs", "poll_interval_secs", 5, 1);
        double stall = number(root.get("stall_timeout_minutes"), "stall_timeout_minutes", DEFAULT_STALL_MINUTES);
        long grace = integer(root, "shutdown_grace_secs", "shutdown_grace_secs", 10, 0);
        long maxAttempts = integer(root, "max_attempts", "max_attempts", 3, 1);
        double backoff = number(root.get("retry_backoff_seconds"), "retry_backoff_seconds", 30);
        double backoffMax = number(root.get("retry_backoff_max_seconds"), "retry_backoff_max_seconds", 1800);
        if (backoffMax < backoff) {
            problem("retry_backoff_max_seconds", "must be >= retry_backoff_seconds (" + backoff + ")");
        }
        long keepRuns = integer(root, "log_keep_runs", "log_keep_runs", 20, 1);
        double keepDays = number(root.get("log_keep_days"), "log_keep_days", 14);
        long leaseTtl = integer(root, "lease_ttl_secs", "lease_ttl_secs", DEFAULT_LEASE_TTL_SECS, 0);
        if (leaseTtl > Lease.MAX_TTL_SECONDS) {
            problem("lease_ttl_secs", "must be at most " + Lease.MAX_TTL_SECONDS + " (a week)");
        }
        OnOrphan onOrphan = onOrphan(root.get("on_orphan"));
        List<Priority> order = priorityOrder(root.get("priority_order"));
        List<AgentConfig> agents = agents(root.get("agents"));
        return new DispatchConfig(file, Duration.ofSeconds(poll), minutes(stall), order, onOrphan,
                Duration.ofSeconds(grace), new RetryPolicy((int) Math.min(maxAttempts, RetryPolicy.MAX_ATTEMPTS),
                seconds(backoff), seconds(backoffMax)), new LogRetention((int) Math.min(keepRuns, Integer.MAX_VALUE),
                Duration.ofMillis(Math.round(Math.min(keepDays, 36_500) * 86_400_000))),
                Duration.ofSeconds(Math.min(leaseTtl, Lease.MAX_TTL_SECONDS)), agents);
    }

    private static Duration minutes(double m) {
        return Duration.ofMillis(Math.round(Math.min(m, 1e9) * 60_000));
    }

    private static Duration seconds(double s) {
        return Duration.ofMillis(Math.round(Math.min(s, 1e12) * 1000));
    }

    private List<AgentConfig> agents(JsonNode node) {
        List<AgentConfig> out = new ArrayList<>();
        if (node == null) {
            problem("agents", "missing: add at least one [[agents]] table");
            return out;
        }
        if (!node.isArray() || node.isEmpty()) {
            problem("agents", "must be one or more [[agents]] tables");
            return out;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String at = "agents[" + i + "]";
            JsonNode a = node.get(i);
            if (!a.isObject()) {
                problem(at, "must be a table");
                continue;
            }
            unknownKeys(a, at + ".", AGENT_KEYS);
            String id = string(a, at, "id", true);
            if (id != null && !AGENT_ID.matcher(id).matches()) {
                problem(at + ".id", "must be letters, digits, '_', '.', ':' or '-' without spaces (got \"" + id + "\")");
                id = null;
            } else if (id != null && !seen.add(id)) {
                problem(at + ".id", "duplicate agent id \"" + id + "\"");
                id = null;
            }
            String type = string(a, at, "type", false);
            long max = integer(a, "max_concurrent", at + ".max_concurrent", -1, 1);
            String commandText = string(a, at, "command", true);
            CommandTemplate command = null;
            if (commandText != null) {
                try {
                    command = CommandTemplate.parse(commandText);
                } catch (IllegalArgumentException e) {
                    problem(at + ".command", e.getMessage());
                }
            }
            double maxRuntime = number(a.get("max_runtime_minutes"), at + ".max_runtime_minutes", 0);
            String workspace = string(a, at, "workspace", false);
            if (workspace != null && !workspace.equals("repo") && !workspace.equals("worktree")) {
                problem(at + ".workspace", "must be \"repo\" or \"worktree\" (got \"" + workspace + "\")");
            }
            JsonNode keep = a.get("keep_worktree");
            if (keep != null && !keep.isBoolean()) {
                problem(at + ".keep_worktree", "must be true or false (got " + keep + ")");
            }
            String filterText = string(a, at, "filter", false);
            IssueFilter filter = IssueFilter.ALL;
            if (filterText != null) {
                try {
                    filter = IssueFilter.parse(filterText);
                } catch (JitException e) {
                    problem(at + ".filter", e.getMessage());
                }
            }
            if (id != null && max > 0 && command != null) {
                out.add(new AgentConfig(id, type == null ? "" : type, (int) max, command, filterText, filter,
                        minutes(maxRuntime), "worktree".equals(workspace), keep != null && keep.asBoolean()));
            }
        }
        return out;
    }

    private OnOrphan onOrphan(JsonNode node) {
        if (node == null) {
            return OnOrphan.RELEASE;
        }
        if (node.isTextual()) {
            for (OnOrphan o : OnOrphan.values()) {
                if (o.name().toLowerCase(Locale.ROOT).equals(node.asText())) {
                    return o;
                }
            }
        }
        problem("on_orphan", "must be \"release\" or \"keep\" (got " + node + ")");
        return OnOrphan.RELEASE;
    }

    private List<Priority> priorityOrder(JsonNode node) {
        List<Priority> order = new ArrayList<>();
        if (node != null) {
            if (!node.isArray()) {
                problem("priority_order", "must be an array such as [\"critical\", \"high\", \"normal\", \"low\"]");
            } else {
                for (JsonNode p : node) {
                    Priority parsed = null;
                    if (p.isTextual()) {
                        try {
                            parsed = Priority.parse(p.asText());
                        } catch (JitException e) {
                            parsed = null;
                        }
                    }
                    if (parsed == null) {
                        problem("priority_order", "unknown priority " + p + " (valid: "
                                + String.join(", ", Priority.wireNames()) + ")");
                    } else if (order.contains(parsed)) {
                        problem("priority_order", "lists " + p + " twice");
                    } else {
                        order.add(parsed);
                    }
                }
            }
        }
        for (Priority p : Priority.values()) {
            if (!order.contains(p)) {
                order.add(p);
            }
        }
        return List.copyOf(order);
    }

    private void unknownKeys(JsonNode table, String prefix, Set<String> known) {
        for (Map.Entry<String, JsonNode> field : table.properties()) {
            String key = field.getKey();
            if (!known.contains(key) && prefix.isEmpty() && RENAMED.containsKey(key)) {
                problem(key, RENAMED.get(key));
            } else if (!known.contains(key)) {
                problem(prefix + key, "unknown key (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    /** An integer ≥ {@code min}; {@code fallback} when absent (a negative fallback means required). */
    private long integer(JsonNode table, String field, String key, long fallback, long min) {
        JsonNode node = table.get(field);
        if (node == null) {
            if (fallback < 0) {
                problem(key, "missing: required integer >= " + min);
            }
            return fallback;
        }
        if (!node.isIntegralNumber() || node.asLong() < min || !node.canConvertToLong()) {
            problem(key, "must be an integer >= " + min + " (got " + node + ")");
            return fallback;
        }
        return node.asLong();
    }

    private double number(JsonNode node, String key, double fallback) {
        if (node == null) {
            return fallback;
        }
        if (!node.isNumber() || !Double.isFinite(node.asDouble()) || node.asDouble() < 0) {
            problem(key, "must be a number >= 0 (got " + node + ")");
            return fallback;
        }
        return node.asDouble();
    }

    private String string(JsonNode table, String at, String field, boolean required) {
        JsonNode node = table.get(field);
        if (node == null) {
            if (required) {
                problem(at + "." + field, "missing: required string");
            }
            return null;
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            problem(at + "." + field, "must be a non-empty string (got " + node + ")");
            return null;
        }
        return node.asText();
    }

    private void problem(String key, String what) {
        int line = keyLines.lineOf(key);
        problems.add(file + (line > 0 ? ":" + line : "") + ": " + key + ": " + what);
    }
}
