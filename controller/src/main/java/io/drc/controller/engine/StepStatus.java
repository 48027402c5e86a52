package io.drc.controller.engine;

/** The status of one step record as the API shows it. */
public enum StepStatus {
    RUNNING, WAITING_APPROVAL, RETRYING, SUCCEEDED, FAILED, CANCELLED
}
