package io.drc.controller.replication;

/**
 * A daemon's claim on a replication job: the job's results are stored only while the claim holds (owner and claim
 * count unchanged), so a daemon that lost the job to another stores nothing.
 *
 * @param job     the job as it was when claimed
 * @param owner   the claiming daemon's owner tag ({@code nodeId#incarnation})
 * @param version the job's claim count at this claim
 */
public record JobClaim(ReplicationJob job, String owner, long version) { }
