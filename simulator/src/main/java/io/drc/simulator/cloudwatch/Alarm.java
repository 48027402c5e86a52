package io.drc.simulator.cloudwatch;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A metric alarm's configuration, as last put, and its state, as last evaluated or set. */
final class Alarm implements java.io.Serializable {
    /** What PutMetricAlarm configures; replaced as a whole on every put. One of the two statistics is null. */
    record Config(String name, String arn, String description, String namespace, String metricName,
                  Map<String, String> dimensions, String statistic, String extendedStatistic, int period,
                  int evaluationPeriods, Integer datapointsToAlarm, double threshold, String comparisonOperator,
                  String treatMissingData, boolean actionsEnabled, List<String> alarmActions, List<String> okActions,
                  List<String> insufficientDataActions, String unit, Instant updatedAt) implements java.io.Serializable {

        int datapointsRequired() {
            return datapointsToAlarm == null ? evaluationPeriods : datapointsToAlarm;
        }

        /** The statistic the alarm compares: the basic one or the percentile. */
        String stat() {
            return statistic != null ? statistic : extendedStatistic;
        }

        /** {@code missing} when not given, as AWS defaults it. */
        String missingData() {
            return treatMissingData == null ? "missing" : treatMissingData;
        }
    }

    /** A state with what explains it; {@code reasonData} is JSON (may be null). */
    record State(String value, String reason, String reasonData) implements java.io.Serializable {
        static final State INITIAL = new State("INSUFFICIENT_DATA", "Unchecked: Initial alarm creation", null);
    }

    Config config;
    State state = State.INITIAL;
    Instant stateUpdatedAt;

    Alarm(Config config) {
        this.config = config;
        this.stateUpdatedAt = config.updatedAt();
    }
}
