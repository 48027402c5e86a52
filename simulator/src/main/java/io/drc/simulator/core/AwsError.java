package io.drc.simulator.core;

/**
 * An error the simulator answers with, in the wire shape of the service that raised it.
 * Codes and HTTP statuses follow AWS's own (e.g. {@code InvalidInstanceID.NotFound}, 400).
 */
public final class AwsError extends RuntimeException {
    private final int status;
    private final String code;
    private final boolean senderFault;

    public AwsError(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
        this.senderFault = status < 500;
    }

    public static AwsError notFound(String code, String message) {
        return new AwsError(400, code, message);
    }

    public static AwsError badRequest(String code, String message) {
        return new AwsError(400, code, message);
    }

    public static AwsError missingParameter(String name) {
        return new AwsError(400, "MissingParameter", "The request must contain the parameter " + name);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public boolean senderFault() {
        return senderFault;
    }
}
