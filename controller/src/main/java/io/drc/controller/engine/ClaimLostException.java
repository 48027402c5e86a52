package io.drc.controller.engine;

/**
 * A result was not stored because the daemon no longer holds the claim it was computed under: another daemon took
 * the work over (this one stalled past the liveness window). The new owner redoes the work; its handlers look
 * before they act.
 */
public final class ClaimLostException extends RuntimeException {
    public ClaimLostException(String message) {
        super(message);
    }
}
