package io.drc.controller.core;

import io.dropwizard.lifecycle.Managed;
import io.drc.controller.config.SimulatorConfig;
import io.drc.simulator.Simulator;
import io.drc.simulator.SimulatorOptions;
import io.drc.simulator.demo.DemoSeeder;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The simulator running inside the daemon, started before anything calls AWS and stopped last. */
public final class EmbeddedSimulator implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSimulator.class);
    private final Simulator simulator;

    private EmbeddedSimulator(Simulator simulator) {
        this.simulator = simulator;
    }

    public static EmbeddedSimulator start(SimulatorConfig config) {
        SimulatorOptions options = SimulatorOptions.defaults().withPort(config.port())
                .withTimeScale(config.timeScale()).withHost(config.host())
                .withStateDir(config.stateDir() == null ? null : Path.of(config.stateDir()));
        // Seeded before its port opens: a client (the AWS CLI of a demo) never sees half the demo. A world restored
        // from the state directory is not seeded again: it is the cloud the daemon's database remembers.
        Simulator simulator = "demo".equals(config.seed())
                ? Simulator.start(options, s -> LOG.info("demo application seeded: {}", DemoSeeder.seedExisting(s)))
                : Simulator.start(options);
        if (simulator.restored()) {
            LOG.info("embedded AWS simulator continues the cloud saved in {}", Path.of(config.stateDir()).toAbsolutePath());
        }
        LOG.info("embedded AWS simulator listening on {} (time scale {})", simulator.endpoint(), config.timeScale());
        return new EmbeddedSimulator(simulator);
    }

    public Simulator simulator() {
        return simulator;
    }

    @Override
    public void start() {
        // started in start(config): the daemon's own start-up already needs it
    }

    @Override
    public void stop() {
        simulator.close();
    }
}
