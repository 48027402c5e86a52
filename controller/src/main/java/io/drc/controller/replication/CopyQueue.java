package io.drc.controller.replication;

import java.util.Comparator;
import java.util.List;

/**
 * Pure: which queued copies may start now. At most {@code limit − inFlight} start; the ones nearest to
 * breaching their RPO target go first (highest {@link Candidate#urgency()}), ties by the older job.
 */
public final class CopyQueue {
    private CopyQueue() {}

    /**
     * @param urgency the resource's RPO now ÷ its target (1.0 = at the target); {@code +∞} when it has no
     *                recovery point in the DR region at all
     */
    public record Candidate(long jobId, double urgency) {}

    static final Comparator<Candidate> MOST_URGENT_FIRST = Comparator.comparingDouble(Candidate::urgency).reversed()
            .thenComparingLong(Candidate::jobId);

    public static List<Long> admit(List<Candidate> waiting, int inFlight, int limit) {
        int free = Math.max(0, limit - inFlight);
        return waiting.stream().sorted(MOST_URGENT_FIRST).limit(free).map(Candidate::jobId).toList();
    }
}
