package io.drc.strategies.step;

/** A resource a step needs does not exist; reported as {@code Drc.NotFound}, like AWS's own NotFound errors. */
public final class MissingResourceException extends RuntimeException {
    public MissingResourceException(String message) {
        super(message);
    }
}
