package io.drc.simulator;

/** {@link SimulatorClients} for a simulator started by a test. */
public final class TestClients extends SimulatorClients {
    public TestClients(Simulator simulator) {
        super(simulator.endpoint());
    }
}
