package dev.jit.core.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jit.core.model.DispatchRecord;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The content of {@code dispatch.json}: a record per issue, entries that could not be read (kept as they are,
 * so a write never destroys what a human may still repair), and top-level fields this version does not know.
 */
public record DispatchState(SortedMap<String, DispatchRecord> records, SortedMap<String, JsonNode> unreadable,
                     Map<String, JsonNode> extra) {
    public DispatchState {
        records = Collections.unmodifiableSortedMap(new TreeMap<>(records));
        unreadable = Collections.unmodifiableSortedMap(new TreeMap<>(unreadable));
        extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    public static DispatchState empty() {
        return new DispatchState(new TreeMap<>(), new TreeMap<>(), Map.of());
    }

    /** With {@code record} in place of whatever was kept for its issue (an unreadable entry included). */
    public DispatchState with(DispatchRecord record) {
        TreeMap<String, DispatchRecord> copy = new TreeMap<>(records);
        copy.put(record.issueId(), record);
        TreeMap<String, JsonNode> bad = new TreeMap<>(unreadable);
        bad.remove(record.issueId());
        return new DispatchState(copy, bad, extra);
    }

    public DispatchState without(String issueId) {
        TreeMap<String, DispatchRecord> copy = new TreeMap<>(records);
        copy.remove(issueId);
        TreeMap<String, JsonNode> bad = new TreeMap<>(unreadable);
        bad.remove(issueId);
        return new DispatchState(copy, bad, extra);
    }
}
