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
        // Issues are built by the thousand when a store loads: share the empty map, copy only real content.
        return map == null || map.isEmpty() ? Collections.emptySortedMap()
                : Collections.unmodifiableSortedMap(new TreeMap<>(map));
    }

    static <T> List<T> distinctCopy(List<T> list) {
        if (list == null || list.isEmpty()) {
            return List.of();
        }
        for (int i = 1; i < list.size(); i++) {
            if (list.subList(0, i).contains(list.get(i))) {
                return List.copyOf(new LinkedHashSet<>(list));
            }
        }
        return List.copyOf(list);
    }

    /** The ids sorted and without duplicates; an already sorted immutable list is returned as it is. */
    static List<String> sortedDistinct(List<String> ids) {
        if (ids == null || ids.isEmpty()) {
            return List.of();
        }
        for (int i = 1; i < ids.size(); i++) {
            if (ids.get(i - 1).compareTo(ids.get(i)) >= 0) {
                return List.copyOf(new java.util.TreeSet<>(ids));
            }
        }
        return List.copyOf(ids);
    }

    static <T> List<T> copy(List<T> list) {
        return list == null || list.isEmpty() ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }
}
