package io.drc.controller.replication;

import io.drc.controller.DrcConfiguration;
import io.drc.controller.config.ProtectedResourceConfig;
import io.drc.controller.config.RecoveryConfig;
import io.drc.controller.config.ReplicationConfig;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What replication needs from the configuration, looked up by drc's resource id. */
public final class ReplicationContext {
    private final DrcConfiguration config;
    private final Map<String, ProtectedResourceConfig> resources;

    public ReplicationContext(DrcConfiguration config) {
        this.config = config;
        this.resources = config.getProtect().stream()
                .collect(Collectors.toMap(ProtectedResourceConfig::id, Function.identity()));
    }

    public ReplicationConfig settings() {
        return config.getReplication();
    }

    public String application() {
        return config.getApplication();
    }

    public String drRegion() {
        return config.getDrRegion();
    }

    public List<ProtectedResourceConfig> resources() {
        return config.getProtect();
    }

    public boolean isProtected(String resourceId) {
        return resources.containsKey(resourceId);
    }

    public ProtectedResourceConfig resource(String resourceId) {
        ProtectedResourceConfig resource = resources.get(resourceId);
        if (resource == null) {
            throw new NoSuchElementException("'" + resourceId + "' is not a protected resource");
        }
        return resource;
    }

    public String regionOf(String resourceId) {
        return config.regionOf(resource(resourceId));
    }

    /** The regions whose recovery points retention prunes: where the source is, and DR. */
    public List<String> regions() {
        return List.of(config.getPrimaryRegion(), config.getDrRegion());
    }

    public String policyOf(String resourceId) {
        ProtectedResourceConfig resource = resource(resourceId);
        return "schedule=" + config.scheduleOf(resource) + ";rpoTarget=" + resource.rpoTargetSeconds() + "s";
    }

    public RetentionPolicy retentionOf(String resourceId) {
        var retention = config.retentionOf(resource(resourceId));
        return new RetentionPolicy(retention.keepLast(),
                retention.maxAge() == null ? null : retention.maxAge().toJavaDuration());
    }

    /** The DR region's launch templates that should start instances from the newest DR AMI. */
    public List<String> drLaunchTemplates() {
        RecoveryConfig.RegionRecoveryConfig dr = config.getRecovery() == null ? null
                : config.getRecovery().regions().get(config.getDrRegion());
        return dr == null ? List.of() : dr.launchTemplates();
    }
}
