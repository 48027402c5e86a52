package io.drc.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drc.simulator.core.FaultRule;
import io.drc.simulator.core.Journal;
import io.drc.simulator.core.ManualClock;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;

class SimulatorCoreTest {
    private static Simulator simulator;
    private static TestClients clients;

    @BeforeAll
    static void start() {
        simulator = Simulator.start(SimulatorOptions.defaults().withPort(0)
                .withClock(new ManualClock(Instant.parse("2026-01-01T00:00:00Z"))));
        clients = new TestClients(simulator);
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @BeforeEach
    void reset() {
        simulator.faults().clear();
        simulator.journal().clear();
    }

    @Test
    void regionComesFromTheCredentialScope() {
        try (Ec2Client west = clients.ec2("us-west-2")) {
            assertThat(west.describeAvailabilityZones().availabilityZones())
                    .extracting(AvailabilityZone::zoneName)
                    .containsExactly("us-west-2a", "us-west-2b", "us-west-2c");
        }
        assertThat(simulator.journal().since(0)).singleElement()
                .satisfies(c -> {
                    assertThat(c.region()).isEqualTo("us-west-2");
                    assertThat(c.action()).isEqualTo("DescribeAvailabilityZones");
                    assertThat(c.mutating()).isFalse();
                });
    }

    @Test
    void throttledCallIsRetriedBySdkAndSucceeds() {
        simulator.faults().add(new FaultRule(null, FaultRule.Kind.THROTTLE, null, "ec2", null, 1.0, null, 1));
        try (Ec2Client east = clients.ec2("us-east-1")) {
            assertThat(east.describeRegions().regions()).isNotEmpty();
        }
        assertThat(simulator.journal().since(0)).extracting(Journal.Call::errorCode)
                .containsExactly("RequestLimitExceeded", null);
    }

    @Test
    void regionThatStopsAnsweringFailsTheCallAfterRetries() {
        simulator.faults().add(FaultRule.regionDown("us-east-1"));
        try (Ec2Client east = clients.ec2("us-east-1"); Ec2Client west = clients.ec2("us-west-2")) {
            assertThatThrownBy(east::describeAvailabilityZones).isInstanceOf(SdkClientException.class);
            assertThat(west.describeAvailabilityZones().availabilityZones()).hasSize(3);
        }
        assertThat(simulator.journal().select(c -> c.region().equals("us-east-1")))
                .extracting(Journal.Call::errorCode).containsOnly("NoAnswer").hasSize(3);
    }
}
