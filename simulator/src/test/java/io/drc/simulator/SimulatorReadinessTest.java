package io.drc.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** The configured port opens only once the world is prepared (seeded): a client never sees half of it. */
class SimulatorReadinessTest {

    @Test
    void thePortOpensOnlyAfterPreparationAndThenShowsAllOfIt() throws IOException {
        int port = freePort();
        Simulator simulator = Simulator.start(SimulatorOptions.defaults().withPort(port), prepared -> {
            assertThatThrownBy(() -> new Socket().connect(new InetSocketAddress("127.0.0.1", port), 1000))
                    .as("nobody can connect while the world is being built").isInstanceOf(ConnectException.class);
            assertThat(prepared.port()).isNotEqualTo(port);
            try (Ec2Client ec2 = new SimulatorClients(prepared.endpoint()).ec2("us-east-1")) {
                ec2.createVolume(r -> r.availabilityZone("us-east-1a").size(8));
            }
        });
        try (simulator; Ec2Client ec2 = new TestClients(simulator).ec2("us-east-1")) {
            assertThat(simulator.port()).isEqualTo(port);
            assertThat(ec2.describeVolumes().volumes()).hasSize(1);
            assertThat(new RawHttp(simulator).get("/_sim/ready", Map.of()).statusCode()).isEqualTo(200);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
