package io.drc.controller.engine;

/** A due work item either runs a Task's step handler or fires a timer (a Wait state or a retry interval). */
public enum WorkKind {
    RUN_TASK, TIMER
}
