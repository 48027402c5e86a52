package io.drc.simulator.cloudwatch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;

/**
 * What DescribeAlarmHistory answers: one item per configuration change (create, update, delete) and per state
 * change, with CloudWatch's summaries ({@code Alarm updated from OK to ALARM}) and its {@code HistoryData} JSON.
 */
final class AlarmHistory implements java.io.Serializable {
    static final String CONFIGURATION_UPDATE = "ConfigurationUpdate";
    static final String STATE_UPDATE = "StateUpdate";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One history item of a metric alarm. */
    record Item(String alarmName, Instant at, String type, String summary, String data) implements java.io.Serializable { }

    /** An alarm's configuration as HistoryData shows it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AlarmSummary(String alarmName, String namespace, String metricName, List<DimensionData> dimensions,
                        String statistic, String extendedStatistic, int period, int evaluationPeriods,
                        Integer datapointsToAlarm, double threshold, String comparisonOperator, String treatMissingData) { }

    record DimensionData(String name, String value) { }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ConfigurationData(String version, String type, AlarmSummary createdAlarm, AlarmSummary updatedAlarm,
                             AlarmSummary deletedAlarm) { }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record StateData(String stateValue, String stateReason, @JsonRawValue String stateReasonData) { }

    record StateChangeData(String version, StateData oldState, StateData newState) { }

    private AlarmHistory() {
    }

    static Item created(Alarm.Config c, Instant at) {
        return configuration(c, at, "created", new ConfigurationData("1.0", "Create", summary(c), null, null));
    }

    static Item updated(Alarm.Config c, Instant at) {
        return configuration(c, at, "updated", new ConfigurationData("1.0", "Update", null, summary(c), null));
    }

    static Item deleted(Alarm.Config c, Instant at) {
        return configuration(c, at, "deleted", new ConfigurationData("1.0", "Delete", null, null, summary(c)));
    }

    static Item stateChange(String alarmName, Alarm.State from, Alarm.State to, Instant at) {
        return new Item(alarmName, at, STATE_UPDATE, "Alarm updated from " + from.value() + " to " + to.value(),
                json(new StateChangeData("1.0", data(from), data(to))));
    }

    private static StateData data(Alarm.State state) {
        return new StateData(state.value(), state.reason(), state.reasonData());
    }

    private static Item configuration(Alarm.Config c, Instant at, String verb, ConfigurationData data) {
        return new Item(c.name(), at, CONFIGURATION_UPDATE, "Alarm \"" + c.name() + "\" " + verb, json(data));
    }

    private static AlarmSummary summary(Alarm.Config c) {
        return new AlarmSummary(c.name(), c.namespace(), c.metricName(),
                c.dimensions().entrySet().stream().map(e -> new DimensionData(e.getKey(), e.getValue())).toList(),
                c.statistic(), c.extendedStatistic(), c.period(), c.evaluationPeriods(), c.datapointsToAlarm(),
                c.threshold(), c.comparisonOperator(), c.treatMissingData());
    }

    private static String json(Object data) {
        try {
            return JSON.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
