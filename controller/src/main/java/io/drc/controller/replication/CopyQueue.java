package io.drc.controller.replication;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Pure: which queued copies may start now. At most {@code limit − inFlight} start, earliest deadline first (the
 * moment the resource's RPO reaches its target); a resource with nothing in DR yet has no deadline and goes
 * before all others; ties by the older job.
 */
public final class CopyQueue {
    private CopyQueue() {}

    /** @param deadline when the resource breaches its RPO target; null when it has no recovery point in DR */
    public record Candidate(long jobId, Instant deadline) {}

    static final Comparator<Candidate> EARLIEST_DEADLINE_FIRST = Comparator
            .comparing(Candidate::deadline, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingLong(Candidate::jobId);

    public static List<Long> admit(List<Candidate> waiting, int inFlight, int limit) {
        int free = Math.max(0, limit - inFlight);
        return order(waiting).stream().limit(free).map(Candidate::jobId).toList();
    }

    public static List<Candidate> order(List<Candidate> waiting) {
        return waiting.stream().sorted(EARLIEST_DEADLINE_FIRST).toList();
    }
}
