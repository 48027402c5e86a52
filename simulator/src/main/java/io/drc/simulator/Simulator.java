package io.drc.simulator;

import io.drc.simulator.core.AwsService;
import io.drc.simulator.core.Faults;
import io.drc.simulator.core.Journal;
import io.drc.simulator.core.ManualClock;
import io.drc.simulator.core.Timings;
import io.drc.simulator.core.World;
import io.drc.simulator.core.WorldStore;
import io.drc.simulator.http.AdminApi;
import io.drc.simulator.http.AwsDispatcher;
import io.drc.simulator.http.SimulatorServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/** A running simulator: the HTTP endpoint and, for in-process callers, direct access to its world. */
public final class Simulator implements AutoCloseable {
    private static final String LOOPBACK = "127.0.0.1";

    private final World world;
    private final Faults faults;
    private final Journal journal;
    private final AdminApi admin;
    private final AwsDispatcher dispatcher;
    private final boolean restored;
    private volatile SimulatorServer server;
    private volatile String host;

    private Simulator(SimulatorOptions options) {
        this.world = new World(options.clock(), new Timings(options.timeScale()));
        this.faults = new Faults(options.faultSeed());
        this.journal = new Journal();
        List<AwsService> services = SimulatedServices.all(world);
        this.admin = new AdminApi(world, faults, journal, operations(services));
        this.dispatcher = new AwsDispatcher(world, services, faults, journal);
        this.restored = options.stateDir() != null && world.persistIn(WorldStore.in(options.stateDir()));
    }

    /** Signing name → the operations served, named as the SDK names them (CopyDbSnapshot for AWS's CopyDBSnapshot). */
    private static Map<String, SortedSet<String>> operations(List<AwsService> services) {
        Map<String, SortedSet<String>> all = new TreeMap<>();
        services.forEach(s -> all.put(s.signingName(), new TreeSet<>(s.operations().keySet())));
        return all;
    }

    public static Simulator start(SimulatorOptions options) {
        Simulator simulator = new Simulator(options);
        simulator.listen(options.host(), options.port());
        return simulator;
    }

    /**
     * Starts a simulator whose configured port opens only after {@code prepare} has returned, so no client ever sees
     * a half-built world (a client 4 s after start used to see half the demo). {@code prepare} runs against a
     * private loopback port, which is {@link #endpoint()} while it runs: it can build state through real SDK
     * clients, as {@code DemoSeeder} does. A world restored from the state directory was prepared before it was
     * saved: {@code prepare} does not run again, and the cloud continues as it was left.
     */
    public static Simulator start(SimulatorOptions options, Consumer<Simulator> prepare) {
        Simulator simulator = new Simulator(options);
        if (simulator.restored) {
            simulator.listen(options.host(), options.port());
            return simulator;
        }
        simulator.listen(LOOPBACK, 0);
        try {
            prepare.accept(simulator);
        } finally {
            simulator.server.close();
        }
        simulator.listen(options.host(), options.port());
        return simulator;
    }

    private void listen(String onHost, int port) {
        try {
            server = new SimulatorServer(onHost, port, dispatcher, admin);
            host = onHost;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the simulator on " + onHost + ":" + port
                    + " (is the port in use? choose another with --port): " + e.getMessage(), e);
        }
    }

    /** True when this simulator continues a world saved in its state directory. */
    public boolean restored() {
        return restored;
    }

    public int port() {
        return server.port();
    }

    public URI endpoint() {
        return URI.create("http://" + host + ":" + port());
    }

    public World world() {
        return world;
    }

    public Faults faults() {
        return faults;
    }

    public Journal journal() {
        return journal;
    }

    /** Shorthand for {@link Journal#onCall}: runs {@code then} after a matching call is applied, before its answer. */
    public Journal.Hook onCall(java.util.function.Predicate<Journal.Call> when,
                               java.util.function.Consumer<Journal.Call> then) {
        return journal.onCall(when, then);
    }

    public AdminApi admin() {
        return admin;
    }

    /** The manual clock this simulator was started with; tests move time with it. */
    public ManualClock manualClock() {
        if (world.clock() instanceof ManualClock manual) {
            return manual;
        }
        throw new IllegalStateException("this simulator runs on the system clock");
    }

    @Override
    public void close() {
        server.close();
    }
}
