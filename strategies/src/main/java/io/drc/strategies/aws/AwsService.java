package io.drc.strategies.aws;

import java.util.Arrays;
import java.util.Optional;

/** The AWS services drc talks to, named as they appear in configuration ({@code services: {route53: ...}}). */
public enum AwsService {
    EC2("ec2"),
    AUTO_SCALING("autoscaling"),
    ELBV2("elbv2"),
    RDS("rds"),
    ROUTE53("route53"),
    CLOUDWATCH("cloudwatch");

    private final String configName;

    AwsService(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static Optional<AwsService> fromConfigName(String name) {
        return Arrays.stream(values()).filter(s -> s.configName.equals(name)).findFirst();
    }
}
