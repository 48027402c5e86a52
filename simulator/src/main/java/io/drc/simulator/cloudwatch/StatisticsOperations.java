package io.drc.simulator.cloudwatch;

import io.drc.simulator.core.AwsError;
import io.drc.simulator.core.MetricProvider.MetricId;
import io.drc.simulator.core.RegionState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/** Statistics over a time range: GetMetricStatistics (one metric, several statistics) and GetMetricData. */
public final class StatisticsOperations {
    private record TimeRange(Instant start, Instant end) { }

    public GetMetricStatisticsResponse getMetricStatistics(GetMetricStatisticsRequest request, RegionState region) {
        CloudWatchService.required(request.namespace(), "Namespace");
        CloudWatchService.required(request.metricName(), "MetricName");
        Duration period = Statistics.period(request.period());
        TimeRange range = range(request.startTime(), request.endTime());
        if (request.statistics().isEmpty() && request.extendedStatistics().isEmpty()) {
            throw AwsError.missingParameter("Statistics");
        }
        if (!request.extendedStatistics().isEmpty()) {
            throw Statistics.unsupported(String.join(",", request.extendedStatistics()));
        }
        request.statisticsAsStrings().forEach(Statistics::requireKnown);
        MetricSource source = new MetricSource(region);
        MetricId metric = new MetricId(request.namespace(), request.metricName(),
                MetricDataOperations.dimensions(request.dimensions()));
        String unit = request.unitAsString() != null ? request.unitAsString() : source.unit(metric);
        List<Datapoint> datapoints = new ArrayList<>();
        for (Statistics.Bucket b : Statistics.buckets(source.samples(metric, range.start(), range.end()), range.start(), range.end(), period)) {
            Datapoint.Builder point = Datapoint.builder().timestamp(b.start()).unit(unit);
            for (String statistic : request.statisticsAsStrings()) {
                double value = b.value(statistic);
                switch (statistic) {
                    case "SampleCount" -> point.sampleCount(value);
                    case "Average" -> point.average(value);
                    case "Sum" -> point.sum(value);
                    case "Minimum" -> point.minimum(value);
                    default -> point.maximum(value);
                }
            }
            datapoints.add(point.build());
        }
        return GetMetricStatisticsResponse.builder().label(request.metricName()).datapoints(datapoints).build();
    }

    public GetMetricDataResponse getMetricData(GetMetricDataRequest request, RegionState region) {
        if (!request.hasMetricDataQueries() || request.metricDataQueries().isEmpty()) {
            throw AwsError.missingParameter("MetricDataQueries");
        }
        TimeRange range = range(request.startTime(), request.endTime());
        boolean newestFirst = request.scanBy() != ScanBy.TIMESTAMP_ASCENDING;
        MetricSource source = new MetricSource(region);
        List<MetricDataResult> results = new ArrayList<>();
        for (MetricDataQuery query : request.metricDataQueries()) {
            if (query.metricStat() == null) {
                throw AwsError.badRequest("InvalidParameterValue", "The drc simulator answers MetricStat queries only; "
                        + "query " + query.id() + " has none (metric math expressions are not simulated).");
            }
            if (!Boolean.FALSE.equals(query.returnData())) {
                results.add(result(query, source, range, newestFirst));
            }
        }
        return GetMetricDataResponse.builder().metricDataResults(results).build();
    }

    private static MetricDataResult result(MetricDataQuery query, MetricSource source, TimeRange range, boolean newestFirst) {
        MetricStat stat = query.metricStat();
        Statistics.requireKnown(stat.stat());
        MetricId metric = MetricDataOperations.metricId(stat.metric());
        List<Statistics.Bucket> buckets = new ArrayList<>(Statistics.buckets(source.samples(metric, range.start(), range.end()),
                range.start(), range.end(), Statistics.period(stat.period())));
        if (newestFirst) {
            buckets.sort(Comparator.comparing(Statistics.Bucket::start).reversed());
        }
        return MetricDataResult.builder().id(query.id())
                .label(query.label() != null ? query.label() : metric.metricName())
                .timestamps(buckets.stream().map(Statistics.Bucket::start).toList())
                .values(buckets.stream().map(b -> b.value(stat.stat())).toList())
                .statusCode(StatusCode.COMPLETE).build();
    }

    private static TimeRange range(Instant start, Instant end) {
        CloudWatchService.required(start, "StartTime");
        CloudWatchService.required(end, "EndTime");
        if (!start.isBefore(end)) {
            throw AwsError.badRequest("InvalidParameterValue",
                    "The parameter StartTime must be less than the parameter EndTime.");
        }
        return new TimeRange(start, end);
    }
}
