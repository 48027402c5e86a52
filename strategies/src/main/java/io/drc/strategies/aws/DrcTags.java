package io.drc.strategies.aws;

/**
 * The tag keys drc puts on the recovery points it makes (AMIs, DB snapshots and their DR copies) and on what it
 * restores from them. Replication writes them, recovery finds its recovery points by them: both sides use these
 * constants, so they are spelt once.
 */
public final class DrcTags {
    /** The application's name, as in the configuration's {@code application}. */
    public static final String APPLICATION = "drc:application";
    /** drc's name of the protected resource ({@code protect[].id}), e.g. {@code shop-db}. */
    public static final String RESOURCE = "drc:resource";
    /** The AWS id of what the recovery point was taken from (instance id, DB identifier). */
    public static final String SOURCE_ID = "drc:source-id";
    /** When the data was taken, ISO-8601: the recovery point's age for the RPO. */
    public static final String SOURCE_TIME = "drc:source-time";
    /** The retention/schedule policy that made the recovery point. */
    public static final String POLICY = "drc:policy";
    /** Marks what drc made; the guard before drc deletes anything. */
    public static final String MANAGED_BY = "drc:managed-by";
    public static final String MANAGED_BY_VALUE = "drc";
    /** On a DR copy: the image or snapshot in the source region it was copied from. */
    public static final String SOURCE_POINT = "drc:source-point";
    /** The replication job's token: the look-before-create key where AWS has no ClientToken. */
    public static final String JOB = "drc:job";
    /** On what a runbook makes outside replication (a fail-back's snapshots): the execution that made it. */
    public static final String EXECUTION = "drc:execution";
    /**
     * On everything a drill creates: the drill's execution id. Cleanup deletes only what carries the drill's own
     * value, and retention and reconciliation leave anything with this key alone.
     */
    public static final String DRILL = "drc:drill";
    /** On a restored DB instance: the snapshot it was restored from. */
    public static final String RESTORED_FROM = "drc:restored-from";

    private DrcTags() {
    }
}
