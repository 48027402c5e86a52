package io.drc.controller.engine;

import io.drc.controller.DrcConfiguration;
import io.drc.controller.config.ProtectedResourceConfig;
import io.drc.controller.config.RecoveryConfig;
import io.drc.controller.core.ResourceKind;
import io.drc.strategies.engine.ExecutionKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Builds a runbook's {@link RecoveryInput} from configuration and the direction; pure. */
public final class RecoveryInputs {
    private RecoveryInputs() {
    }

    /** The region that serves once an execution of {@code kind} succeeds. */
    public static String targetRegion(DrcConfiguration config, ExecutionKind kind) {
        return kind == ExecutionKind.FAILBACK ? config.getPrimaryRegion() : config.getDrRegion();
    }

    public static String sourceRegion(DrcConfiguration config, ExecutionKind kind) {
        return kind == ExecutionKind.FAILBACK ? config.getDrRegion() : config.getPrimaryRegion();
    }

    public static RecoveryInput build(DrcConfiguration config, ExecutionKind kind) {
        String from = sourceRegion(config, kind);
        String to = targetRegion(config, kind);
        RecoveryConfig recovery = config.getRecovery();
        RecoveryInput.Side source = side(config, from, to);
        RecoveryInput.Side target = side(config, to, from);
        Map<String, Integer> weights = new LinkedHashMap<>();
        if (kind == ExecutionKind.FAILBACK) {
            weights.put(source.dnsSetIdentifier(), normalWeight(config, from));
            weights.put(target.dnsSetIdentifier(), normalWeight(config, to));
        } else {
            // the failed region is drained; the survivor keeps its share, which alone is then all the traffic
            int survivor = normalWeight(config, to);
            weights.put(source.dnsSetIdentifier(), 0);
            weights.put(target.dnsSetIdentifier(), survivor > 0 ? survivor : 100);
        }
        return new RecoveryInput(config.getApplication(), from, to, source, target,
                new RecoveryInput.Dns(recovery.dns().hostedZoneId(), recovery.dns().recordName(), weights),
                config.getStrategy().rtoTargetSeconds());
    }

    /** The region's Route 53 weight in normal operation: configured, else 100 for the primary and 0 for DR. */
    public static int normalWeight(DrcConfiguration config, String region) {
        RecoveryConfig.RegionRecoveryConfig r = config.getRecovery().regions().get(region);
        if (r != null && r.normalWeight() != null) {
            return r.normalWeight();
        }
        return region.equals(config.getPrimaryRegion()) ? 100 : 0;
    }

    private static RecoveryInput.Side side(DrcConfiguration config, String region, String otherRegion) {
        RecoveryConfig.RegionRecoveryConfig r = config.getRecovery().regions().get(region);
        if (r == null) {
            throw new IllegalArgumentException("recovery.regions has no entry for " + region);
        }
        var groups = r.autoScalingGroups();
        return new RecoveryInput.Side(region, r.dnsSetIdentifier(),
                sized(groups, g -> new RecoveryInput.Group(g.name(), g.fullLoad(), g.fullLoad(), g.max())),
                sized(groups, g -> new RecoveryInput.Group(g.name(), g.standby(), g.standby(), g.max())),
                sized(groups, g -> new RecoveryInput.Group(g.name(), 0, 0, g.max())),
                r.targetGroups(), r.launchTemplates(),
                protectedId(config, ResourceKind.EC2_INSTANCE, null), database(config, region, r, otherRegion));
    }

    private static List<RecoveryInput.Group> sized(List<RecoveryConfig.AutoScalingGroupConfig> groups,
                                                    Function<RecoveryConfig.AutoScalingGroupConfig, RecoveryInput.Group> size) {
        return groups.stream().map(size).toList();
    }

    private static RecoveryInput.Database database(DrcConfiguration config, String region,
                                                   RecoveryConfig.RegionRecoveryConfig r, String otherRegion) {
        if (r.database() == null) {
            return null;
        }
        var other = config.getRecovery().regions().get(otherRegion);
        String otherDb = other == null || other.database() == null ? null : other.database().instanceId();
        String restoreFrom = protectedId(config, ResourceKind.RDS_INSTANCE, otherDb);
        // protect[].kmsKeyId is a DR-region key: it applies only when this side is the DR region
        String kmsKeyId = !region.equals(config.getDrRegion()) ? null : config.getProtect().stream()
                .filter(p -> p.id().equals(restoreFrom)).findFirst().map(ProtectedResourceConfig::kmsKeyId).orElse(null);
        return new RecoveryInput.Database(r.database().instanceId(), r.database().instanceClass(),
                r.database().multiAz(), kmsKeyId, restoreFrom);
    }

    /** The protected resource of {@code kind} (preferring the one with {@code resourceId}), or null. */
    private static String protectedId(DrcConfiguration config, ResourceKind kind, String resourceId) {
        List<ProtectedResourceConfig> ofKind = config.getProtect().stream().filter(p -> p.kind() == kind).toList();
        return ofKind.stream().filter(p -> p.resourceId().equals(resourceId)).findFirst()
                .or(() -> ofKind.stream().findFirst()).map(ProtectedResourceConfig::id).orElse(null);
    }
}
