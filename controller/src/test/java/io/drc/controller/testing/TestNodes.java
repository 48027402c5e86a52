package io.drc.controller.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.drc.controller.cluster.ClusterMembership;
import io.drc.controller.db.Claimant;
import io.drc.controller.db.ClusterStore;
import io.dropwizard.jackson.Jackson;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;

/**
 * Daemons as the store sees them, for tests that claim work on a manual time: a node joins with a heartbeat at a
 * given instant and beats when the test says so; its claims are judged alive against {@link #DEAD_AFTER}.
 */
public final class TestNodes {
    public static final Duration HEARTBEAT = Duration.ofSeconds(5);
    public static final Duration DEAD_AFTER = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = Jackson.newObjectMapper();

    private final ClusterStore store;

    public TestNodes(Jdbi jdbi) {
        this.store = new ClusterStore(jdbi, JSON);
    }

    /** Registers a new incarnation of {@code nodeId} with its heartbeat at {@code at}; returns its owner tag. */
    public String join(String nodeId, Instant at) {
        return store.register(nodeId, "test-host", 1, "test", at).ownerTag();
    }

    public void beat(String ownerTag, Instant at) {
        store.beat(ownerTag, at);
    }

    /** {@code ownerTag} claiming at {@code now}: heartbeats older than {@link #DEAD_AFTER} are dead. */
    public static Claimant claimant(String ownerTag, Instant now) {
        return new Claimant(ownerTag, now.minus(DEAD_AFTER));
    }

    /** A daemon's membership on {@code clock}, joined, with no heartbeat thread: the test beats it. */
    public static ClusterMembership member(Jdbi jdbi, String nodeId, Clock clock) {
        ClusterMembership membership = new ClusterMembership(new ClusterStore(jdbi, JSON),
                new ClusterMembership.Settings(nodeId, HEARTBEAT, DEAD_AFTER), clock);
        membership.join();
        return membership;
    }
}
