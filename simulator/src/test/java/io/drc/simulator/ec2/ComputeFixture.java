package io.drc.simulator.ec2;

import io.drc.simulator.Simulator;
import io.drc.simulator.SimulatorOptions;
import io.drc.simulator.TestClients;
import io.drc.simulator.core.ManualClock;
import io.drc.simulator.core.RegionState;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** A simulator on a manual clock with SDK clients, for the EC2, Auto Scaling and ELBv2 tests. */
public final class ComputeFixture implements AutoCloseable {
    public static final String EAST = "us-east-1";
    public static final String WEST = "us-west-2";

    public final Simulator simulator;
    public final TestClients clients;

    private ComputeFixture(Simulator simulator) {
        this.simulator = simulator;
        this.clients = new TestClients(simulator);
    }

    public static ComputeFixture start() {
        return new ComputeFixture(Simulator.start(SimulatorOptions.defaults().withPort(0)
                .withClock(new ManualClock(Instant.parse("2026-01-01T00:00:00Z")))));
    }

    public void advance(Duration by) {
        simulator.manualClock().advance(by);
    }

    /** Advances the clock by the configured duration of a timing key. */
    public void advancePast(String timingKey) {
        advance(simulator.world().timings().of(timingKey));
    }

    /**
     * Puts an active Application Load Balancer (zones a and b) with an HTTP:80 listener forwarding to the group in
     * front of it, as targets need to get health checks; returns the load balancer's ARN.
     */
    public String loadBalance(String region, String name, String targetGroupArn) {
        try (var elb = clients.elbv2(region)) {
            String arn = elb.createLoadBalancer(r -> r.name(name).subnets("subnet-0aaaaaaaaaaaaaaa1",
                    "subnet-0bbbbbbbbbbbbbbb2")).loadBalancers().get(0).loadBalancerArn();
            elb.createListener(r -> r.loadBalancerArn(arn).protocol("HTTP").port(80)
                    .defaultActions(a -> a.type("forward").targetGroupArn(targetGroupArn)));
            advancePast("elbv2.loadbalancer.active");
            return arn;
        }
    }

    public <T> T inRegion(String region, Function<RegionState, T> action) {
        return simulator.world().locked(() -> action.apply(simulator.world().region(region)));
    }

    /** The AWS error code {@code call} fails with; fails the test when it succeeds. */
    public static String errorCode(Runnable call) {
        try {
            call.run();
        } catch (AwsServiceException e) {
            return e.awsErrorDetails().errorCode();
        }
        throw new AssertionError("expected an AWS error");
    }

    @Override
    public void close() {
        simulator.close();
    }
}
