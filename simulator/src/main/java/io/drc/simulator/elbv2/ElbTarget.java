package io.drc.simulator.elbv2;

/**
 * A registered target. Its health checks run while its group is in use by an active load balancer: it is
 * {@code initial} until they have run for {@code elbv2.target.healthy}, then healthy or unhealthy by its
 * instance's state; {@code draining} for {@code elbv2.target.draining} after deregistration, then gone.
 */
final class ElbTarget {
    final String id;
    final int port;
    /** Health checks are running: the group is in use by an active load balancer. */
    boolean checking;
    /** They have run long enough to decide healthy or unhealthy. */
    boolean checked;
    /** Counts starts and stops of the checks, so that a "checked" due from an earlier start is ignored. */
    int round;
    boolean draining;

    ElbTarget(String id, int port) {
        this.id = id;
        this.port = port;
    }

    static String key(String id, int port) {
        return id + ":" + port;
    }
}
