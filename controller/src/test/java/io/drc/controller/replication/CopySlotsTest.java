package io.drc.controller.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.drc.simulator.core.Journal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Copy slots on a manual clock: a poll sees copies complete and the queued copies take their slots in the same tick;
 * polls are one describe per region for all pending copies, and come when the copies are expected done.
 */
class CopySlotsTest {
    ReplicationFixture f;

    @AfterEach
    void stop() {
        if (f != null) {
            f.close();
        }
    }

    /** Ticks the engine, then jumps the clock to its next work, until no job is active. */
    void runToCompletion() {
        for (int i = 0; i < 100 && !f.wiring.engine().jobs().active().isEmpty(); i++) {
            f.wiring.engine().tick();
            Optional<Instant> next = f.wiring.engine().nextWork();
            if (next.isPresent() && next.get().isAfter(f.clock.instant())) {
                f.clock.advance(Duration.between(f.clock.instant(), next.get()));
            }
        }
        assertThat(f.wiring.engine().jobs().active()).as("every job done").isEmpty();
    }

    List<Journal.Call> calls(String action, String region) {
        return f.simulator.journal().select(c -> c.action().equals(action) && c.region().equals(region)
                && c.status() < 300);
    }

    @Test
    void aPollThatSeesCopiesCompleteGivesTheirSlotsToQueuedCopiesInTheSameTick() throws Exception {
        f = new ReplicationFixture((demo, clients) -> QuotaAndRetentionTest.thirtyVolumes(clients), "");
        Instant start = f.clock.instant();

        assertThat(f.wiring.engine().startCycle(Optional.empty())).hasSize(30);
        runToCompletion();

        Map<Instant, Long> copiesByTime = new TreeMap<>(calls("CopySnapshot", "us-west-2").stream()
                .collect(Collectors.groupingBy(Journal.Call::at, Collectors.counting())));
        assertThat(copiesByTime.values()).as("20 copies as the sources complete, 10 as the first 20 complete")
                .containsExactly(20L, 10L);
        Instant refill = copiesByTime.keySet().stream().skip(1).findFirst().orElseThrow();
        // The simulator completes a copy 180 s after it starts: the refill is at that very instant.
        Instant firstCopies = copiesByTime.keySet().iterator().next();
        assertThat(Duration.between(firstCopies, refill)).isEqualTo(Duration.ofSeconds(180));
        List<Journal.Call> pollsAtRefill = calls("DescribeSnapshots", "us-west-2").stream()
                .filter(c -> c.at().equals(refill) && c.params().containsValue("snapshot-id")).toList();
        assertThat(pollsAtRefill).as("one describe for the 20 copies in flight").hasSize(1);
        assertThat(Duration.between(start, f.clock.instant())).as("sources 60 s, then two rounds of 180 s copies")
                .isLessThanOrEqualTo(Duration.ofSeconds(60 + 180 + 180 + 10));
    }

    @Test
    void pollsAreBatchedPerRegionAndTimedByTheExpectedCompletion() throws Exception {
        f = new ReplicationFixture((demo, clients) -> QuotaAndRetentionTest.thirtyVolumes(clients), "");
        long seq = f.simulator.journal().lastSeq();

        f.wiring.engine().startCycle(Optional.empty());
        runToCompletion();

        List<Journal.Call> calls = f.simulator.journal().since(seq);
        Map<String, Long> byAction = calls.stream().filter(c -> c.status() < 300)
                .collect(Collectors.groupingBy(Journal.Call::action, Collectors.counting()));
        assertThat(byAction).containsEntry("CreateSnapshot", 30L).containsEntry("CopySnapshot", 30L);
        // Looks before the creates and copies (by tag, one per batch), polls of the sources and of the copies
        // (by id, one per poll round): a handful for 30 volumes, where one call per job and poll made over 100.
        assertThat(byAction.get("DescribeSnapshots")).isBetween(5L, 9L);
        assertThat(calls.stream().filter(c -> c.action().equals("DescribeSnapshots")).map(Journal.Call::at).distinct()
                .count()).as("instants at which drc looked").isLessThanOrEqualTo(6);
        assertThat(f.wiring.engine().durations().expected(io.drc.controller.core.ResourceKind.EBS_VOLUME,
                CopyDurations.Phase.COPY)).as("learned from the copies seen done")
                .isBetween(Duration.ofSeconds(150), Duration.ofSeconds(185));
    }
}
