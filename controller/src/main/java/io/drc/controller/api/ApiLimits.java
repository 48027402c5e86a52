package io.drc.controller.api;

/** How long the API's text inputs may be (API.md "Errors"); longer is a 400 naming the field and the limit. */
public final class ApiLimits {
    /** Ids and names: strategies, regions, resources, executions. */
    public static final int ID = 128;
    /** A request's free-text reason. */
    public static final int REASON = 1000;
    /** The {@code Idempotency-Key} header, in printable ASCII characters. */
    public static final int IDEMPOTENCY_KEY = 200;
    /** A request body, after gzip is undone; longer is a 413. */
    public static final int BODY_BYTES = 64 * 1024;

    private ApiLimits() {}
}
