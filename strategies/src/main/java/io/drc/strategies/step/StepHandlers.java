package io.drc.strategies.step;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The step handlers a daemon can run, by Task resource name. */
public final class StepHandlers {
    private final Map<String, StepHandler> byResource = new LinkedHashMap<>();

    public StepHandlers(Collection<StepHandler> handlers) {
        for (StepHandler h : handlers) {
            if (byResource.put(h.resource(), h) != null) {
                throw new IllegalArgumentException("two step handlers for " + h.resource());
            }
        }
    }

    public Optional<StepHandler> find(String resource) {
        return Optional.ofNullable(byResource.get(resource));
    }

    public boolean knows(String resource) {
        return byResource.containsKey(resource);
    }

    public Set<String> resources() {
        return byResource.keySet();
    }
}
