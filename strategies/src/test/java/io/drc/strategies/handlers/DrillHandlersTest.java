package io.drc.strategies.handlers;

import static io.drc.strategies.handlers.HandlerFixture.EXECUTION;
import static io.drc.strategies.handlers.HandlerFixture.params;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drc.simulator.core.Journal;
import io.drc.strategies.aws.DrcTags;
import io.drc.strategies.step.StepResult;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;

/**
 * A drill's own handlers on the demo application: the web tier's copies are made next to DR's without touching
 * it, and cleanup and sweep see only what carries this drill's {@code drc:drill} tag.
 */
class DrillHandlersTest {
    private static final String TAGS = "{'drc:managed-by': 'drc', 'drc:application': 'shop', 'drc:drill': '"
            + EXECUTION + "'}";
    private static final String WEB_TIER = "{'region': 'us-west-2', 'tags': " + TAGS + ","
            + " 'groups': [{'name': 'drc-drill-7f3e9a2c-web', 'min': 2, 'desired': 2, 'max': 8}], 'fromGroups': ['web'],"
            + " 'targetGroups': ['drc-drill-7f3e9a2c-tg1'], 'fromTargetGroups': ['web-tg']}";
    private static final JsonNode DRILL = params("{'region': 'us-west-2', 'drillId': '" + EXECUTION + "'}");
    private final HandlerFixture f = HandlerFixture.demo();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void makesTheWebTierCopyOnceAndItServesWithoutTouchingDrsOwn() {
        var create = new CreateDrillWebTierHandler(f.aws);
        f.succeeds(create, params(WEB_TIER));
        f.succeeds(create, params(WEB_TIER));
        assertThat(f.mutating("CreateAutoScalingGroup")).as("looked before acting").hasSize(1);
        assertThat(f.mutating("CreateTargetGroup")).hasSize(1);
        assertThat(f.mutating("CreateLoadBalancer")).as("the copy is fronted like DR's web-tg").hasSize(1);
        assertThat(f.mutating("CreateListener")).hasSize(1);
        assertThat(f.allMutating()).allSatisfy(c -> assertThat(c.params().values())
                .anySatisfy(v -> assertThat(v).contains("drc-drill-7f3e9a2c-")));

        AutoScalingGroup copy = group("drc-drill-7f3e9a2c-web");
        assertThat(copy.desiredCapacity()).isEqualTo(2);
        assertThat(copy.launchTemplate().launchTemplateName()).as("what DR's group launches")
                .isEqualTo(group("web").launchTemplate().launchTemplateName());
        assertThat(copy.tags()).anySatisfy(t -> assertThat(t.key() + "=" + t.value())
                .isEqualTo(DrcTags.DRILL + "=" + EXECUTION));
        String copies = "{'region': 'us-west-2',"
                + " 'groups': [{'name': 'drc-drill-7f3e9a2c-web', 'min': 2, 'desired': 2, 'max': 8}]";
        f.awaitSuccess(new AwaitGroupsInServiceHandler(f.aws), params(copies + "}"), 100);
        f.awaitSuccess(new AwaitHealthyTargetsHandler(f.aws),
                params(copies + ", 'targetGroups': ['drc-drill-7f3e9a2c-tg1']}"), 100);
        assertThat(group("web").desiredCapacity()).as("DR's own group unchanged").isZero();
    }

    /**
     * Backup-restore: the drill group launches what the failover's useLatestImage would make DR launch (DR's template,
     * default version, with the newest DR AMI) from a drill template, while DR's template stays on its old image;
     * cleanup deletes the drill template once the group is gone, by name.
     */
    @Test
    void aBackupRestoreDrillLaunchesTheNewestDrAmiFromADrillTemplateThatCleanUpDeletes() {
        f.drImage("web-1", "web", "2026-01-01T00:00:00Z");
        String newest = f.drImage("web-2", "web", "2026-01-01T01:00:00Z");
        @SuppressWarnings("resource") // closed with the fixture's simulator
        var ec2 = f.clients.ec2("us-west-2");
        String before = ec2.describeLaunchTemplateVersions(r -> r.launchTemplateName("web-lt").versions("$Default"))
                .launchTemplateVersions().get(0).launchTemplateData().imageId();
        JsonNode backupRestore = params(WEB_TIER.substring(0, WEB_TIER.length() - 1) + ", 'imageFrom': 'web'}");
        var create = new CreateDrillWebTierHandler(f.aws);
        f.succeeds(create, backupRestore);
        f.succeeds(create, backupRestore);

        assertThat(f.mutating("CreateLaunchTemplate")).as("looked before acting").hasSize(1);
        var template = ec2.describeLaunchTemplateVersions(r -> r.launchTemplateName("drc-drill-7f3e9a2c-web")
                .versions("$Default")).launchTemplateVersions().get(0).launchTemplateData();
        assertThat(template.imageId()).isEqualTo(newest).isNotEqualTo(before);
        assertThat(template.instanceType()).as("the rest as DR's default version").isEqualTo(
                ec2.describeLaunchTemplateVersions(r -> r.launchTemplateName("web-lt").versions("$Default"))
                        .launchTemplateVersions().get(0).launchTemplateData().instanceType());
        assertThat(group("drc-drill-7f3e9a2c-web").launchTemplate().launchTemplateName())
                .isEqualTo("drc-drill-7f3e9a2c-web");
        assertThat(ec2.describeLaunchTemplateVersions(r -> r.launchTemplateName("web-lt").versions("$Default"))
                .launchTemplateVersions().get(0).launchTemplateData().imageId()).as("DR's template unchanged")
                .isEqualTo(before);
        assertThat(f.allMutating()).allSatisfy(c -> assertThat(c.params().values())
                .anySatisfy(v -> assertThat(v).contains("drc-drill-7f3e9a2c-")));

        f.awaitSuccess(new CleanUpDrillHandler(f.aws), DRILL, 100);
        assertThat(f.mutating("DeleteLaunchTemplate")).hasSize(1);
        assertThat(ec2.describeLaunchTemplates().launchTemplates()).extracting(t -> t.launchTemplateName())
                .containsExactly("web-lt");
        assertThat(f.succeeds(new SweepDrillHandler(f.aws), DRILL).output().get("leftovers")).isEmpty();
    }

    @Test
    void aWebTierWithoutTheDrillTagIsRefusedAndNothingIsMade() {
        String untagged = WEB_TIER.replace(", 'drc:drill': '" + EXECUTION + "'", "");
        assertThat(f.fails(new CreateDrillWebTierHandler(f.aws), params(untagged)).cause()).contains("drc:drill");
        assertThat(f.allMutating()).isEmpty();
    }

    @Test
    void cleanUpDeletesOnlyThisDrillsResourcesAndTheSweepThenFindsNone() {
        f.succeeds(new CreateDrillWebTierHandler(f.aws), params(WEB_TIER));
        String otherDrill = WEB_TIER.replace(EXECUTION, "exec-other").replace("7f3e9a2c", "0ther000");
        f.succeeds(new CreateDrillWebTierHandler(f.aws), params(otherDrill));
        f.clients.autoScaling("us-west-2").createAutoScalingGroup(r -> r.autoScalingGroupName("drc-drill-untagged-web")
                .minSize(0).maxSize(1).desiredCapacity(0).availabilityZones("us-west-2a")
                .launchTemplate(group("web").launchTemplate()));
        long since = f.simulator.journal().lastSeq();

        f.awaitSuccess(new CleanUpDrillHandler(f.aws), DRILL, 100);

        List<Journal.Call> deletes = f.simulator.journal().since(since).stream().filter(Journal.Call::mutating).toList();
        assertThat(deletes).extracting(Journal.Call::action)
                .containsExactlyInAnyOrder("DeleteAutoScalingGroup", "DeleteLoadBalancer", "DeleteTargetGroup");
        assertThat(deletes).extracting(Journal.Call::action).as("the load balancer goes before the group it uses")
                .containsSubsequence("DeleteLoadBalancer", "DeleteTargetGroup");
        assertThat(deletes).allSatisfy(c -> assertThat(c.params().values())
                .anySatisfy(v -> assertThat(v).contains("drc-drill-7f3e9a2c-")));
        assertThat(f.clients.autoScaling("us-west-2").describeAutoScalingGroups().autoScalingGroups())
                .extracting(AutoScalingGroup::autoScalingGroupName)
                .contains("web", "drc-drill-0ther000-web", "drc-drill-untagged-web")
                .doesNotContain("drc-drill-7f3e9a2c-web");
        assertThat(f.succeeds(new SweepDrillHandler(f.aws), DRILL).output().get("leftovers")).isEmpty();
        StepResult.Failed other = f.fails(new SweepDrillHandler(f.aws),
                params("{'region': 'us-west-2', 'drillId': 'exec-other'}"));
        assertThat(other.error()).isEqualTo("Drc.DrillLeftovers");
        assertThat(other.cause()).contains("drc-drill-0ther000-web", "load balancer drc-drill-0ther000-tg1",
                "target group drc-drill-0ther000-tg1");
    }

    @Test
    void theSweepReportsTheDrillsEarlierFailureOnceNothingIsLeft() {
        JsonNode failed = params("{'region': 'us-west-2', 'drillId': '" + EXECUTION + "',"
                + " 'error': {'Error': 'Drc.AwsError', 'Cause': 'RestoreDBInstanceFromDBSnapshot: 500'}}");
        StepResult.Failed result = f.fails(new SweepDrillHandler(f.aws), failed);
        assertThat(result.error()).isEqualTo("Drc.AwsError");
        assertThat(result.cause()).startsWith("RestoreDBInstanceFromDBSnapshot: 500").contains("cleanup is done");
        JsonNode none = params("{'region': 'us-west-2', 'drillId': '" + EXECUTION + "', 'error': null}");
        assertThat(f.succeeds(new SweepDrillHandler(f.aws), none).output().get("leftovers")).isEmpty();
    }

    private AutoScalingGroup group(String name) {
        return f.clients.autoScaling("us-west-2").describeAutoScalingGroups(r -> r.autoScalingGroupNames(name))
                .autoScalingGroups().get(0);
    }
}
