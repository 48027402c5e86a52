package io.drc.controller.rto;

import io.drc.controller.engine.RecoveredHandler;
import io.drc.strategies.runbook.Runbook;
import io.drc.strategies.runbook.RunbookStates;
import io.drc.strategies.runbook.State;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The longest chain of asynchronous AWS operations from a runbook's start to its {@code drc:execution:recovered}
 * Task, each charged a duration by a function of its operation name: the simulator's configured durations give the
 * RTO benchmark's lower bound, a drill's measured ones the predicted RTO ({@link PredictedRto}). Sequential states
 * add, a Parallel state takes its longest branch, a Choice follows its default (the normal path, as the dry run
 * does), a Wait adds its seconds; step handler calls take no time. A duration is charged to the Task that waits for
 * it: {@link #WAITS} for awaits that wait for one kind of operation, and for {@code awaitAvailable} /
 * {@code awaitSnapshot} the operation that the latest earlier Task of the same branch started ({@link #STARTS}).
 * Operation names are the simulator's timing names ({@code rds.promote}, {@code route53.change.insync}, …).
 */
public final class CriticalPath {
    /** One charged wait: the state that waits, the operation it waits for and that operation's duration. */
    public record Link(String state, String operation, Duration duration) {
        @Override
        public String toString() {
            return state + " " + operation + " " + duration.toMillis() / 1000.0 + " s";
        }
    }

    /** A chain of waits and its total. */
    public record Chain(Duration length, List<Link> links) {
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
    /** Tasks that start an asynchronous operation, and its operation name. */
    static final Map<String, String> STARTS = Map.of(
            "drc:rds:promoteReplica", "rds.promote",
            "drc:rds:modify", "rds.modify",
            "drc:rds:restoreLatestSnapshot", "rds.restore",
            "drc:rds:restoreSnapshot", "rds.restore",
            "drc:rds:createReplica", "rds.replica.create",
            "drc:rds:createSnapshot", "rds.snapshot.create",
            "drc:rds:copySnapshot", "rds.snapshot.copy");

    private final Function<String, Duration> durations;
    private final Predicate<State.Task> starts;

    /**
     * {@code durations}: how long an operation takes; {@code starts}: whether a Task of {@link #STARTS} would start
     * its operation here — a modify asking for the class and Multi-AZ setting the database already has starts
     * nothing to wait for.
     */
    public CriticalPath(Function<String, Duration> durations, Predicate<State.Task> starts) {
        this.durations = durations;
        this.starts = starts;
    }

    /** The longest chain to the recovered mark; a runbook without one is refused. */
    public Chain toRecovered(Runbook runbook) {
        Walk walk = walk(runbook, new LinkedHashMap<>());
        if (!walk.recovered()) {
            throw new IllegalArgumentException(runbook.source() + " has no " + RecoveredHandler.RESOURCE + " Task");
        }
        return walk.chain();
    }

    /**
     * Every state before the recovered mark that waits for an operation, in every branch (not only the longest),
     * with the operation it waits for: how a drill's measured step durations are read as operation durations.
     */
    public static Map<String, String> waits(Runbook runbook) {
        Map<String, String> waits = new LinkedHashMap<>();
        new CriticalPath(operation -> Duration.ZERO, task -> true).walk(runbook, waits);
        return waits;
    }

    private record Walk(Chain chain, boolean recovered) { }

    private Walk walk(Runbook runbook, Map<String, String> waits) {
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
                    waits.put(name, waitsFor);
                    chain = chain.then(List.of(new Link(name, waitsFor, durations.apply(waitsFor))));
                }
                started = STARTS.containsKey(task.resource()) && starts.test(task)
                        ? STARTS.get(task.resource()) : AWAITS_STARTED.contains(task.resource()) ? null : started;
            } else if (state instanceof State.Parallel parallel) {
                Chain longest = parallel.branches().stream().map(b -> walk(b, waits).chain())
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
