package io.drc.strategies.step;

import com.fasterxml.jackson.databind.JsonNode;
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

    /**
     * Why the handler of {@code resource} would refuse {@code parameters} ({@link StepParameters#problem}); empty
     * when it would read them, or when no handler serves {@code resource} (the validator reports that).
     */
    public Optional<String> parameterProblem(String resource, JsonNode parameters, Set<String> fromResults) {
        StepHandler handler = byResource.get(resource);
        return handler == null ? Optional.empty()
                : StepParameters.problem(handler.parameterType(), parameters, fromResults);
    }
}
