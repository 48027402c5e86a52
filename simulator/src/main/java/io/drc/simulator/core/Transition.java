package io.drc.simulator.core;

import java.io.Serializable;

/**
 * A pending state change of the simulated cloud (an AMI turning available, a promotion completing). It is
 * {@link Serializable} so that a lambda written where a transition is scheduled is compiled as a serializable
 * lambda: the pending transitions are saved with the world (see {@link WorldStore}) without every service
 * naming its transitions by hand. What a transition captures must be serializable too.
 */
@FunctionalInterface
public interface Transition extends Runnable, Serializable {
}
