package io.drc.controller.replication;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tags drc puts on everything it creates. They are how drc finds its own recovery points again (after a
 * restart, in reconciliation, in retention) and how it leaves everything else alone.
 */
public final class DrcTags {
    public static final String MANAGED_BY = "managed-by";
    public static final String MANAGED_BY_VALUE = "drc";
    public static final String APPLICATION = "drc:application";
    public static final String RESOURCE = "drc:resource";
    public static final String SOURCE_RESOURCE = "drc:source-resource";
    public static final String SOURCE_ID = "drc:source-id";
    public static final String SOURCE_TIME = "drc:source-time";
    public static final String POLICY = "drc:policy";
    /** The job's token: the look-before-create key where AWS has no ClientToken. */
    public static final String JOB = "drc:job";

    private DrcTags() {}

    /** Tags of a source image/snapshot in the resource's own region (source time not known yet). */
    public static Map<String, String> forSource(ReplicationContext context, ReplicationJob job, String awsResourceId) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(MANAGED_BY, MANAGED_BY_VALUE);
        tags.put(APPLICATION, context.application());
        tags.put(RESOURCE, job.resourceId());
        tags.put(SOURCE_RESOURCE, awsResourceId);
        tags.put(POLICY, context.policyOf(job.resourceId()));
        tags.put(JOB, job.token(context.application()));
        return tags;
    }

    /** Tags of a DR copy: the source's, plus where and when the data came from. */
    public static Map<String, String> forCopy(ReplicationContext context, ReplicationJob job, String awsResourceId) {
        Map<String, String> tags = forSource(context, job, awsResourceId);
        tags.put(SOURCE_ID, job.sourceId());
        tags.put(SOURCE_TIME, job.sourceTime().toString());
        return tags;
    }

    /** True only for what drc made for this application: the guard before any delete. */
    public static boolean ownedBy(Map<String, String> tags, String application) {
        return MANAGED_BY_VALUE.equals(tags.get(MANAGED_BY)) && application.equals(tags.get(APPLICATION));
    }

    public static Instant sourceTime(Map<String, String> tags, Instant fallback) {
        String value = tags.get(SOURCE_TIME);
        return value == null ? fallback : Instant.parse(value);
    }
}
