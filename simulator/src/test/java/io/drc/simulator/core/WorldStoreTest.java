package io.drc.simulator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state file is replaced whole or not at all; a write killed half-way leaves the previous world readable. */
class WorldStoreTest {
    @TempDir
    Path dir;

    @Test
    void aWriteKilledHalfWayLeavesThePreviousWorld() throws Exception {
        WorldStore store = WorldStore.in(dir.resolve("state"));
        store.write("first".getBytes(StandardCharsets.UTF_8));
        // what a kill -9 during the next write leaves behind: a partial temporary file, the state file untouched
        Files.write(store.directory().resolve("world.bin.tmp"), "sec".getBytes(StandardCharsets.UTF_8));

        WorldStore reopened = WorldStore.in(store.directory());
        assertThat(reopened.read()).hasValueSatisfying(bytes ->
                assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("first"));
        reopened.write("second".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readString(reopened.stateFile())).isEqualTo("second");
        assertThat(store.directory().resolve("world.bin.tmp")).doesNotExist();
    }

    @Test
    void aWorldIsSavedOnEveryChangeAndRestoredWithItsClockIdsAndPendingTransitions() {
        ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
        World world = new World(clock, new Timings(1.0));
        WorldStore store = WorldStore.in(dir);
        assertThat(world.persistIn(store)).as("nothing saved yet").isFalse();
        int[] fired = {0};
        world.locked(() -> {
            world.ids().next("i");
            world.after("ec2.image.copy", () -> fired[0]++);
        });
        clock.advance(java.time.Duration.ofSeconds(100));
        world.locked(() -> { });

        ManualClock restartedClock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
        World restarted = new World(restartedClock, new Timings(1.0));
        assertThat(restarted.persistIn(WorldStore.in(dir))).isTrue();
        assertThat(restartedClock.instant()).isEqualTo(Instant.parse("2026-03-01T10:01:40Z"));
        assertThat(restarted.pendingTransitions()).isEqualTo(1);
        assertThat(restarted.locked(() -> restarted.ids().next("i"))).isEqualTo("i-00000000000000002");
    }

    @Test
    void aWorldSavedByAnotherSimulatorBuildIsNotRead() throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeUTF("0123456789abcdef");
            out.writeObject("a world of another build, whose lambdas may have other compiled names");
        }
        Files.write(dir.resolve("world.bin"), bytes.toByteArray());
        World world = new World(new ManualClock(Instant.EPOCH), new Timings(1.0));
        assertThatThrownBy(() -> world.persistIn(WorldStore.in(dir)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("saved by simulator build 0123456789abcdef")
                .hasMessageContaining("written by another simulator build")
                .hasMessageContaining("delete " + dir.toAbsolutePath());
    }

    @Test
    void aDamagedStateFileIsRefusedNamingTheDirectoryToClear() throws Exception {
        Files.write(dir.resolve("world.bin"), "not a world".getBytes(StandardCharsets.UTF_8));
        World world = new World(new ManualClock(Instant.EPOCH), new Timings(1.0));
        assertThatThrownBy(() -> world.persistIn(WorldStore.in(dir)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot read the simulator's saved world")
                .hasMessageContaining("delete " + dir.toAbsolutePath());
    }
}
