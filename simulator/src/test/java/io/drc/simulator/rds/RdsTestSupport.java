package io.drc.simulator.rds;

import io.drc.simulator.Simulator;
import io.drc.simulator.SimulatorOptions;
import io.drc.simulator.core.ManualClock;
import io.drc.simulator.core.MetricProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBSnapshot;

/** What the RDS tests share: a simulator on a manual clock, ready instances and snapshots, ReplicaLag readings. */
final class RdsTestSupport {
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private RdsTestSupport() {
    }

    static Simulator start() {
        return Simulator.start(SimulatorOptions.defaults().withPort(0).withClock(new ManualClock(START)));
    }

    static void advance(Simulator simulator, String timingKey) {
        simulator.manualClock().advance(simulator.world().timings().of(timingKey));
    }

    /** A MySQL instance created and moved on until it is available. */
    static DBInstance availableInstance(Simulator simulator, RdsClient rds, String id) {
        rds.createDBInstance(r -> r.dbInstanceIdentifier(id).dbInstanceClass("db.t3.micro").engine("mysql")
                .allocatedStorage(20));
        advance(simulator, "rds.instance.create");
        return rds.describeDBInstances(r -> r.dbInstanceIdentifier(id)).dbInstances().get(0);
    }

    static DBSnapshot availableSnapshot(Simulator simulator, RdsClient rds, String instanceId, String snapshotId,
                                        Consumer<software.amazon.awssdk.services.rds.model.CreateDbSnapshotRequest.Builder> more) {
        rds.createDBSnapshot(r -> more.accept(r.dbInstanceIdentifier(instanceId).dbSnapshotIdentifier(snapshotId)));
        advance(simulator, "rds.snapshot.create");
        return rds.describeDBSnapshots(r -> r.dbSnapshotIdentifier(snapshotId)).dbSnapshots().get(0);
    }

    /** {@code AWS/RDS ReplicaLag} of {@code instanceId} now, as the region's metric providers answer it. */
    static Optional<Double> replicaLag(Simulator simulator, String region, String instanceId) {
        MetricProvider.MetricId metric = new MetricProvider.MetricId("AWS/RDS", "ReplicaLag",
                Map.of("DBInstanceIdentifier", instanceId));
        return simulator.world().locked(() -> simulator.world().region(region).metricProviders().stream()
                .map(p -> p.value(metric, simulator.world().now()))
                .flatMap(Optional::stream)
                .findFirst());
    }

    static void withState(Simulator simulator, String region, Consumer<RdsState> action) {
        simulator.world().locked(() -> action.accept(RdsState.of(simulator.world().region(region))));
    }

    static Duration timing(Simulator simulator, String key) {
        return simulator.world().timings().of(key);
    }
}
