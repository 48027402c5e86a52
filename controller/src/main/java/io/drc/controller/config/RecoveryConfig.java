package io.drc.controller.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.List;
import java.util.Map;

/**
 * What a failover moves: the DNS record and, per region, the resources that serve; and the application's hooks
 * a fail-back calls around the moment traffic moves.
 */
public record RecoveryConfig(
        @JsonProperty("dns") @NotNull @Valid DnsConfig dns,
        @JsonProperty("regions") @NotEmpty Map<String, @NotNull @Valid RegionRecoveryConfig> regions,
        @JsonProperty("hooks") @NotNull @Valid HooksConfig hooks) {

    public RecoveryConfig {
        regions = regions == null ? Map.of() : regions;
        hooks = hooks == null ? HooksConfig.none() : hooks;
    }

    /** The weighted Route 53 record set whose weights decide which region serves. */
    public record DnsConfig(
            @JsonProperty("hostedZoneId") @NotEmpty String hostedZoneId,
            @JsonProperty("recordName") @NotEmpty String recordName,
            @JsonProperty("ttl") @PositiveOrZero Integer ttl) {
        public DnsConfig {
            ttl = ttl == null ? 60 : ttl;
        }
    }

    /**
     * The serving resources of one region.
     *
     * @param normalWeight the Route 53 weight of this region's record in normal operation (0-255): what a
     *                     fail-back restores. Absent: 100 for the primary region, 0 for the DR region (one region
     *                     serves); multi-site sets both, e.g. 50 and 50.
     */
    public record RegionRecoveryConfig(
            @JsonProperty("autoScalingGroups") List<@NotNull @Valid AutoScalingGroupConfig> autoScalingGroups,
            @JsonProperty("launchTemplates") List<@NotEmpty String> launchTemplates,
            @JsonProperty("targetGroups") List<@NotEmpty String> targetGroups,
            @JsonProperty("database") @Valid DatabaseConfig database,
            @JsonProperty("dnsSetIdentifier") @NotEmpty String dnsSetIdentifier,
            @JsonProperty("normalWeight") Integer normalWeight) {
        public RegionRecoveryConfig {
            autoScalingGroups = autoScalingGroups == null ? List.of() : autoScalingGroups;
            launchTemplates = launchTemplates == null ? List.of() : launchTemplates;
            targetGroups = targetGroups == null ? List.of() : targetGroups;
        }
    }

    /** Capacities of one Auto Scaling group: idle in standby, serving at full load. */
    public record AutoScalingGroupConfig(
            @JsonProperty("name") @NotEmpty String name,
            @JsonProperty("standby") @NotNull @PositiveOrZero Integer standby,
            @JsonProperty("fullLoad") @NotNull @PositiveOrZero Integer fullLoad,
            @JsonProperty("max") @NotNull @PositiveOrZero Integer max) {}

    /**
     * The region's database instance (primary, or read replica waiting to be promoted).
     *
     * @param instanceClass the DB instance class it must run on while this region serves, e.g. {@code db.r6g.large}
     *                      (a promoted replica is resized to it, a replica created here gets it); absent: unchanged
     * @param multiAz       whether it must be Multi-AZ while this region serves; absent: unchanged
     */
    public record DatabaseConfig(
            @JsonProperty("instanceId") @NotEmpty String instanceId,
            @JsonProperty("instanceClass") String instanceClass,
            @JsonProperty("multiAz") Boolean multiAz) {}
}
