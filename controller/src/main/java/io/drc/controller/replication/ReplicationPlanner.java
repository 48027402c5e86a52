package io.drc.controller.replication;

import io.drc.controller.api.RecoveryPoint;
import io.drc.controller.config.ProtectedResourceConfig;
import io.drc.controller.config.ReplicationConfig;
import io.drc.controller.db.ReplicationJobStore;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.quartz.CronExpression;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link DeadlinePlan} of every copy group from what is known now: the jobs in flight and queued, each
 * resource's newest DR point (its deadline), the learned durations and the quotas. With deadline scheduling it
 * starts the resources whose RPO would otherwise breach (predictive start); with either scheduling it keeps each
 * resource's predicted RPO: the RPO it will have reached when its next copy completes.
 *
 * <p>With deadline scheduling a resource's schedule is a floor, "a recovery point at least every period" (the gap
 * between the schedule's next two firings): its next copy should complete one period after its newest point's
 * source time, plus a source and a copy ({@link DeadlinePlan.Candidate#floor}). The floor goes through the plan
 * behind the targets, so its copies start just in time for their slots and never before a copy a target needs.
 * Starting every resource at the schedule's firing, as cron scheduling does, made 10,000 snapshots in one burst
 * (4,425 CreateSnapshot calls in 30 s, what EC2's request-rate token buckets throttle), whose sources then aged for
 * up to an hour waiting for the 20 copy slots.
 */
public final class ReplicationPlanner {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicationPlanner.class);

    private final ReplicationContext context;
    private final ReplicationJobStore jobs;
    private final NewestRecoveryPoints newest;
    private final CopyDurations durations;
    private final ReplicationConfig settings;
    private final Function<String, String> scheduleOf;
    private final ReplicationEngine engine;
    private final Clock clock;
    private final Map<String, Instant> predictedDone = new ConcurrentHashMap<>();
    private volatile Instant nextStart;

    public ReplicationPlanner(ReplicationContext context, ReplicationJobStore jobs, NewestRecoveryPoints newest,
                              CopyDurations durations, ReplicationConfig settings, Function<String, String> scheduleOf,
                              ReplicationEngine engine, Clock clock) {
        this.context = context;
        this.jobs = jobs;
        this.newest = newest;
        this.durations = durations;
        this.settings = settings;
        this.scheduleOf = scheduleOf;
        this.engine = engine;
        this.clock = clock;
    }

    public boolean startsCopies() {
        return settings.scheduling() == ReplicationConfig.Scheduling.DEADLINE;
    }

    /** Plans every copy group; starts what is due (deadline scheduling, not while replication is paused). */
    public List<ReplicationJob> plan() {
        Instant now = clock.instant();
        boolean start = startsCopies() && engine.pausedReason().isEmpty();
        Map<String, ReplicationJob> active = new HashMap<>();
        jobs.active().forEach(j -> active.put(j.resourceId(), j));
        Map<CopyGroup, List<DeadlinePlan.Candidate>> byGroup = new EnumMap<>(CopyGroup.class);
        Map<String, Instant> fires = new HashMap<>();
        Map<String, Duration> floors = new HashMap<>();
        for (ProtectedResourceConfig resource : context.resources()) {
            CopyGroup.of(resource.kind()).ifPresent(group -> byGroup.computeIfAbsent(group, g -> new ArrayList<>())
                    .add(candidate(resource, active.get(resource.id()), now, start, fires, floors)));
        }
        List<String> toStart = new ArrayList<>();
        Instant next = null;
        Duration margin = settings.deadlineMargin().toJavaDuration();
        for (Map.Entry<CopyGroup, List<DeadlinePlan.Candidate>> group : byGroup.entrySet()) {
            DeadlinePlan.Result result = DeadlinePlan.plan(group.getValue(),
                    group.getKey().limit(settings.maxConcurrentCopies()), now, margin, start);
            toStart.addAll(result.startNow());
            predictedDone.putAll(result.predictedDone());
            if (result.nextStart() != null && (next == null || result.nextStart().isBefore(next))) {
                next = result.nextStart();
            }
        }
        nextStart = next;
        if (toStart.isEmpty()) {
            return List.of();
        }
        LOG.debug("deadline plan: {} resource(s) start now", toStart.size());
        return engine.startCycle(toStart);
    }

    private DeadlinePlan.Candidate candidate(ProtectedResourceConfig resource, ReplicationJob job, Instant now,
                                             boolean start, Map<String, Instant> fires, Map<String, Duration> floors) {
        Duration source = durations.expected(resource.kind(), CopyDurations.Phase.SOURCE, resource.id());
        Duration copy = durations.expected(resource.kind(), CopyDurations.Phase.COPY, resource.id());
        Optional<Instant> sourceTime = newest.of(resource.id()).map(RecoveryPoint::sourceTime);
        Instant deadline = sourceTime.map(t -> t.plusSeconds(resource.rpoTargetSeconds())).orElse(null);
        if (job == null) {
            Instant startAt = start ? now : fires.computeIfAbsent(scheduleOf.apply(resource.id()), c -> nextFire(c, now));
            Instant floor = start ? sourceTime.map(t -> t.plus(floors.computeIfAbsent(scheduleOf.apply(resource.id()),
                    c -> period(c, now))).plus(source).plus(copy)).orElse(null) : null;
            return new DeadlinePlan.Candidate(resource.id(), DeadlinePlan.State.IDLE, deadline,
                    startAt.plus(source), source, copy, floor);
        }
        Instant due = job.nextAttemptAt() == null || job.nextAttemptAt().isBefore(now) ? now : job.nextAttemptAt();
        return switch (job.step()) {
            case AWAIT_COPY -> new DeadlinePlan.Candidate(resource.id(), DeadlinePlan.State.IN_FLIGHT, deadline, due,
                    source, copy);
            case TAG_COPY, UPDATE_LAUNCH_TEMPLATES, DONE, FAILED -> new DeadlinePlan.Candidate(resource.id(),
                    DeadlinePlan.State.IN_FLIGHT, deadline, now, source, Duration.ZERO);
            case CREATE_SOURCE -> new DeadlinePlan.Candidate(resource.id(), DeadlinePlan.State.STARTED, deadline,
                    due.plus(source), source, copy);
            case AWAIT_SOURCE, COPY -> new DeadlinePlan.Candidate(resource.id(), DeadlinePlan.State.STARTED, deadline,
                    due, source, copy);
        };
    }

    /** The gap between the cron's next two firings after {@code now}: the floor's period (far away if it never fires). */
    static Duration period(String cron, Instant now) {
        Instant next = nextFire(cron, now);
        return Duration.between(next, nextFire(cron, next));
    }

    /** The cron's next firing after {@code now} (UTC, as Quartz fires it); far away if it never fires. */
    static Instant nextFire(String cron, Instant now) {
        try {
            CronExpression expression = new CronExpression(cron);
            expression.setTimeZone(TimeZone.getTimeZone("UTC"));
            Date next = expression.getNextValidTimeAfter(Date.from(now));
            return next == null ? now.plus(Duration.ofDays(3650)) : next.toInstant();
        } catch (ParseException e) {
            return now.plus(Duration.ofDays(3650));
        }
    }

    /** When the next idle resource is planned to start (the ticker wakes then); empty when none is planned. */
    public Optional<Instant> nextStart() {
        return Optional.ofNullable(nextStart);
    }

    /**
     * The RPO the resource is predicted to reach when its next copy completes, in seconds: the predicted completion
     * minus the source time of its newest DR point. Null while it has no point in DR, or for a read replica.
     */
    public Double predictedRpoSeconds(String resourceId) {
        Instant done = predictedDone.get(resourceId);
        Optional<RecoveryPoint> point = newest.of(resourceId);
        if (done == null || point.isEmpty()) {
            return null;
        }
        return Duration.between(point.get().sourceTime(), done).toMillis() / 1000.0;
    }

    /** When the resource's next copy is predicted to complete (the benchmark compares it with what happens). */
    public Optional<Instant> predictedDone(String resourceId) {
        return Optional.ofNullable(predictedDone.get(resourceId));
    }
}
