package io.drc.strategies.handlers;

import static io.drc.strategies.handlers.HandlerFixture.WEST;
import static io.drc.strategies.handlers.HandlerFixture.params;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateVersion;

/** The web tier in the DR region: point the launch template at the newest AMI, scale 0→2, wait InService and healthy. */
class ComputeHandlersTest {
    private static final String WEB_GROUPS = "{'name': 'web', 'min': 2, 'desired': 2, 'max': 8}";
    private static final String WEB = "{'region': 'us-west-2', 'groups': [" + WEB_GROUPS + "]}";
    private static final String WEB_TARGETS = "{'region': 'us-west-2', 'groups': [" + WEB_GROUPS + "], 'targetGroups': ['web-tg']}";
    private final HandlerFixture f = HandlerFixture.demo();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void scalesOnceThenWaitsForInServiceAndHealthyTargets() {
        var scale = new ScaleGroupsHandler(f.aws, f.noProduction());
        assertThat(f.succeeds(scale, params(WEB)).output().path("web").path("changed").asBoolean()).isTrue();
        assertThat(f.succeeds(scale, params(WEB)).output().path("web").path("changed").asBoolean()).isFalse();
        assertThat(f.mutating("UpdateAutoScalingGroup")).hasSize(1);
        assertThat(f.awaitSuccess(new AwaitGroupsInServiceHandler(f.aws), params(WEB), 100)).isPositive();
        // no minHealthy: the groups' desired (2) is the minimum
        var healthy = new AwaitHealthyTargetsHandler(f.aws);
        assertThat(f.awaitSuccess(healthy, params(WEB_TARGETS), 100)).isPositive();
        assertThat(f.succeeds(healthy, params(WEB_TARGETS)).output().path("web-tg").asInt()).isEqualTo(2);
    }

    @Test
    void aCapacityLoweredDuringTheAwaitIsReassertedAfterTheGracePeriodAndNeverLowered() {
        new ScaleGroupsHandler(f.aws, f.noProduction()).execute(f.context(params(WEB), null));
        var asg = f.aws.autoScaling(WEST);
        // someone lowers the group while the failover waits for it
        asg.updateAutoScalingGroup(r -> r.autoScalingGroupName("web").minSize(0).desiredCapacity(1));
        var await = new AwaitGroupsInServiceHandler(f.aws);
        var first = (io.drc.strategies.step.StepResult.Running) await.execute(f.context(params(WEB), null));
        assertThat(f.mutating("UpdateAutoScalingGroup")).as("not before the grace period").hasSize(2);

        f.awaitSuccess(await, params(WEB), 100);

        var web = asg.describeAutoScalingGroups(r -> r.autoScalingGroupNames("web")).autoScalingGroups().get(0);
        assertThat(web.desiredCapacity()).isEqualTo(2);
        assertThat(web.minSize()).isEqualTo(2);
        assertThat(f.mutating("UpdateAutoScalingGroup")).as("the step's, the test's, one re-assertion").hasSize(3);
        assertThat(first.checkpoint().path("reasserted").path("regressedSince").asText()).isNotEmpty();
    }

    @Test
    void aGroupAboveItsListedCapacityIsLeftAlone() {
        new ScaleGroupsHandler(f.aws, f.noProduction()).execute(f.context(params(WEB), null));
        f.aws.autoScaling(WEST).updateAutoScalingGroup(r -> r.autoScalingGroupName("web").desiredCapacity(3));
        f.awaitSuccess(new AwaitGroupsInServiceHandler(f.aws), params(WEB), 100);
        assertThat(f.mutating("UpdateAutoScalingGroup")).as("the step's and the test's only").hasSize(2);
    }

    @Test
    void aGroupWithoutMinIsARunbookBugThatCallsNothing() {
        f.simulator.journal().clear();
        var withoutMin = params("{'region': 'us-west-2', 'groups': [{'name': 'web', 'desired': 2, 'max': 8}]}");

        var failed = f.fails(new ScaleGroupsHandler(f.aws, f.production()), withoutMin);

        assertThat(failed.error()).isEqualTo("Drc.InvalidRunbook");
        assertThat(failed.cause()).isEqualTo("step 'Step': parameter 'groups[0].min' is required (missing or null); "
                + "fix the Task's Parameters");
        assertThat(f.simulator.journal().select(call -> true)).as("no AWS call, not even a read").isEmpty();
        assertThat(f.mutating("UpdateAutoScalingGroup")).isEmpty();
    }

    @Test
    void minHealthyWinsOverTheGroupsDesired() {
        new ScaleGroupsHandler(f.aws, f.noProduction()).execute(f.context(params(WEB), null));
        f.awaitSuccess(new AwaitGroupsInServiceHandler(f.aws), params(WEB), 100);
        f.advance("elbv2.target.healthy");
        var p = params("{'region': 'us-west-2', 'targetGroups': ['web-tg'], 'minHealthy': 3, 'groups': [" + WEB_GROUPS + "]}");
        assertThat(f.running(new AwaitHealthyTargetsHandler(f.aws), p).checkpoint().path("web-tg").asInt()).isEqualTo(2);
    }

    @Test
    void pointsTheTemplateAtTheNewestImageOnce() {
        String older = image("web-1", "web", "2026-01-01T00:00:00Z");
        String newest = image("web-2", "web", "2026-01-01T01:00:00Z");
        image("api-1", "api", "2026-01-01T02:00:00Z");
        var use = new UseLatestImageHandler(f.aws);
        var p = params("{'region': 'us-west-2', 'launchTemplates': ['web-lt'], 'sourceResource': 'web'}");
        var first = f.succeeds(use, p).output();
        f.succeeds(use, p);
        assertThat(first.path("imageId").asText()).isEqualTo(newest).isNotEqualTo(older);
        assertThat(first.path("templates").path("web-lt").asLong()).isEqualTo(2);
        assertThat(f.mutating("CreateLaunchTemplateVersion")).hasSize(1);
        assertThat(f.mutating("ModifyLaunchTemplate")).hasSize(1);
        LaunchTemplateVersion current = defaultVersion();
        assertThat(current.launchTemplateData().imageId()).isEqualTo(newest);
        assertThat(current.launchTemplateData().instanceTypeAsString()).isEqualTo("t3.medium");
    }

    @Test
    void aDryRunNamesTheImageTheTemplateWouldLaunchAndChangesNothing() {
        String newest = image("web-1", "web", "2026-01-01T00:00:00Z");
        f.simulator.journal().clear();
        var use = new UseLatestImageHandler(f.aws);
        var p = params("{'region': 'us-west-2', 'launchTemplates': ['web-lt'], 'sourceResource': 'web'}");
        assertThat(use.plan(f.context(p, null))).singleElement().satisfies(change -> {
            assertThat(change.resource()).isEqualTo("ec2:us-west-2:launch-template/web-lt");
            assertThat(change.to()).isEqualTo(newest);
        });
        assertThat(f.allMutating()).isEmpty();
        f.succeeds(use, p);
        assertThat(use.plan(f.context(p, null))).as("already on the newest image").isEmpty();
    }

    @Test
    void aVersionMadeByALostCallIsMadeDefaultWithoutAnother() {
        String newest = image("web-1", "web", "2026-01-01T00:00:00Z");
        try (var ec2 = f.clients.ec2(WEST)) {
            ec2.createLaunchTemplateVersion(r -> r.launchTemplateName("web-lt").sourceVersion("1")
                    .launchTemplateData(d -> d.imageId(newest)));
        }
        f.simulator.journal().clear();
        f.succeeds(new UseLatestImageHandler(f.aws),
                params("{'region': 'us-west-2', 'launchTemplates': ['web-lt'], 'sourceResource': 'web'}"));
        assertThat(f.mutating("CreateLaunchTemplateVersion")).isEmpty();
        assertThat(f.mutating("ModifyLaunchTemplate")).hasSize(1);
        assertThat(defaultVersion().versionNumber()).isEqualTo(2);
    }

    @Test
    void noImageOfTheResourceIsNoRecoveryPoint() {
        image("api-1", "api", "2026-01-01T02:00:00Z");
        var failed = f.fails(new UseLatestImageHandler(f.aws),
                params("{'region': 'us-west-2', 'launchTemplates': ['web-lt'], 'sourceResource': 'web'}"));
        assertThat(failed.error()).isEqualTo("Drc.NoRecoveryPoint");
        assertThat(failed.cause()).contains("web", "us-west-2");
    }

    @Test
    void aMissingTemplateIsNotFound() {
        image("web-1", "web", "2026-01-01T00:00:00Z");
        var failed = f.fails(new UseLatestImageHandler(f.aws),
                params("{'region': 'us-west-2', 'launchTemplates': ['nope'], 'sourceResource': 'web'}"));
        assertThat(failed.error()).isEqualTo("Drc.NotFound");
    }

    private String image(String name, String resource, String sourceTime) {
        return f.drImage(name, resource, sourceTime);
    }

    private LaunchTemplateVersion defaultVersion() {
        try (var ec2 = f.clients.ec2(WEST)) {
            return ec2.describeLaunchTemplateVersions(r -> r.launchTemplateName("web-lt").versions("$Default"))
                    .launchTemplateVersions().get(0);
        }
    }
}
