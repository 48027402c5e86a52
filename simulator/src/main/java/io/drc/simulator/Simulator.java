package io.drc.simulator;

import io.drc.simulator.core.AwsService;
import io.drc.simulator.core.Faults;
import io.drc.simulator.core.Journal;
import io.drc.simulator.core.ManualClock;
import io.drc.simulator.core.Timings;
import io.drc.simulator.core.World;
import io.drc.simulator.http.AdminApi;
import io.drc.simulator.http.AwsDispatcher;
import io.drc.simulator.http.SimulatorServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;

/** A running simulator: the HTTP endpoint and, for in-process callers, direct access to its world. */
public final class Simulator implements AutoCloseable {
    private final World world;
    private final Faults faults;
    private final Journal journal;
    private final AdminApi admin;
    private final SimulatorServer server;
    private final String host;

    private Simulator(SimulatorOptions options) throws IOException {
        this.world = new World(options.clock(), new Timings(options.timeScale()));
        this.faults = new Faults(options.faultSeed());
        this.journal = new Journal();
        this.admin = new AdminApi(world, faults, journal);
        List<AwsService> services = SimulatedServices.all(world);
        this.server = new SimulatorServer(options.host(), options.port(),
                new AwsDispatcher(world, services, faults, journal), admin);
        this.host = options.host();
    }

    public static Simulator start(SimulatorOptions options) {
        try {
            return new Simulator(options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the simulator on " + options.host() + ":" + options.port()
                    + " (is the port in use? choose another with --port): " + e.getMessage(), e);
        }
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
