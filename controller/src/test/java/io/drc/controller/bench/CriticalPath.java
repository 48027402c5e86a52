package io.drc.controller.bench;

import io.drc.controller.engine.RecoveredHandler;
import io.drc.simulator.core.Timings;
import io.drc.strategies.runbook.Runbook;
import io.drc.strategies.runbook.RunbookStates;
import io.drc.strategies.runbook.State;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The lower bound of a runbook's RTO in the simulator: the longest chain of the simulator's configured durations
 * from the runbook's start to its {@code drc:execution:recovered} Task. Sequential states add, a Parallel state
 * takes its longest branch, a Choice follows its default (the normal path, as the dry run does), a Wait adds its
 * seconds; step handler calls take no simulated time. A duration is charged to the Task that waits for it:
 * {@link #WAITS} for awaits that wait for one kind of operation, and for {@code awaitAvailable} /
 * {@code awaitSnapshot} the operation that the latest earlier Task of the same branch started ({@link #STARTS}).
 */
final class CriticalPath {
    /** One charged wait: the state that waits, the simulator timing it waits for and that timing's duration. */
    record Link(String state, String timing, Duration duration) {
        @Override
        public String toString() {
            return state + " " + timing + " " + duration.toMillis() / 1000.0 + " s";
        }
    }

    /** A chain of waits and its total. */
    record Chain(Duration length, List<Link> links) {
        static final Chain EMPTY = new Chain(Duration.ZERO, List.of());

        Chain then(List<Link> more) {
            List<Link> all = new ArrayList<>(links);
            all.addAll(more);
            return new Chain(more.stream().map(Link::duration).reduce(length, Duration::plus), all);
        }
    }

    /** Awaits that always wait for the same operation. */
    static final Map<String, String> WAITS = Map.of(
            "drc:autoscaling:awaitInService", "autoscaling.instance.launch",
            "drc:elbv2:awaitHealthy", "elbv2.target.healthy",
            "drc:route53:awaitInsync", "route53.change.insync",
            "drc:rds:awaitDeleted", "rds.delete");
    /** Awaits that wait for whatever the Task before them started. */
    static final Set<String> AWAITS_STARTED = Set.of("drc:rds:awaitAvailable", "drc:rds:awaitSnapshot");
    /** Tasks that start an asynchronous operation, and its timing. */
    static final Map<String, String> STARTS = Map.of(
            "drc:rds:promoteReplica", "rds.promote",
            "drc:rds:modify", "rds.modify",
            "drc:rds:restoreLatestSnapshot", "rds.restore",
            "drc:rds:restoreSnapshot", "rds.restore",
            "drc:rds:createReplica", "rds.replica.create",
            "drc:rds:createSnapshot", "rds.snapshot.create",
            "drc:rds:copySnapshot", "rds.snapshot.copy");

    private final Timings timings;
    private final Predicate<State.Task> starts;

    /**
     * {@code starts}: whether a Task of {@link #STARTS} would start its operation here — a modify asking for the
     * class and Multi-AZ setting the database already has starts nothing to wait for.
     */
    CriticalPath(Timings timings, Predicate<State.Task> starts) {
        this.timings = timings;
        this.starts = starts;
    }

    Chain toRecovered(Runbook runbook) {
        Walk walk = walk(runbook);
        if (!walk.recovered()) {
            throw new IllegalArgumentException(runbook.source() + " has no " + RecoveredHandler.RESOURCE + " Task");
        }
        return walk.chain();
    }

    private record Walk(Chain chain, boolean recovered) { }

    private Walk walk(Runbook runbook) {
        Chain chain = Chain.EMPTY;
        String started = null;
        Set<String> seen = new HashSet<>();
        for (String name = runbook.startAt(); name != null && seen.add(name); name = next(runbook.state(name))) {
            State state = runbook.state(name);
            if (state instanceof State.Task task) {
                if (task.resource().equals(RecoveredHandler.RESOURCE)) {
                    return new Walk(chain, true);
                }
                String waitsFor = AWAITS_STARTED.contains(task.resource()) ? started : WAITS.get(task.resource());
                if (waitsFor != null) {
                    chain = chain.then(List.of(new Link(name, waitsFor, timings.of(waitsFor))));
                }
                started = STARTS.containsKey(task.resource()) && starts.test(task)
                        ? STARTS.get(task.resource()) : AWAITS_STARTED.contains(task.resource()) ? null : started;
            } else if (state instanceof State.Parallel parallel) {
                Chain longest = parallel.branches().stream().map(b -> walk(b).chain())
                        .max(Comparator.comparing(Chain::length)).orElse(Chain.EMPTY);
                chain = chain.then(longest.links());
            } else if (state instanceof State.Wait wait && wait.seconds() != null) {
                chain = chain.then(List.of(new Link(name, "Wait", Duration.ofSeconds(wait.seconds()))));
            }
        }
        return new Walk(chain, false);
    }

    private static String next(State state) {
        if (state instanceof State.Choice choice) {
            return choice.defaultNext();
        }
        if (state instanceof State.Succeed || state instanceof State.Fail) {
            return null;
        }
        return RunbookStates.transition(state).next();
    }
}
