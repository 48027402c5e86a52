package io.drc.controller.replication;

import io.drc.controller.api.RecoveryPoint;
import io.drc.controller.api.RecoveryPointState;
import io.drc.controller.api.ReplicationRunPlan;
import io.drc.controller.config.ProtectedResourceConfig;
import io.drc.controller.core.ResourceKind;
import io.drc.controller.db.RecoveryPointStore;
import io.drc.controller.db.ReplicationJobStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dry run of "replicate now": which resources a cycle would start a copy for, the calls each copy makes, and
 * every recovery point retention would delete after it, an AMI with its snapshots. Reads the store only; calls no
 * AWS API.
 */
public final class ReplicateNowPlanner {
    /** Stands for the recovery point the copy would add, in the retention forecast. */
    private static final String NEW_POINT = "(the new copy)";

    private final ReplicationContext context;
    private final ReplicationJobStore jobs;
    private final RecoveryPointStore catalog;
    private final Clock clock;

    public ReplicateNowPlanner(ReplicationContext context, ReplicationJobStore jobs, RecoveryPointStore catalog,
                              Clock clock) {
        this.context = context;
        this.jobs = jobs;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** The plan for one resource ({@code resourceId}) or, empty, for all. */
    public ReplicationRunPlan plan(Optional<String> resourceId) {
        List<ReplicationRunPlan.PlannedCopy> copies = new ArrayList<>();
        List<String> inFlight = new ArrayList<>();
        for (ProtectedResourceConfig resource : context.resources()) {
            if (resourceId.map(id -> !id.equals(resource.id())).orElse(false) || !resource.kind().hasCopies()) {
                continue;
            }
            if (jobs.activeFor(resource.id()).isPresent()) {
                inFlight.add(resource.id());
            } else {
                copies.add(copy(resource));
            }
        }
        return new ReplicationRunPlan(true, copies, inFlight);
    }

    private ReplicationRunPlan.PlannedCopy copy(ProtectedResourceConfig resource) {
        String from = context.regionOf(resource.id());
        String to = context.drRegion();
        List<String> calls = switch (resource.kind()) {
            case EC2_INSTANCE -> List.of("ec2:CreateImage in " + from, "ec2:CopyImage to " + to);
            case EBS_VOLUME -> List.of("ec2:CreateSnapshot in " + from, "ec2:CopySnapshot to " + to);
            case RDS_INSTANCE -> List.of("rds:CreateDBSnapshot in " + from, "rds:CopyDBSnapshot to " + to);
            case RDS_REPLICA -> List.of();
        };
        return new ReplicationRunPlan.PlannedCopy(resource.id(), resource.kind(), resource.resourceId(), from, to,
                calls, retentionDeletes(resource.id()));
    }

    /**
     * What RetentionPruner would delete after the copy: the same policy over today's points plus the new one; an
     * AMI with the snapshots the catalog recorded for it.
     */
    private List<ReplicationRunPlan.PlannedDeletion> retentionDeletes(String resourceId) {
        RetentionPolicy policy = context.retentionOf(resourceId);
        Instant now = clock.instant();
        List<ReplicationRunPlan.PlannedDeletion> deletes = new ArrayList<>();
        for (String region : context.regions()) {
            List<RetentionPolicy.Point> points = new ArrayList<>();
            Map<String, RecoveryPoint> known = new HashMap<>();
            catalog.live(region, resourceId).stream().filter(p -> p.state() == RecoveryPointState.COMPLETED)
                    .forEach(p -> {
                        points.add(new RetentionPolicy.Point(p.awsId(), p.sourceTime()));
                        known.put(p.awsId(), p);
                    });
            points.add(new RetentionPolicy.Point(NEW_POINT, now));
            policy.toDelete(points, now).stream().filter(p -> known.containsKey(p.awsId()))
                    .forEach(p -> deletes.add(deletion(known.get(p.awsId()))));
        }
        return deletes;
    }

    private static ReplicationRunPlan.PlannedDeletion deletion(RecoveryPoint point) {
        List<String> snapshots = point.associatedSnapshots();
        boolean unknown = point.kind() == ResourceKind.EC2_INSTANCE && snapshots == null;
        return new ReplicationRunPlan.PlannedDeletion(point.awsId(), point.region(), point.sourceTime(),
                snapshots == null ? List.of() : snapshots, unknown);
    }
}
