package dev.jit.core.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Immutable copies that keep the orders our files promise (insertion order or sorted keys). */
final class Collections2 {
    private Collections2() {
    }

    static <K, V> Map<K, V> orderedCopy(Map<K, V> map) {
        return map == null || map.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    static <V> SortedMap<String, V> sortedCopy(Map<String, V> map) {
        return Collections.unmodifiableSortedMap(map == null ? new TreeMap<>() : new TreeMap<>(map));
    }

    static <T> List<T> distinctCopy(List<T> list) {
        return list == null || list.isEmpty() ? List.of() : List.copyOf(new LinkedHashSet<>(list));
    }

    static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }
}
