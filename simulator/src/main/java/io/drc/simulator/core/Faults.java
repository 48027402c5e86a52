package io.drc.simulator.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/** The fault rules in force. A seeded random makes "30% throttled" the same sequence on every run. */
public final class Faults {
    private final List<FaultRule> rules = new ArrayList<>();
    private final Random random;
    private long injected;
    private int nextId = 1;

    public Faults(long seed) {
        this.random = new Random(seed);
    }

    public synchronized FaultRule add(FaultRule rule) {
        FaultRule stored = rule.withId(rule.id() != null ? rule.id() : "fault-" + nextId++);
        rules.removeIf(r -> r.id().equals(stored.id()));
        rules.add(stored);
        return stored;
    }

    public synchronized boolean remove(String id) {
        return rules.removeIf(r -> r.id().equals(id));
    }

    public synchronized void clear() {
        rules.clear();
    }

    public synchronized List<FaultRule> rules() {
        return List.copyOf(rules);
    }

    public synchronized long injectedCount() {
        return injected;
    }

    /** The first matching rule that fires for this call, if any; consumes one of its remaining uses. */
    public synchronized Optional<FaultRule> draw(String region, String service, String action) {
        for (int i = 0; i < rules.size(); i++) {
            FaultRule rule = rules.get(i);
            if (!rule.matches(region, service, action) || (rule.remaining() != null && rule.remaining() <= 0)) {
                continue;
            }
            double fraction = rule.fraction() == null ? 1.0 : rule.fraction();
            if (random.nextDouble() < fraction) {
                rules.set(i, rule.consumeOne());
                injected++;
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }
}
