package io.drc.simulator.autoscaling;

import io.drc.simulator.core.AwsError;
import io.drc.simulator.core.Pages;
import io.drc.simulator.core.RegionState;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import software.amazon.awssdk.services.autoscaling.model.Activity;
import software.amazon.awssdk.services.autoscaling.model.DescribeScalingActivitiesRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribeScalingActivitiesResponse;
import software.amazon.awssdk.services.autoscaling.model.Filter;

/**
 * DescribeScalingActivities: activities still in progress first, then the newest first; by group (deleted groups'
 * only with IncludeDeletedGroups), by id (unknown ids ignored), by the filters StartTimeLowerBound,
 * StartTimeUpperBound and Status; MaxRecords up to 100.
 */
public final class ActivityQueries {
    private static final int MAX_RECORDS = 100;

    public DescribeScalingActivitiesResponse describeScalingActivities(DescribeScalingActivitiesRequest request,
                                                                       RegionState region) {
        AutoScalingState state = AutoScalingState.of(region);
        boolean includeDeleted = Boolean.TRUE.equals(request.includeDeletedGroups());
        Predicate<ScalingActivity> filters = filters(request.filters(), request.autoScalingGroupName());
        List<ScalingActivity> selected = state.activities.stream()
                .filter(a -> request.autoScalingGroupName() == null || a.groupName.equals(request.autoScalingGroupName()))
                .filter(a -> request.activityIds().isEmpty() || request.activityIds().contains(a.id))
                .filter(a -> includeDeleted || state.groups.get(a.groupName) != null
                        && state.groups.get(a.groupName).arn.equals(a.groupArn))
                .filter(filters)
                .sorted(Comparator.comparing((ScalingActivity a) -> !a.statusCode.equals("InProgress"))
                        .thenComparing(a -> a.startTime, Comparator.reverseOrder()))
                .toList();
        if (request.maxRecords() != null && (request.maxRecords() < 1 || request.maxRecords() > MAX_RECORDS)) {
            throw AwsError.badRequest("ValidationError", "1 validation error detected: Value '" + request.maxRecords()
                    + "' at 'maxRecords' failed to satisfy constraint: Member must have value less than or equal to "
                    + MAX_RECORDS);
        }
        Pages.Page<ScalingActivity> page = Pages.page(selected, request.nextToken(), request.maxRecords(), MAX_RECORDS,
                "InvalidNextToken");
        return DescribeScalingActivitiesResponse.builder().nextToken(page.nextToken())
                .activities(page.items().stream().map(a -> view(state, a)).toList()).build();
    }

    private static Predicate<ScalingActivity> filters(List<Filter> filters, String groupName) {
        Predicate<ScalingActivity> all = a -> true;
        for (Filter filter : filters) {
            List<String> values = filter.values();
            Predicate<ScalingActivity> one = switch (String.valueOf(filter.name())) {
                case "StartTimeLowerBound" -> a -> !a.startTime.isBefore(time(values));
                case "StartTimeUpperBound" -> a -> !a.startTime.isAfter(time(values));
                case "Status" -> {
                    if (groupName == null) {
                        throw AwsError.badRequest("ValidationError",
                                "The Status filter can only be used with AutoScalingGroupName.");
                    }
                    yield a -> values.contains(a.statusCode);
                }
                default -> throw AwsError.badRequest("ValidationError", "Filter name '" + filter.name()
                        + "' is not supported; use StartTimeLowerBound, StartTimeUpperBound or Status.");
            };
            all = all.and(one);
        }
        return all;
    }

    private static Instant time(List<String> values) {
        if (values.size() != 1) {
            throw AwsError.badRequest("ValidationError", "A start time filter takes exactly one value.");
        }
        String value = values.get(0);
        try {
            return OffsetDateTime.parse(value.matches(".*([zZ]|[+-]\\d\\d:\\d\\d)$") ? value : value + "Z").toInstant();
        } catch (DateTimeParseException e) {
            throw AwsError.badRequest("ValidationError", "Invalid ISO 8601 timestamp: " + value);
        }
    }

    private static Activity view(AutoScalingState state, ScalingActivity a) {
        AsgGroup group = state.groups.get(a.groupName);
        boolean live = group != null && group.arn.equals(a.groupArn);
        return Activity.builder().activityId(a.id).autoScalingGroupName(a.groupName).autoScalingGroupARN(a.groupArn)
                .description(a.description).cause(a.cause).details(a.details).startTime(a.startTime)
                .endTime(a.endTime).statusCode(a.statusCode).statusMessage(a.statusMessage).progress(a.progress)
                .autoScalingGroupState(live ? "InService" : "Deleted").build();
    }
}
