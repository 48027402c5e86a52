package io.drc.controller.api;

/** Lifecycle of a recovery point, simplified over the services' own state names. */
public enum RecoveryPointState {
    PENDING,
    COMPLETED,
    FAILED,
    DELETED
}
