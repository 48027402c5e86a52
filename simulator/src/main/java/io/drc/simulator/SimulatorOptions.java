package io.drc.simulator;

import java.nio.file.Path;
import java.time.Clock;

/**
 * How to start a simulator.
 *
 * @param host      address to listen on; loopback by default
 * @param port      0 picks a free port
 * @param clock     {@link io.drc.simulator.core.ManualClock} for tests, the system clock otherwise
 * @param timeScale multiplies every default operation duration (0.01 turns a 5-minute copy into 3 s)
 * @param faultSeed seed of the random that decides which calls a fractional fault hits
 * @param stateDir  where the world is saved after every change and found again at start; null keeps it in memory
 */
public record SimulatorOptions(String host, int port, Clock clock, double timeScale, long faultSeed, Path stateDir) {
    public static final int DEFAULT_PORT = 4566;

    public static SimulatorOptions defaults() {
        return new SimulatorOptions("127.0.0.1", DEFAULT_PORT, Clock.systemUTC(), 1.0, 42L, null);
    }

    public SimulatorOptions withPort(int newPort) {
        return new SimulatorOptions(host, newPort, clock, timeScale, faultSeed, stateDir);
    }

    public SimulatorOptions withClock(Clock newClock) {
        return new SimulatorOptions(host, port, newClock, timeScale, faultSeed, stateDir);
    }

    public SimulatorOptions withHost(String newHost) {
        return new SimulatorOptions(newHost, port, clock, timeScale, faultSeed, stateDir);
    }

    public SimulatorOptions withStateDir(Path newStateDir) {
        return new SimulatorOptions(host, port, clock, timeScale, faultSeed, newStateDir);
    }

    public SimulatorOptions withTimeScale(double newScale) {
        return new SimulatorOptions(host, port, clock, newScale, faultSeed, stateDir);
    }
}
