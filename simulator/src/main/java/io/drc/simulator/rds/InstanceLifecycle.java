package io.drc.simulator.rds;

import io.drc.simulator.core.RegionState;
import io.drc.simulator.core.World;

/**
 * How DB instances come and go, shared by create, read replica, restore and delete: new records start
 * {@code creating} and turn {@code available} after their timing; a replica starts replicating when it does.
 * Links between a replica and its source are kept on both sides, across regions too.
 */
final class InstanceLifecycle {
    private InstanceLifecycle() {
    }

    static DbInstanceRecord newInstance(String id, RegionState region) {
        DbInstanceRecord i = new DbInstanceRecord();
        i.identifier = id;
        i.region = region.name();
        i.resourceId = region.world().ids().next("db");
        i.status = "creating";
        i.createdAt = region.world().now();
        i.availabilityZone = region.name() + "a";
        return i;
    }

    /** Adds {@code instance} to its region and makes it available after {@code timingKey}. */
    static void launch(DbInstanceRecord instance, RegionState region, String timingKey) {
        RdsState.of(region).add(instance);
        region.world().after(timingKey, () -> {
            if (instance.transition("creating", "available") && instance.isReplica()
                    && instance.replicationStatus == null) {
                instance.replicationStatus = "replicating";
            }
        });
    }

    /** {@code status} now, back to {@code available} after {@code timingKey}, then {@code then} runs. */
    static void passThrough(DbInstanceRecord instance, String status, World world, String timingKey, io.drc.simulator.core.Transition then) {
        instance.status = status;
        // a LOSE fault: the instance passes through the state and comes back as it was, the change never made
        boolean lost = world.losesChanges();
        world.after(timingKey, () -> {
            if (instance.transition(status, "available") && !lost) {
                then.run();
            }
        });
    }

    static void link(DbInstanceRecord source, DbInstanceRecord replica) {
        replica.replicaSourceRegion = source.region;
        replica.replicaSourceId = source.identifier;
        source.replicaIdentifiers.add(RdsNames.shownFrom(source.region, replica.region, replica.identifier));
    }

    /** The replica stands alone; its source, if it still exists, no longer lists it. */
    static void unlink(DbInstanceRecord replica, World world) {
        RdsState.of(world.region(replica.replicaSourceRegion)).findInstance(replica.replicaSourceId)
                .ifPresent(source -> source.replicaIdentifiers.remove(
                        RdsNames.shownFrom(source.region, replica.region, replica.identifier)));
        replica.replicaSourceRegion = null;
        replica.replicaSourceId = null;
        replica.replicationStatus = null;
        replica.lagSeconds = null;
    }

    /** Deleting a source stops replication to each of its replicas: they report −1 until promoted. */
    static void orphanReplicas(DbInstanceRecord source, World world) {
        for (String shown : source.replicaIdentifiers) {
            RdsNames.ResourceName name = RdsNames.parse(shown, "db", world.region(source.region));
            RdsState.of(world.region(name.region())).findInstance(name.id())
                    .ifPresent(replica -> replica.replicationStatus = "terminated");
        }
    }
}
