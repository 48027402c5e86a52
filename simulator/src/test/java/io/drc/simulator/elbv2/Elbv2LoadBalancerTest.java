package io.drc.simulator.elbv2;

import static io.drc.simulator.ec2.ComputeFixture.EAST;
import static io.drc.simulator.ec2.ComputeFixture.WEST;
import static io.drc.simulator.ec2.ComputeFixture.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.drc.simulator.ec2.ComputeFixture;
import io.drc.simulator.ec2.Ec2State;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealth;

/** Load balancers and listeners, and what they mean for target health: no listener, no health checks. */
class Elbv2LoadBalancerTest {
    private static final String SUBNET_A = "subnet-0aaaaaaaaaaaaaaa1";
    private static final String SUBNET_B = "subnet-0bbbbbbbbbbbbbbb2";

    private ComputeFixture fixture;
    private ElasticLoadBalancingV2Client elb;
    private Ec2Client ec2;

    @BeforeEach
    void start() {
        fixture = ComputeFixture.start();
        elb = fixture.clients.elbv2(EAST);
        ec2 = fixture.clients.ec2(EAST);
    }

    @AfterEach
    void stop() {
        elb.close();
        ec2.close();
        fixture.close();
    }

    private LoadBalancer alb(String name, String... subnets) {
        return elb.createLoadBalancer(r -> r.name(name).subnets(subnets)).loadBalancers().get(0);
    }

    private String targetGroup(String name, String protocol) {
        return elb.createTargetGroup(r -> r.name(name).protocol(protocol).port(80).vpcId("vpc-0123456789abcdef0"))
                .targetGroups().get(0).targetGroupArn();
    }

    private Listener forward(String loadBalancerArn, int port, String targetGroupArn) {
        return elb.createListener(r -> r.loadBalancerArn(loadBalancerArn).protocol("HTTP").port(port)
                .defaultActions(a -> a.type("forward").targetGroupArn(targetGroupArn))).listeners().get(0);
    }

    private String runningInstance(String zone) {
        String id = ec2.runInstances(r -> r.imageId(Ec2State.BASE_IMAGE_ID).minCount(1).maxCount(1)
                .placement(p -> p.availabilityZone(zone))).instances().get(0).instanceId();
        fixture.advancePast("ec2.instance.launch");
        return id;
    }

    private TargetHealth health(String targetGroupArn, String instanceId) {
        return elb.describeTargetHealth(r -> r.targetGroupArn(targetGroupArn).targets(t -> t.id(instanceId)))
                .targetHealthDescriptions().get(0).targetHealth();
    }

    @Test
    void loadBalancersAreProvisioningThenActiveAndDescribedByNameArnAndPage() {
        LoadBalancer web = alb("web-alb", SUBNET_A, SUBNET_B);
        assertThat(web.loadBalancerArn())
                .matches("arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web-alb/[0-9a-f]{16}");
        assertThat(web.dnsName()).matches("web-alb-\\d{10}\\.us-east-1\\.elb\\.amazonaws\\.com");
        assertThat(web.canonicalHostedZoneId()).isEqualTo("Z35SXDOTRQ7X7K");
        assertThat(web.typeAsString()).isEqualTo("application");
        assertThat(web.schemeAsString()).isEqualTo("internet-facing");
        assertThat(web.state().codeAsString()).isEqualTo("provisioning");
        assertThat(web.availabilityZones()).extracting(z -> z.zoneName() + " " + z.subnetId())
                .containsExactly("us-east-1a " + SUBNET_A, "us-east-1b " + SUBNET_B);
        assertThat(web.securityGroups()).singleElement().satisfies(sg -> assertThat(sg).startsWith("sg-"));
        assertThat(alb("web-alb", SUBNET_A, SUBNET_B).loadBalancerArn()).as("same settings: the same one")
                .isEqualTo(web.loadBalancerArn());
        assertThat(errorCode(() -> alb("web-alb", SUBNET_B, SUBNET_A))).isEqualTo("DuplicateLoadBalancerName");
        assertThat(errorCode(() -> alb("one-zone", SUBNET_A))).isEqualTo("InvalidConfigurationRequest");
        assertThat(errorCode(() -> alb("internal-web", SUBNET_A, SUBNET_B))).isEqualTo("ValidationError");
        assertThat(errorCode(() -> elb.createLoadBalancer(r -> r.name("no-subnets")))).isEqualTo("ValidationError");
        String internal = elb.createLoadBalancer(r -> r.name("api-nlb").type("network").scheme("internal")
                .subnets(SUBNET_A)).loadBalancers().get(0).dnsName();
        assertThat(internal).startsWith("internal-api-nlb-");

        fixture.advance(fixture.simulator.world().timings().of("elbv2.loadbalancer.active").minusSeconds(1));
        assertThat(elb.describeLoadBalancers(r -> r.names("web-alb")).loadBalancers().get(0).state().codeAsString())
                .isEqualTo("provisioning");
        fixture.advance(Duration.ofSeconds(1));
        assertThat(elb.describeLoadBalancers(r -> r.loadBalancerArns(web.loadBalancerArn())).loadBalancers())
                .singleElement().satisfies(lb -> assertThat(lb.state().codeAsString()).isEqualTo("active"));
        var first = elb.describeLoadBalancers(r -> r.pageSize(1));
        assertThat(first.loadBalancers()).extracting(LoadBalancer::loadBalancerName).containsExactly("web-alb");
        assertThat(elb.describeLoadBalancers(r -> r.pageSize(1).marker(first.nextMarker())).loadBalancers())
                .extracting(LoadBalancer::loadBalancerName).containsExactly("api-nlb");
        assertThat(errorCode(() -> elb.describeLoadBalancers(r -> r.names("nope")))).isEqualTo("LoadBalancerNotFound");
        assertThat(errorCode(() -> elb.describeLoadBalancers(r -> r.pageSize(401)))).isEqualTo("ValidationError");
        try (var west = fixture.clients.elbv2(WEST)) {
            assertThat(west.describeLoadBalancers().loadBalancers()).as("regional").isEmpty();
        }
    }

    @Test
    void listenersForwardToTargetGroupsWhichCannotBeDeletedWhileInUse() {
        String lb = alb("web-alb", SUBNET_A, SUBNET_B).loadBalancerArn();
        String web = targetGroup("web", "HTTP");
        Listener listener = forward(lb, 80, web);
        assertThat(listener.listenerArn()).startsWith(lb.replace(":loadbalancer/", ":listener/") + "/");
        assertThat(listener.defaultActions()).singleElement().satisfies(a -> {
            assertThat(a.targetGroupArn()).isEqualTo(web);
            assertThat(a.forwardConfig().targetGroups()).singleElement()
                    .satisfies(t -> assertThat(t.weight()).isEqualTo(1));
        });
        assertThat(forward(lb, 80, web).listenerArn()).as("same settings: the same one").isEqualTo(listener.listenerArn());
        String api = targetGroup("api", "HTTP");
        assertThat(errorCode(() -> forward(lb, 80, api))).isEqualTo("DuplicateListener");
        assertThat(errorCode(() -> forward(lb, 8080, web + "0"))).isEqualTo("TargetGroupNotFound");
        assertThat(errorCode(() -> forward(lb, 8080, targetGroup("tcp", "TCP")))).isEqualTo("IncompatibleProtocols");
        assertThat(errorCode(() -> elb.createListener(r -> r.loadBalancerArn(lb).protocol("HTTPS").port(443)
                .defaultActions(a -> a.type("forward").targetGroupArn(api))))).isEqualTo("ValidationError");
        assertThat(errorCode(() -> elb.createListener(r -> r.loadBalancerArn(lb).protocol("TCP").port(81)
                .defaultActions(a -> a.type("forward").targetGroupArn(api))))).isEqualTo("ValidationError");
        String other = alb("other-alb", SUBNET_A, SUBNET_B).loadBalancerArn();
        assertThat(errorCode(() -> forward(other, 80, web))).isEqualTo("TargetGroupAssociationLimit");

        assertThat(elb.describeListeners(r -> r.loadBalancerArn(lb)).listeners()).hasSize(1);
        assertThat(elb.describeListeners(r -> r.listenerArns(listener.listenerArn())).listeners()).hasSize(1);
        assertThat(errorCode(() -> elb.describeListeners(r -> r.listenerArns(listener.listenerArn() + "0"))))
                .isEqualTo("ListenerNotFound");
        assertThat(errorCode(() -> elb.describeListeners(r -> { }))).isEqualTo("ValidationError");
        assertThat(elb.describeTargetGroups(r -> r.names("web")).targetGroups().get(0).loadBalancerArns())
                .containsExactly(lb);
        assertThat(elb.describeTargetGroups(r -> r.loadBalancerArn(lb)).targetGroups())
                .extracting(g -> g.targetGroupName()).containsExactly("web");

        assertThat(errorCode(() -> elb.deleteTargetGroup(r -> r.targetGroupArn(web)))).isEqualTo("ResourceInUse");
        elb.deleteListener(r -> r.listenerArn(listener.listenerArn()));
        assertThat(errorCode(() -> elb.deleteListener(r -> r.listenerArn(listener.listenerArn()))))
                .isEqualTo("ListenerNotFound");
        elb.deleteTargetGroup(r -> r.targetGroupArn(web));
        forward(lb, 80, api);
        elb.deleteLoadBalancer(r -> r.loadBalancerArn(lb));
        elb.deleteLoadBalancer(r -> r.loadBalancerArn(lb));
        assertThat(elb.describeTargetGroups(r -> r.names("api")).targetGroups().get(0).loadBalancerArns())
                .as("its listeners went with it").isEmpty();
        elb.deleteTargetGroup(r -> r.targetGroupArn(api));
    }

    @Test
    void targetsOfAGroupNoListenerUsesAreUnusedAndGetChecksOnlyBehindAnActiveLoadBalancer() {
        String web = targetGroup("web", "HTTP");
        String id = runningInstance("us-east-1a");
        elb.registerTargets(r -> r.targetGroupArn(web).targets(t -> t.id(id)));
        fixture.advance(Duration.ofHours(1));
        assertThat(health(web, id)).satisfies(h -> {
            assertThat(h.stateAsString()).isEqualTo("unused");
            assertThat(h.reasonAsString()).isEqualTo("Target.NotInUse");
            assertThat(h.description()).contains("not configured to receive traffic");
        });

        String lb = alb("web-alb", SUBNET_A, SUBNET_B).loadBalancerArn();
        assertThat(health(web, id).stateAsString()).as("a load balancer without a listener does not use it")
                .isEqualTo("unused");
        Listener listener = forward(lb, 80, web);
        assertThat(health(web, id).stateAsString()).as("the load balancer is still provisioning").isEqualTo("initial");
        fixture.advancePast("elbv2.loadbalancer.active");
        assertThat(health(web, id).stateAsString()).as("checks start once it is active").isEqualTo("initial");
        fixture.advance(fixture.simulator.world().timings().of("elbv2.target.healthy").minusSeconds(1));
        assertThat(health(web, id).stateAsString()).isEqualTo("initial");
        fixture.advance(Duration.ofSeconds(1));
        assertThat(health(web, id).stateAsString()).isEqualTo("healthy");

        elb.deleteListener(r -> r.listenerArn(listener.listenerArn()));
        assertThat(health(web, id).reasonAsString()).isEqualTo("Target.NotInUse");
        forward(lb, 80, web);
        assertThat(health(web, id).stateAsString()).as("checked afresh").isEqualTo("initial");
        fixture.advancePast("elbv2.target.healthy");
        assertThat(health(web, id).stateAsString()).isEqualTo("healthy");
    }

    @Test
    void aTargetInAZoneTheLoadBalancerDoesNotServeIsUnused() {
        String web = targetGroup("web", "HTTP");
        fixture.loadBalance(EAST, "web-alb", web);
        String inC = runningInstance("us-east-1c");
        elb.registerTargets(r -> r.targetGroupArn(web).targets(t -> t.id(inC)));
        fixture.advancePast("elbv2.target.healthy");
        assertThat(health(web, inC)).satisfies(h -> {
            assertThat(h.stateAsString()).isEqualTo("unused");
            assertThat(h.reasonAsString()).isEqualTo("Target.NotInUse");
            assertThat(h.description()).contains("Availability Zone that is not enabled");
        });
    }
}
