package io.drc.controller.replication;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Pure: one copy group's plan (the copies one destination region's quota admits together). It simulates the
 * earliest-deadline-first queue through the group's slots — the copies in flight until they are expected done,
 * the jobs already started, then every idle resource as if started now — and from it decides:
 *
 * <ul>
 *   <li>which idle resources start now: those whose copy, given the queue ahead of them, would otherwise complete
 *       later than {@code margin} before their deadline (the moment their RPO reaches the target), and whose slot is
 *       free by the time their source would be ready (started any earlier, the source would only age waiting for a
 *       slot: its copy could not complete sooner);</li>
 *   <li>when each resource's next copy is predicted to complete, hence its predicted RPO;</li>
 *   <li>when the next idle resource is due to start (for the ticker to wake then).</li>
 * </ul>
 *
 * With {@code startIdle} false (cron scheduling) nothing starts; idle resources are predicted from their next
 * cron firing ({@link Candidate#readyAt}).
 */
public final class DeadlinePlan {
    private DeadlinePlan() {}

    /**
     * A resource in the plan: a copy in flight ({@code inFlight}: {@code readyAt} is when it is expected done), a job
     * started but not copying yet ({@code readyAt}: when its source is expected ready), or an idle resource
     * ({@code readyAt}: when its source would be ready if started now, or after its next cron firing).
     *
     * @param deadline when the resource's RPO reaches its target; null when it has no recovery point in DR
     * @param floor    when an idle resource's next copy should complete by its schedule's floor (null: no floor).
     *                 It only makes the resource start earlier where a slot allows: the queue is ordered by the
     *                 targets' deadlines, so a floor never delays a copy some target needs.
     */
    public record Candidate(String resourceId, State state, Instant deadline, Instant readyAt, Duration source,
                            Duration copy, Instant floor) {
        /** A candidate without a floor. */
        public Candidate(String resourceId, State state, Instant deadline, Instant readyAt, Duration source,
                         Duration copy) {
            this(resourceId, state, deadline, readyAt, source, copy, null);
        }

        /** What the resource's start is planned against: the earlier of its deadline and its floor. */
        Instant due() {
            return deadline == null || floor == null || deadline.isBefore(floor) ? deadline : floor;
        }
    }

    public enum State { IN_FLIGHT, STARTED, IDLE }

    /**
     * @param startNow     the idle resources to start now
     * @param predictedDone when each resource's next copy is predicted to complete
     * @param nextStart    when the next idle resource not started now is due to start (null: none planned)
     */
    public record Result(List<String> startNow, Map<String, Instant> predictedDone, Instant nextStart) {}

    static final Comparator<Candidate> EARLIEST_DEADLINE_FIRST = Comparator
            .comparing(Candidate::deadline, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Candidate::resourceId);

    public static Result plan(List<Candidate> candidates, int slots, Instant now, Duration margin, boolean startIdle) {
        PriorityQueue<Instant> free = new PriorityQueue<>();
        Map<String, Instant> done = new HashMap<>();
        List<Candidate> waiting = new ArrayList<>();
        for (Candidate c : candidates) {
            if (c.state() == State.IN_FLIGHT) {
                Instant at = later(now, c.readyAt());
                done.put(c.resourceId(), at);
                free.add(at);
            } else {
                waiting.add(c);
            }
        }
        while (free.size() > slots) {
            free.poll(); // more in flight than slots (another daemon, a lowered quota): the latest ones decide
        }
        while (free.size() < slots) {
            free.add(now);
        }
        waiting.sort(EARLIEST_DEADLINE_FIRST);
        List<String> startNow = new ArrayList<>();
        Instant nextStart = null;
        for (Candidate c : waiting) {
            Instant slot = free.poll();
            Instant copyStart = later(c.readyAt(), slot);
            // Front-loaded: as if everything waiting started now, earliest deadline first. The wait this gives a
            // resource is the longest the queue ahead of it can make it wait, so its latest start is safe.
            Instant finish = copyStart.plus(c.copy());
            Instant predicted = finish;
            if (c.state() == State.IDLE && startIdle) {
                Instant latestStart = c.due() == null ? now
                        : now.plus(Duration.between(finish, c.due().minus(margin)));
                Instant slotLead = copyStart.minus(c.source()).minus(lead(c.source()));
                Instant startAt = later(latestStart, slotLead);
                if (!startAt.isAfter(now)) {
                    startNow.add(c.resourceId());
                } else {
                    nextStart = nextStart == null || startAt.isBefore(nextStart) ? startAt : nextStart;
                    // Started later, its copy completes later than the front-loaded simulation says.
                    predicted = later(finish, startAt.plus(c.source()).plus(c.copy()));
                }
            }
            done.put(c.resourceId(), predicted);
            free.add(finish);
        }
        return new Result(startNow, done, nextStart);
    }

    /** How long before its slot a source is started: a little slack for the tick that notices it ready. */
    static Duration lead(Duration source) {
        return Duration.ofMillis(1000 + source.toMillis() / 10);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
