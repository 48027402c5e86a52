package io.drc.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.drc.simulator.core.Journal;
import io.drc.simulator.core.ManualClock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** The call hook runs after a call was applied and journaled, before the caller gets its answer. */
class JournalHookTest {
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

    @Test
    void aHookSeesTheChangeMadeAndRunsBeforeTheCallerIsAnswered() {
        AtomicBoolean answered = new AtomicBoolean();
        List<String> seenInHook = new CopyOnWriteArrayList<>();
        try (Ec2Client east = clients.ec2("us-east-1");
             Ec2Client lookAside = clients.ec2("us-east-1")) {
            // the class shares one simulator: volumes the other tests created, whatever order they ran in, are not new
            Set<String> before = volumeIds(lookAside);
            try (Journal.Hook hook = simulator.onCall(c -> c.action().equals("CreateVolume"), call -> {
                seenInHook.add("answered=" + answered.get() + " status=" + call.status()
                        + " journaled=" + !simulator.journal().select(c -> c.seq() == call.seq()).isEmpty());
                volumeIds(lookAside).stream().filter(v -> !before.contains(v)).forEach(seenInHook::add);
            })) {
                String volume = east.createVolume(r -> r.availabilityZone("us-east-1a").size(8)).volumeId();
                answered.set(true);

                assertThat(seenInHook).containsExactly("answered=false status=200 journaled=true", volume);
            }
        }
    }

    private static Set<String> volumeIds(Ec2Client ec2) {
        return ec2.describeVolumes().volumes().stream().map(v -> v.volumeId()).collect(Collectors.toSet());
    }

    @Test
    void onlyMatchingCallsRunTheHookAndAClosedHookRunsNoMore() {
        List<String> actions = new CopyOnWriteArrayList<>();
        try (Ec2Client west = clients.ec2("us-west-2")) {
            Journal.Hook hook = simulator.onCall(c -> c.region().equals("us-west-2") && c.mutating(),
                    call -> actions.add(call.action()));
            west.describeVolumes();
            west.createVolume(r -> r.availabilityZone("us-west-2a").size(8));
            hook.close();
            west.createVolume(r -> r.availabilityZone("us-west-2a").size(8));

            assertThat(actions).containsExactly("CreateVolume");
        }
    }

    @Test
    void aFailingHookDoesNotChangeTheAnswer() {
        try (Ec2Client east = clients.ec2("us-east-1");
             Journal.Hook hook = simulator.onCall(c -> c.action().equals("CreateVolume"), call -> {
                 throw new IllegalStateException("a test's hook went wrong");
             })) {
            String volume = east.createVolume(r -> r.availabilityZone("us-east-1a").size(8)).volumeId();

            assertThat(volume).startsWith("vol-");
            assertThat(simulator.journal().select(c -> c.action().equals("CreateVolume")))
                    .last().extracting(Journal.Call::status).isEqualTo(200);
        }
    }
}
