package io.drc.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AwsCliCoreTest {
    private static Simulator simulator;

    @BeforeAll
    static void start() {
        simulator = Simulator.start(SimulatorOptions.defaults().withPort(0));
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void cliDescribesAvailabilityZonesOfTheRegionItSigns() {
        AwsCli cli = AwsCli.forSimulator(simulator);
        AwsCli.Result result = cli.run("us-west-2", "ec2", "describe-availability-zones").assertOk();
        assertThat(result.stdout()).contains("\"ZoneName\": \"us-west-2a\"");
    }

    @Test
    void cliGetsAwsErrorCodeForUnknownAction() {
        AwsCli cli = AwsCli.forSimulator(simulator);
        AwsCli.Result result = cli.run("us-east-1", "ec2", "describe-key-pairs");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("InvalidAction");
    }
}
