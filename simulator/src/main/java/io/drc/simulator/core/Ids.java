package io.drc.simulator.core;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * AWS-shaped identifiers ({@code i-0000000000000001a}) from per-prefix counters, so that a fresh simulator
 * seeded the same way always hands out the same ids (the demo configuration names them).
 */
public final class Ids implements Serializable {
    private final Map<String, Long> counters = new HashMap<>();

    public synchronized String next(String prefix) {
        long n = counters.merge(prefix, 1L, Long::sum);
        return prefix + "-" + String.format("%017x", n);
    }

    /** Route 53 style ids: upper-case, no dash (hosted zones {@code Z…}, changes {@code C…}). */
    public synchronized String nextUpper(String prefix) {
        long n = counters.merge(prefix, 1L, Long::sum);
        return prefix + String.format("%013X", n);
    }
}
