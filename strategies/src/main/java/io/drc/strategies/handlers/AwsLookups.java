package io.drc.strategies.handlers;

import io.drc.strategies.step.MissingResourceException;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;

/** The describe calls several handlers share; each fails with a NotFound error naming what was missing. */
final class AwsLookups {
    private AwsLookups() {
    }

    static AutoScalingGroup group(AutoScalingClient asg, String name) {
        return asg.describeAutoScalingGroups(r -> r.autoScalingGroupNames(name)).autoScalingGroups().stream()
                .findFirst()
                .orElseThrow(() -> new MissingResourceException("Auto Scaling group '" + name + "' does not exist"));
    }

    static String targetGroupArn(ElasticLoadBalancingV2Client elb, String nameOrArn) {
        if (nameOrArn.startsWith("arn:")) {
            return nameOrArn;
        }
        return elb.describeTargetGroups(r -> r.names(nameOrArn)).targetGroups().stream().findFirst()
                .orElseThrow(() -> new MissingResourceException("target group '" + nameOrArn + "' does not exist"))
                .targetGroupArn();
    }

    static DBInstance database(RdsClient rds, String id) {
        return rds.describeDBInstances(r -> r.dbInstanceIdentifier(id)).dbInstances().stream().findFirst()
                .orElseThrow(() -> new MissingResourceException("DB instance '" + id + "' does not exist"));
    }
}
