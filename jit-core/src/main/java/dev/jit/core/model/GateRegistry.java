package dev.jit.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** The gate definitions of {@code gates.json}, sorted by key; unknown top-level fields are kept. */
public record GateRegistry(SortedMap<String, Gate> gates, Map<String, JsonNode> extra) {
    public GateRegistry {
        gates = Collections2.sortedCopy(gates);
        extra = Collections2.orderedCopy(extra);
    }

    public static GateRegistry empty() {
        return new GateRegistry(new TreeMap<>(), Map.of());
    }

    public GateRegistry with(Gate gate) {
        SortedMap<String, Gate> copy = new TreeMap<>(gates);
        copy.put(gate.key(), gate);
        return new GateRegistry(copy, extra);
    }

    public GateRegistry without(String key) {
        SortedMap<String, Gate> copy = new TreeMap<>(gates);
        copy.remove(key);
        return new GateRegistry(copy, extra);
    }
}
