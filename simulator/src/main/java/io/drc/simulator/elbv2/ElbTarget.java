package io.drc.simulator.elbv2;

/**
 * A registered target: {@code initial} until its health checks have run for {@code elbv2.target.healthy},
 * then healthy or unhealthy by its instance's state; {@code draining} for {@code elbv2.target.draining} after
 * deregistration, then gone.
 */
final class ElbTarget implements java.io.Serializable {
    final String id;
    final int port;
    boolean checked;
    boolean draining;

    ElbTarget(String id, int port) {
        this.id = id;
        this.port = port;
    }

    static String key(String id, int port) {
        return id + ":" + port;
    }
}
