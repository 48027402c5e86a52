package io.drc.strategies.handlers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drc.strategies.aws.AwsClients;
import io.drc.strategies.step.StepContext;
import io.drc.strategies.step.StepHandler;
import io.drc.strategies.step.StepParameters;
import io.drc.strategies.step.StepResult;
import java.time.Duration;
import java.util.List;

/**
 * {@code drc:drill:cleanUp}: deletes what the drill {@code drillId} made in {@code region} and waits until it is
 * gone. It finds its work only by the tag {@code drc:drill=<drillId>} ({@link DrillResources}), so it cannot delete
 * anything else — not the production replica, groups or target groups, which never carry it. Each call looks
 * first and deletes only what is not already being deleted: Auto Scaling groups (forced: their instances go with
 * them) and load balancers (their listeners go with them), then, once no drill group or load balancer is left to
 * use them (AWS answers {@code ResourceInUse} before), target groups; DB instances without a final snapshot; DB
 * snapshots once no restore reads them. Answers Running while anything tagged remains.
 */
public final class CleanUpDrillHandler implements StepHandler {
    public record Parameters(String region, String drillId) { }

    static final Duration POLL = Duration.ofSeconds(10);
    private final AwsClients aws;

    public CleanUpDrillHandler(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public Class<Parameters> parameterType() {
        return Parameters.class;
    }

    @Override
    public String resource() {
        return "drc:drill:cleanUp";
    }

    @Override
    public StepResult execute(StepContext context) {
        Parameters parameters = StepParameters.read(context, Parameters.class);
        String region = parameters.region();
        String drill = parameters.drillId();
        List<DrillResources.Found> left = DrillResources.find(aws, region, drill);
        if (left.isEmpty()) {
            return new StepResult.Succeeded(JsonNodeFactory.instance.objectNode().put("region", region)
                    .put("drillId", drill));
        }
        boolean groupsLeft = left.stream().anyMatch(f -> f.kind() == DrillResources.Kind.AUTO_SCALING_GROUP
                || f.kind() == DrillResources.Kind.LOAD_BALANCER);
        boolean databasesBusy = left.stream().anyMatch(f -> f.kind() == DrillResources.Kind.DB_INSTANCE
                && !"available".equals(f.state()) && !"deleting".equals(f.state()));
        for (DrillResources.Found found : left) {
            delete(region, found, groupsLeft, databasesBusy);
        }
        ArrayNode waiting = JsonNodeFactory.instance.arrayNode();
        left.forEach(f -> waiting.add(f.describe()));
        ObjectNode checkpoint = JsonNodeFactory.instance.objectNode();
        checkpoint.set("waitingFor", waiting);
        return new StepResult.Running(POLL, checkpoint);
    }

    private void delete(String region, DrillResources.Found found, boolean groupsLeft, boolean databasesBusy) {
        switch (found.kind()) {
            case AUTO_SCALING_GROUP -> {
                if (!"Delete in progress".equals(found.state())) {
                    aws.autoScaling(region).deleteAutoScalingGroup(r -> r.autoScalingGroupName(found.id())
                            .forceDelete(true));
                }
            }
            case LOAD_BALANCER -> aws.elbv2(region).deleteLoadBalancer(r -> r.loadBalancerArn(found.id()));
            case TARGET_GROUP -> {
                if (!groupsLeft) {
                    aws.elbv2(region).deleteTargetGroup(r -> r.targetGroupArn(found.id()));
                }
            }
            case DB_INSTANCE -> {
                if ("available".equals(found.state())) {
                    aws.rds(region).deleteDBInstance(r -> r.dbInstanceIdentifier(found.id()).skipFinalSnapshot(true)
                            .deleteAutomatedBackups(true));
                }
            }
            case DB_SNAPSHOT -> {
                // a restore still reading the snapshot, or a snapshot still being taken, is deleted on a later call
                if ("available".equals(found.state()) && !databasesBusy) {
                    aws.rds(region).deleteDBSnapshot(r -> r.dbSnapshotIdentifier(found.id()));
                }
            }
        }
    }
}
