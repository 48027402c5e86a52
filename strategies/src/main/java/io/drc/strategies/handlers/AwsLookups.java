package io.drc.strategies.handlers;

import io.drc.strategies.step.MissingResourceException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.DbSnapshotNotFoundException;
import software.amazon.awssdk.services.rds.model.Tag;

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
        try {
            return elb.describeTargetGroups(r -> r.names(nameOrArn)).targetGroups().get(0).targetGroupArn();
        } catch (TargetGroupNotFoundException e) {
            // AWS's message does not say which of the names it did not find
            throw new MissingResourceException("target group '" + nameOrArn + "' does not exist");
        }
    }

    static DBInstance database(RdsClient rds, String id) {
        return rds.describeDBInstances(r -> r.dbInstanceIdentifier(id)).dbInstances().stream().findFirst()
                .orElseThrow(() -> new MissingResourceException("DB instance '" + id + "' does not exist"));
    }

    /** The DB instance, or empty when RDS answers DBInstanceNotFound: how handlers look before they act. */
    static Optional<DBInstance> findDatabase(RdsClient rds, String id) {
        try {
            return rds.describeDBInstances(r -> r.dbInstanceIdentifier(id)).dbInstances().stream().findFirst();
        } catch (DbInstanceNotFoundException e) {
            return Optional.empty();
        }
    }

    static DBSnapshot dbSnapshot(RdsClient rds, String id) {
        return findDbSnapshot(rds, id)
                .orElseThrow(() -> new MissingResourceException("DB snapshot '" + id + "' does not exist"));
    }

    static Optional<DBSnapshot> findDbSnapshot(RdsClient rds, String id) {
        try {
            return rds.describeDBSnapshots(r -> r.dbSnapshotIdentifier(id)).dbSnapshots().stream().findFirst();
        } catch (DbSnapshotNotFoundException e) {
            return Optional.empty();
        }
    }

    static Map<String, String> tags(List<Tag> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        tags.forEach(t -> out.put(t.key(), t.value()));
        return out;
    }
}
