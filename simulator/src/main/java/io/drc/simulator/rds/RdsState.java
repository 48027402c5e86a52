package io.drc.simulator.rds;

import io.drc.simulator.core.CopyFailures;
import io.drc.simulator.core.RegionState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * RDS in one region: DB instances and manual snapshots, the region's snapshot quotas, and the controls tests and
 * drills use to bend replication ({@link #setReplicaLag}, {@link #breakReplication}). Read and change it only
 * inside {@code World.locked(...)}, e.g.
 * {@code world.locked(() -> RdsState.of(world.region("us-west-2")).breakReplication("db-replica"))}.
 */
public final class RdsState implements java.io.Serializable {
    public static final int DEFAULT_CONCURRENT_COPY_LIMIT = 20;
    public static final int DEFAULT_MANUAL_SNAPSHOT_QUOTA = 100;

    private final String region;
    private final Map<String, DbInstanceRecord> instances = new LinkedHashMap<>();
    private final Map<String, DbSnapshotRecord> snapshots = new LinkedHashMap<>();
    private int concurrentCopyLimit = DEFAULT_CONCURRENT_COPY_LIMIT;
    private int manualSnapshotQuota = DEFAULT_MANUAL_SNAPSHOT_QUOTA;
    private final CopyFailures snapshotCopyFailures = new CopyFailures();

    private RdsState(RegionState region) {
        this.region = region.name();
        region.addMetricProvider(new ReplicaLagProvider(this));
    }

    public static RdsState of(RegionState region) {
        return region.state(RdsState.class, RdsState::new);
    }

    /** Sets a replica's ReplicaLag (seconds) until {@link #resumeReplication} or another call changes it. */
    public void setReplicaLag(String instanceId, double seconds) {
        replica(instanceId).lagSeconds = seconds;
    }

    /** Replication stops with an error: StatusInfos shows {@code error} and ReplicaLag turns −1. */
    public void breakReplication(String instanceId) {
        replica(instanceId).replicationStatus = "error";
    }

    /** Replication runs again with the simulator's own small lag. */
    public void resumeReplication(String instanceId) {
        DbInstanceRecord replica = replica(instanceId);
        replica.replicationStatus = "replicating";
        replica.lagSeconds = null;
    }

    /** At most this many snapshot copies may be in progress into this region; AWS allows 20. */
    public void setConcurrentCopyLimit(int limit) {
        this.concurrentCopyLimit = limit;
    }

    public void setManualSnapshotQuota(int quota) {
        this.manualSnapshotQuota = quota;
    }

    /** CopyDBSnapshot copies into this region that end {@code failed} instead of {@code available}. */
    public CopyFailures snapshotCopyFailures() {
        return snapshotCopyFailures;
    }

    int concurrentCopyLimit() {
        return concurrentCopyLimit;
    }

    int manualSnapshotQuota() {
        return manualSnapshotQuota;
    }

    String region() {
        return region;
    }

    private DbInstanceRecord replica(String instanceId) {
        DbInstanceRecord instance = instance(instanceId);
        if (!instance.isReplica()) {
            throw new IllegalArgumentException(instanceId + " in " + region + " is not a read replica");
        }
        return instance;
    }

    DbInstanceRecord instance(String id) {
        return findInstance(id).orElseThrow(() -> RdsErrors.instanceNotFound(id));
    }

    Optional<DbInstanceRecord> findInstance(String id) {
        return Optional.ofNullable(instances.get(id));
    }

    List<DbInstanceRecord> instances() {
        return new ArrayList<>(instances.values());
    }

    void add(DbInstanceRecord instance) {
        if (instances.containsKey(instance.identifier)) {
            throw RdsErrors.instanceAlreadyExists();
        }
        instances.put(instance.identifier, instance);
    }

    void remove(DbInstanceRecord instance) {
        instances.remove(instance.identifier, instance);
    }

    DbSnapshotRecord snapshot(String id) {
        return findSnapshot(id).orElseThrow(() -> RdsErrors.snapshotNotFound(id));
    }

    Optional<DbSnapshotRecord> findSnapshot(String id) {
        return Optional.ofNullable(snapshots.get(id));
    }

    List<DbSnapshotRecord> snapshots() {
        return new ArrayList<>(snapshots.values());
    }

    /** Adds a new manual snapshot, within the region's quota. */
    void add(DbSnapshotRecord snapshot) {
        if (snapshots.containsKey(snapshot.identifier)) {
            throw RdsErrors.snapshotAlreadyExists(snapshot.identifier);
        }
        if (snapshots.size() >= manualSnapshotQuota) {
            throw RdsErrors.snapshotQuotaExceeded("Cannot create more than " + manualSnapshotQuota
                    + " manual snapshots in " + region + ".");
        }
        snapshots.put(snapshot.identifier, snapshot);
    }

    void remove(DbSnapshotRecord snapshot) {
        snapshots.remove(snapshot.identifier, snapshot);
    }

    long copiesInProgress() {
        return snapshots.values().stream().filter(s -> s.isCopy() && s.inProgress()).count();
    }
}
