package io.drc.controller.api;

import java.time.Instant;
import java.util.List;

/**
 * {@code rto} in {@code GET /api/v1/status}: whether drills show the RTO target would be met now.
 *
 * @param targetSeconds    the strategy's RTO target
 * @param maxAgeSeconds    {@code drills.maxAge}: how old the last passing drill may be
 * @param lastDrill        the newest drill that passed (SUCCEEDED within the target); null when none has
 * @param predictedSeconds the predicted RTO of a failover now; null without a passing drill (or when it cannot be
 *                         predicted: {@code reason} says why)
 * @param predictedPath    how it was predicted: one line per wait on the failover's critical path
 * @param compliant        a drill passed within {@code drills.maxAge}, the newest drill with a verdict passed, and
 *                         the prediction is within the target
 * @param reason           why it is not compliant; null when it is
 */
public record RtoStatus(Integer targetSeconds, long maxAgeSeconds, LastDrill lastDrill, Double predictedSeconds,
                        List<String> predictedPath, boolean compliant, String reason) {

    /** A drill that passed, and how long ago it ended. */
    public record LastDrill(String id, Instant endedAt, Double rtoSeconds, double ageSeconds) { }
}
