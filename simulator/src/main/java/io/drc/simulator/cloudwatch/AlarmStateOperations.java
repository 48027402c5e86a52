package io.drc.simulator.cloudwatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drc.simulator.core.AwsError;
import io.drc.simulator.core.Pages;
import io.drc.simulator.core.RegionState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.cloudwatch.model.AlarmHistoryItem;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmHistoryRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmHistoryResponse;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.SetAlarmStateRequest;
import software.amazon.awssdk.services.cloudwatch.model.SetAlarmStateResponse;

/**
 * An alarm's state from outside the evaluations: SetAlarmState (until the next evaluation decides otherwise, as
 * in AWS) and DescribeAlarmHistory (kept 30 days, also for deleted alarms).
 */
public final class AlarmStateOperations {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> STATES = Set.of("OK", "ALARM", "INSUFFICIENT_DATA");
    private static final int DEFAULT_RECORDS = 100;

    public SetAlarmStateResponse setAlarmState(SetAlarmStateRequest r, RegionState region) {
        CloudWatchService.required(r.alarmName(), "AlarmName");
        CloudWatchService.required(r.stateValueAsString(), "StateValue");
        CloudWatchService.required(r.stateReason(), "StateReason");
        AlarmOperations.choice(r.stateValueAsString(), STATES, "StateValue");
        if (r.stateReasonData() != null) {
            requireJson(r.stateReasonData());
        }
        CloudWatchState state = CloudWatchState.of(region);
        Alarm alarm = state.alarms.get(r.alarmName());
        if (alarm == null) {
            throw new AwsError(404, "ResourceNotFound", "Alarm " + r.alarmName() + " not found");
        }
        Alarm.State next = new Alarm.State(r.stateValueAsString(), r.stateReason(), r.stateReasonData());
        if (next.value().equals(alarm.state.value())) {
            alarm.state = next;
        } else {
            AlarmClock.transition(state, alarm, next, region.world().now());
        }
        return SetAlarmStateResponse.builder().build();
    }

    private static void requireJson(String text) {
        try {
            JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw AwsError.badRequest("InvalidFormat", "StateReasonData is not valid JSON: " + e.getOriginalMessage());
        }
    }

    public DescribeAlarmHistoryResponse describeAlarmHistory(DescribeAlarmHistoryRequest r, RegionState region) {
        if (r.maxRecords() != null && (r.maxRecords() < 1 || r.maxRecords() > 100)) {
            throw AwsError.badRequest("InvalidParameterValue", "The parameter MaxRecords must be between 1 and 100.");
        }
        boolean metricAlarms = r.alarmTypesAsStrings().isEmpty() || r.alarmTypesAsStrings().contains("MetricAlarm");
        Instant horizon = region.world().now().minus(CloudWatchState.HISTORY_RETENTION);
        List<AlarmHistory.Item> matching = new ArrayList<>(CloudWatchState.of(region).history.stream()
                .filter(i -> metricAlarms && !i.at().isBefore(horizon))
                .filter(i -> r.alarmName() == null || r.alarmName().equals(i.alarmName()))
                .filter(i -> r.historyItemTypeAsString() == null || r.historyItemTypeAsString().equals(i.type()))
                .filter(i -> r.startDate() == null || !i.at().isBefore(r.startDate()))
                .filter(i -> r.endDate() == null || !i.at().isAfter(r.endDate()))
                .toList());
        if (r.scanBy() != ScanBy.TIMESTAMP_ASCENDING) {
            Collections.reverse(matching);
        }
        Pages.Page<AlarmHistory.Item> page = Pages.page(matching, r.nextToken(), r.maxRecords(), DEFAULT_RECORDS,
                "InvalidNextToken");
        return DescribeAlarmHistoryResponse.builder().nextToken(page.nextToken())
                .alarmHistoryItems(page.items().stream().map(AlarmStateOperations::toSdk).toList()).build();
    }

    private static AlarmHistoryItem toSdk(AlarmHistory.Item item) {
        return AlarmHistoryItem.builder().alarmName(item.alarmName()).alarmType("MetricAlarm").timestamp(item.at())
                .historyItemType(item.type()).historySummary(item.summary()).historyData(item.data()).build();
    }
}
