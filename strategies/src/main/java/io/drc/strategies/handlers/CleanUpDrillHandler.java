package io.drc.strategies.handlers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drc.strategies.aws.AwsClients;
import io.drc.strategies.step.StepContext;
import io.drc.strategies.step.StepHandler;
import io.drc.strategies.step.StepParameters;
import io.drc.strategies.step.StepResult;
import io.drc.strategies.step.PlannedChange;
import io.drc.strategies.step.StepParameters.OptionalParameter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * {@code drc:drill:cleanUp}: deletes what the drill {@code drillId} made in {@code region} and waits until it is
 * gone. It finds its work only by the tag {@code drc:drill=<drillId>} ({@link DrillResources}), so it cannot delete
 * anything else — not the production replica, groups or target groups, which never carry it. Each call looks
 * first and deletes only what is not already being deleted: Auto Scaling groups (forced: their instances go with
 * them) and load balancers (their listeners go with them), then, once no drill group or load balancer is left to
 * use them (AWS answers {@code ResourceInUse} before), target groups and launch templates; DB instances without a
 * final snapshot; DB snapshots once no restore reads them. Answers Running while anything tagged remains. First of all, the drill's DNS
 * record ({@code dns}), which carries no tag: deleted exactly as read, and only when its value is this drill's load
 * balancer ({@link DrillDns}); a record of that name pointing anywhere else is left alone.
 */
public final class CleanUpDrillHandler implements StepHandler {
    /** {@code dns}, {@code loadBalancer}: the drill's DNS record and the load balancer it points at, when any. */
    public record Parameters(String region, String drillId, @OptionalParameter DrillDns dns,
                             @OptionalParameter String loadBalancer) { }

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
        Optional<ResourceRecordSet> record = drillRecord(parameters);
        record.ifPresent(r -> aws.route53().changeResourceRecordSets(c -> c.hostedZoneId(parameters.dns().hostedZoneId())
                .changeBatch(b -> b.comment("drc " + context.executionId() + " " + context.stepName())
                        .changes(Change.builder().action(ChangeAction.DELETE).resourceRecordSet(r).build()))));
        List<DrillResources.Found> left = new ArrayList<>(DrillResources.find(aws, region, drill));
        record.ifPresent(r -> left.add(DrillResources.Found.record(parameters.dns())));
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

    /** What a dry run shows: the drill's DNS record, which the drill makes and cleanup deletes; the rest is tagged. */
    @Override
    public List<PlannedChange> plan(StepContext context) {
        Parameters parameters = StepParameters.read(context, Parameters.class);
        List<PlannedChange> changes = new ArrayList<>();
        if (parameters.dns() != null && parameters.loadBalancer() != null) {
            changes.add(new PlannedChange("route53:" + parameters.dns().hostedZoneId() + ":" + parameters.dns().name(),
                    "A alias", "drill load balancer " + parameters.loadBalancer(), "(deleted: only a record whose "
                    + "value is this drill's load balancer)"));
        }
        DrillResources.find(aws, parameters.region(), parameters.drillId()).forEach(f -> changes.add(
                new PlannedChange(f.describe(), "exists", "yes", "(deleted)")));
        return changes;
    }

    private Optional<ResourceRecordSet> drillRecord(Parameters parameters) {
        if (parameters.dns() == null || parameters.loadBalancer() == null) {
            return Optional.empty();
        }
        return parameters.dns().ours(aws.route53(), parameters.loadBalancer());
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
            case LAUNCH_TEMPLATE -> {
                if (!groupsLeft) {
                    aws.ec2(region).deleteLaunchTemplate(r -> r.launchTemplateName(found.name()));
                }
            }
            case DNS_RECORD -> {
                // deleted above, before the tagged resources
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
