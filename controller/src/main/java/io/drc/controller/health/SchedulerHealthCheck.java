package io.drc.controller.health;

import com.codahale.metrics.health.HealthCheck;
import io.drc.controller.cluster.ClusterMembership;
import io.drc.controller.cluster.ClusterSnapshot;
import io.drc.controller.cluster.Holdings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code scheduler} (API.md): can this daemon take work, and is any work stalled? Unhealthy while a step or a
 * replication job is held by a dead daemon (until a live one takes it over) or held past its lease
 * ({@code engine.lease}, {@code replication.lease}) by a live one, while this daemon's own heartbeat is late or its
 * node id was taken by another process, and while one of its Quartz schedulers (replication schedules,
 * {@code drills.schedule}) does not run.
 */
public final class SchedulerHealthCheck extends HealthCheck {
    public static final String NAME = "scheduler";

    private final ClusterMembership membership;
    private final List<Supplier<Optional<String>>> quartzProblems;

    /** {@code quartzProblems}: per Quartz scheduler this daemon runs, why it does not run, empty when it does. */
    public SchedulerHealthCheck(ClusterMembership membership, List<Supplier<Optional<String>>> quartzProblems) {
        this.membership = membership;
        this.quartzProblems = List.copyOf(quartzProblems);
    }

    @Override
    protected Result check() {
        List<String> problems = new ArrayList<>();
        if (membership.superseded()) {
            problems.add("this daemon's node id " + membership.nodeId() + " was registered by another process: it "
                    + "takes no work; give every daemon its own cluster.nodeId");
        } else if (!membership.mayClaim()) {
            problems.add("this daemon's heartbeat is late: it takes no work until it is renewed");
        }
        ClusterSnapshot cluster = membership.snapshot();
        Holdings holdings = membership.holdings();
        for (Holdings.HeldStep step : holdings.steps()) {
            cluster.stall("step " + step.step() + " of execution " + step.executionId(), step.owner(),
                    step.claimedAt(), step.overdueAt(), "engine.lease").ifPresent(problems::add);
        }
        for (Holdings.HeldJob job : holdings.jobs()) {
            cluster.stall("replication job " + job.jobId() + " of " + job.resource() + " (" + job.step() + ")",
                    job.owner(), job.claimedAt(), job.overdueAt(), "replication.lease").ifPresent(problems::add);
        }
        quartzProblems.forEach(quartz -> quartz.get().ifPresent(problems::add));
        if (!problems.isEmpty()) {
            return Result.unhealthy(String.join("; ", problems));
        }
        List<String> alive = cluster.alive().stream()
                .map(n -> n.nodeId() + (n.ownerTag().equals(cluster.self()) ? " (this daemon)" : "")).toList();
        long mine = holdings.steps().stream().filter(s -> s.owner().equals(cluster.self())).count()
                + holdings.jobs().stream().filter(j -> j.owner().equals(cluster.self())).count();
        return Result.healthy(alive.size() + " live daemon(s): " + String.join(", ", alive) + "; this one holds "
                + mine + " step(s) and job(s); nothing stalled");
    }
}
