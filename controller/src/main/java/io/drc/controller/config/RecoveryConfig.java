package io.drc.controller.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.List;
import java.util.Map;

/** What a failover moves: the DNS record and, per region, the resources that serve. */
public record RecoveryConfig(
        @JsonProperty("dns") @NotNull @Valid DnsConfig dns,
        @JsonProperty("regions") @NotEmpty Map<String, @NotNull @Valid RegionRecoveryConfig> regions) {

    public RecoveryConfig {
        regions = regions == null ? Map.of() : regions;
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

    /** The serving resources of one region. */
    public record RegionRecoveryConfig(
            @JsonProperty("autoScalingGroups") List<@NotNull @Valid AutoScalingGroupConfig> autoScalingGroups,
            @JsonProperty("launchTemplates") List<@NotEmpty String> launchTemplates,
            @JsonProperty("targetGroups") List<@NotEmpty String> targetGroups,
            @JsonProperty("database") @Valid DatabaseConfig database,
            @JsonProperty("dnsSetIdentifier") @NotEmpty String dnsSetIdentifier) {
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

    /** The region's database instance (primary, or read replica waiting to be promoted). */
    public record DatabaseConfig(@JsonProperty("instanceId") @NotEmpty String instanceId) {}
}
