package io.drc.strategies.engine;

import java.util.List;

/** The interpreter's answer to an event: the execution's next state and the side effects to carry out. */
public record Decision(ExecutionState state, List<Command> commands) { }
