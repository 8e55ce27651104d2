package io.plumtree.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a node's counters did over the measured window: two of its {@code STATS} lines ({@code name=value ...}), read at
 * the window's start and after it, give each counter's increase. The totals since start mix in the warm-up (trees
 * forming, the compiler's first minutes); the increases say what went on while throughput was measured.
 */
final class CounterIncreases {

    /** Values of a STATS line that are readings, not counters: a difference of two readings means nothing. */
    static final Set<String> GAUGES = Set.of("delivery_backlog", "queued_bytes", "live", "awareness");

    private CounterIncreases() {
    }

    /**
     * The counters that moved from {@code before} to {@code after}, as {@code name=increase} in {@code after}'s order,
     * or {@code "none moved"}; gauges, values that are not whole numbers and names missing from either line are left
     * out.
     */
    static String between(String before, String after) {
        Map<String, Long> start = new HashMap<>();
        for (String kv : before.split(" ")) {
            String[] p = kv.split("=", 2);
            Long v = p.length == 2 && !GAUGES.contains(p[0]) ? number(p[1]) : null;
            if (v != null) {
                start.put(p[0], v);
            }
        }
        StringBuilder s = new StringBuilder();
        for (String kv : after.split(" ")) {
            String[] p = kv.split("=", 2);
            Long from = p.length == 2 ? start.get(p[0]) : null;
            Long to = from == null ? null : number(p[1]);
            if (to != null && to - from != 0) {
                s.append(s.length() == 0 ? "" : " ").append(p[0]).append('=').append(to - from);
            }
        }
        return s.length() == 0 ? "none moved" : s.toString();
    }

    private static Long number(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
