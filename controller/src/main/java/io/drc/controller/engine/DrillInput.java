package io.drc.controller.engine;

import java.util.List;
import java.util.Map;

/**
 * What a drill runbook reads under {@code $.drill}, next to the failover's own {@link RecoveryInput} (the drill
 * reads {@code $.target} for what the failover would use): the names and tags of the copies it makes. Built by
 * {@link DrillInputs}. Every name starts {@code drc-drill-<short id>-}; every resource carries {@code tags}
 * ({@code drc:managed-by}, {@code drc:application}, {@code drc:drill=<execution id>}), by which cleanup finds it.
 *
 * @param region       where the copies are made: the DR region, never the primary
 * @param db           the drill's database, or null when the DR region has no database configured
 * @param groups       one drill Auto Scaling group per DR group, at full load (the shape scaling steps read)
 * @param fromGroups   the DR group each of {@code groups} launches like, in the same order
 * @param targetGroups one drill target group per DR target group, in the same order
 * @param loadBalancer the drill's load balancer (named like its first target group, which it fronts when a load
 *                     balancer fronts DR's), null without target groups: where the drill's DNS record points
 * @param dns          the drill's DNS record ({@code drills.dns}), null when not configured
 * @param smokeCheck   {@code drills.smokeCheck}, null when not configured
 */
public record DrillInput(String id, String region, Map<String, String> tags, Database db, List<Group> groups,
                         List<String> fromGroups, List<String> targetGroups, String loadBalancer, Dns dns,
                         SmokeCheck smokeCheck) {

    /** An alias record {@code recordName} in {@code hostedZoneId} (recovery.dns's zone). */
    public record Dns(String hostedZoneId, String recordName) { }

    /** A GET of {@code url} ({@code {drillHost}} replaced) answering {@code expectStatus} within the timeout. */
    public record SmokeCheck(String url, int expectStatus, long timeoutMillis) { }

    /** @param snapshotId the snapshot of the DR replica a replica-based drill takes and restores */
    public record Database(String instanceId, String snapshotId) { }

    /** A drill group's name and size. */
    public record Group(String name, int min, int desired, int max) { }
}
