package io.drc.controller.replication;

/**
 * Where a replication job stands. Every kind walks the same path; a step a kind does not need is
 * passed through at once (an EBS or RDS copy is tagged at birth, so it has nothing to tag or re-point).
 */
public enum JobStep {
    /** Create the image or snapshot in the source region. */
    CREATE_SOURCE,
    /** Wait for the source to become available / completed. */
    AWAIT_SOURCE,
    /** Queued: start the copy into the DR region when the copy quota allows. */
    COPY,
    /** Wait for the copy in the DR region. */
    AWAIT_COPY,
    /** Tag the DR copy and its snapshots (AMIs: AWS does not copy tags). */
    TAG_COPY,
    /** Point the DR launch templates' default version at the new AMI. */
    UPDATE_LAUNCH_TEMPLATES,
    DONE,
    FAILED;

    /** Waiting for AWS to finish an image or snapshot: what a poll looks at. */
    public boolean isAwait() {
        return this == AWAIT_SOURCE || this == AWAIT_COPY;
    }

    public boolean isActive() {
        return this != DONE && this != FAILED;
    }
}
