package io.drc.controller.replication;

import io.drc.strategies.aws.DrcTags;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tags replication puts on everything it creates (keys spelt once, in {@link DrcTags}, which recovery reads).
 * They are how drc finds its own recovery points again (after a restart, in reconciliation, in retention) and
 * how it leaves everything else alone.
 */
public final class RecoveryPointTags {
    private RecoveryPointTags() {}

    /** Tags of a source image/snapshot in the resource's own region (source time not known yet). */
    public static Map<String, String> forSource(ReplicationContext context, ReplicationJob job, String awsResourceId) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(DrcTags.MANAGED_BY, DrcTags.MANAGED_BY_VALUE);
        tags.put(DrcTags.APPLICATION, context.application());
        tags.put(DrcTags.RESOURCE, job.resourceId());
        tags.put(DrcTags.SOURCE_ID, awsResourceId);
        tags.put(DrcTags.POLICY, context.policyOf(job.resourceId()));
        tags.put(DrcTags.JOB, job.token(context.application()));
        return tags;
    }

    /** Tags of a DR copy: the source's, plus the image/snapshot it was copied from and the data's time. */
    public static Map<String, String> forCopy(ReplicationContext context, ReplicationJob job, String awsResourceId) {
        Map<String, String> tags = forSource(context, job, awsResourceId);
        tags.put(DrcTags.SOURCE_POINT, job.sourceId());
        tags.put(DrcTags.SOURCE_TIME, job.sourceTime().toString());
        return tags;
    }

    /**
     * True only for what replication made for this application: the guard before any delete. A drill's resources
     * ({@link DrcTags#DRILL}) carry drc's tags too but are the drill's to clean up, never retention's.
     */
    public static boolean ownedBy(Map<String, String> tags, String application) {
        return DrcTags.MANAGED_BY_VALUE.equals(tags.get(DrcTags.MANAGED_BY))
                && application.equals(tags.get(DrcTags.APPLICATION)) && !tags.containsKey(DrcTags.DRILL);
    }

    public static Instant sourceTime(Map<String, String> tags, Instant fallback) {
        String value = tags.get(DrcTags.SOURCE_TIME);
        return value == null ? fallback : Instant.parse(value);
    }
}
