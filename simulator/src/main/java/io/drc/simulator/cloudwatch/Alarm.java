package io.drc.simulator.cloudwatch;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A metric alarm's configuration, as last put, and its state, as last evaluated. */
final class Alarm {
    /** What PutMetricAlarm configures; replaced as a whole on every put. */
    record Config(String name, String arn, String description, String namespace, String metricName,
                  Map<String, String> dimensions, String statistic, int period, int evaluationPeriods,
                  Integer datapointsToAlarm, double threshold, String comparisonOperator, String treatMissingData,
                  boolean actionsEnabled, List<String> alarmActions, List<String> okActions,
                  List<String> insufficientDataActions, String unit, Instant updatedAt) {

        int datapointsRequired() {
            return datapointsToAlarm == null ? evaluationPeriods : datapointsToAlarm;
        }
    }

    Config config;
    String state = "INSUFFICIENT_DATA";
    String reason = "Unchecked: Initial alarm creation";
    Instant stateUpdatedAt;

    Alarm(Config config) {
        this.config = config;
        this.stateUpdatedAt = config.updatedAt();
    }
}
