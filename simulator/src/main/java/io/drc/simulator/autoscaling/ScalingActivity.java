package io.drc.simulator.autoscaling;

import java.time.Instant;

/** One scaling activity: launching or terminating one instance, {@code InProgress} until it is done. */
final class ScalingActivity {
    final String id;
    final String groupName;
    final String groupArn;
    final String description;
    final String cause;
    final String details;
    final Instant startTime;
    Instant endTime;
    String statusCode = "InProgress";
    String statusMessage;
    int progress = 30;

    ScalingActivity(String id, String groupName, String groupArn, String description, String cause, String details,
                    Instant startTime) {
        this.id = id;
        this.groupName = groupName;
        this.groupArn = groupArn;
        this.description = description;
        this.cause = cause;
        this.details = details;
        this.startTime = startTime;
    }

    void end(String status, String message, Instant at) {
        statusCode = status;
        statusMessage = message;
        progress = 100;
        endTime = at;
    }
}
