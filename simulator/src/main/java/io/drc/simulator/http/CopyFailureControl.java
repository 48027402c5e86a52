package io.drc.simulator.http;

import io.drc.simulator.core.CopyFailures;
import io.drc.simulator.core.RegionState;
import io.drc.simulator.core.World;
import io.drc.simulator.ec2.Ec2State;
import io.drc.simulator.rds.RdsState;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * {@code POST /_sim/copy-failures {"region": "us-west-2", "kind": "ebs-snapshot", "count": 1, "reason": "..."}}:
 * the next {@code count} copies of that kind into that region are accepted and end in error, as AWS shows it
 * (EBS snapshot {@code error} + StateMessage, AMI {@code failed} + StateReason, RDS snapshot {@code failed}).
 * {@code DELETE /_sim/copy-failures} lets every copy succeed again.
 */
final class CopyFailureControl {
    /** The body of a POST; {@code count} defaults to 1, {@code reason} to a message naming the simulator. */
    record Request(String region, String kind, Integer count, String reason) { }

    private static final Map<String, Function<RegionState, CopyFailures>> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put("ebs-snapshot", region -> Ec2State.of(region).snapshotCopyFailures());
        KINDS.put("ami", region -> Ec2State.of(region).imageCopyFailures());
        KINDS.put("rds-snapshot", region -> RdsState.of(region).snapshotCopyFailures());
    }

    private final World world;

    CopyFailureControl(World world) {
        this.world = world;
    }

    Map<String, Object> failNext(Request request) {
        if (request.region() == null || request.region().isBlank()) {
            throw new IllegalArgumentException("'region' is required: the destination region of the copies, "
                    + "e.g. \"us-west-2\"");
        }
        Function<RegionState, CopyFailures> kind = KINDS.get(request.kind());
        if (kind == null) {
            throw new IllegalArgumentException("'kind' must be one of " + KINDS.keySet() + ", got " + request.kind());
        }
        int count = request.count() == null ? 1 : request.count();
        if (count < 1) {
            throw new IllegalArgumentException("'count' must be at least 1 (the number of copies that fail), got "
                    + count);
        }
        String reason = request.reason() != null ? request.reason()
                : "copy failed (simulated by /_sim/copy-failures)";
        world.locked(() -> kind.apply(world.region(request.region())).failNext(count, reason));
        return Map.of("region", request.region(), "kind", request.kind(), "count", count, "reason", reason);
    }

    /** Every region's remaining failures, by kind, after clearing them all. */
    Map<String, Object> clear() {
        return world.locked(() -> {
            Map<String, Object> cleared = new TreeMap<>();
            world.regions().forEach((name, region) -> KINDS.forEach((kindName, kind) -> {
                CopyFailures failures = kind.apply(region);
                if (failures.remaining() > 0) {
                    cleared.put(name + "/" + kindName, failures.remaining());
                }
                failures.clear();
            }));
            return Map.of("cleared", cleared);
        });
    }
}
