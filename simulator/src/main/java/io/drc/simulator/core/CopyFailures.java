package io.drc.simulator.core;

import java.io.Serializable;
import java.util.Optional;

/**
 * "The next N copies into this region end in error": AWS accepts a copy and reports its failure only later, in
 * the copy's state (EBS snapshot {@code error} with StateMessage, AMI {@code failed} with StateReason, RDS
 * snapshot {@code failed}). Each kind of copy in each region has one; read and change it inside
 * {@code World.locked(...)}.
 */
public final class CopyFailures implements Serializable {
    private int remaining;
    private String reason;

    /** The next {@code count} copies end in error with {@code reason}, replacing any earlier setting. */
    public void failNext(int count, String reason) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        this.remaining = count;
        this.reason = reason;
    }

    /** Copies succeed again. */
    public void clear() {
        remaining = 0;
        reason = null;
    }

    public int remaining() {
        return remaining;
    }

    /** Called as a copy starts: the reason it will fail with, using up one failure, or empty if it succeeds. */
    public Optional<String> draw() {
        if (remaining <= 0) {
            return Optional.empty();
        }
        remaining--;
        return Optional.of(reason);
    }
}
