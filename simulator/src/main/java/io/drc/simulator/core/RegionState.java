package io.drc.simulator.core;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One region of the simulated cloud. Each service keeps its own state object here, made on first use, so
 * services stay independent yet can reach each other inside a region (an Auto Scaling group launches EC2
 * instances and registers them with ELBv2 target groups).
 */
public final class RegionState implements Serializable {
    private final String name;
    private final World world;
    private final Map<Class<?>, Object> services = new LinkedHashMap<>();
    private final List<MetricProvider> metricProviders = new ArrayList<>();

    RegionState(String name, World world) {
        this.name = name;
        this.world = world;
    }

    public String name() {
        return name;
    }

    public World world() {
        return world;
    }

    public <T> T state(Class<T> type, Function<RegionState, T> factory) {
        Object existing = services.get(type);
        if (existing == null) {
            existing = factory.apply(this);
            services.put(type, existing);
        }
        return type.cast(existing);
    }

    public Map<Class<?>, Object> services() {
        return Collections.unmodifiableMap(services);
    }

    /** AWS's own metrics (e.g. {@code AWS/RDS ReplicaLag}) come from the services that own the resource. */
    public void addMetricProvider(MetricProvider provider) {
        metricProviders.add(provider);
    }

    public List<MetricProvider> metricProviders() {
        return Collections.unmodifiableList(metricProviders);
    }

    public String arn(String service, String resource) {
        return "arn:aws:" + service + ":" + name + ":" + World.ACCOUNT_ID + ":" + resource;
    }
}
