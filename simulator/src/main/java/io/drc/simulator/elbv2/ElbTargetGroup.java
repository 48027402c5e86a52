package io.drc.simulator.elbv2;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A target group and its registered targets, keyed by {@code id:port}. */
final class ElbTargetGroup implements java.io.Serializable {
    /** The health check settings, with AWS's defaults filled in. */
    record HealthCheck(String protocol, String port, String path, int intervalSeconds, int timeoutSeconds,
                       int healthyThreshold, int unhealthyThreshold) implements java.io.Serializable { }

    final String arn;
    final String name;
    final String protocol;
    final Integer port;
    final String vpcId;
    final String targetType;
    final HealthCheck healthCheck;
    final Instant createdAt;
    final Map<String, String> tags = new LinkedHashMap<>();
    final Map<String, ElbTarget> targets = new LinkedHashMap<>();

    ElbTargetGroup(String arn, String name, String protocol, Integer port, String vpcId, String targetType,
                   HealthCheck healthCheck, Instant createdAt) {
        this.arn = arn;
        this.name = name;
        this.protocol = protocol;
        this.port = port;
        this.vpcId = vpcId;
        this.targetType = targetType;
        this.healthCheck = healthCheck;
        this.createdAt = createdAt;
    }

    int portOf(Integer targetPort) {
        return targetPort != null ? targetPort : port;
    }
}
