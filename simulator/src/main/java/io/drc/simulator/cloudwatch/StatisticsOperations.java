package io.drc.simulator.cloudwatch;

import io.drc.simulator.core.AwsError;
import io.drc.simulator.core.MetricProvider.MetricId;
import io.drc.simulator.core.RegionState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    private static final int MAX_STATISTICS = 10;

    public GetMetricStatisticsResponse getMetricStatistics(GetMetricStatisticsRequest request, RegionState region) {
        CloudWatchService.required(request.namespace(), "Namespace");
        CloudWatchService.required(request.metricName(), "MetricName");
        Duration period = Statistics.period(request.period());
        TimeRange range = range(request.startTime(), request.endTime());
        validateStatistics(request);
        MetricSource source = new MetricSource(region);
        MetricId metric = new MetricId(request.namespace(), request.metricName(),
                MetricDataOperations.dimensions(request.dimensions()));
        String unit = request.unitAsString() != null ? request.unitAsString() : source.unit(metric);
        Instant start = Statistics.alignedStart(range.start(), period, region.world().now());
        List<Datapoint> datapoints = new ArrayList<>();
        for (Statistics.Bucket b : Statistics.buckets(source.samples(metric, start, range.end()), start, range.end(), period)) {
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
            Map<String, Double> extended = new LinkedHashMap<>();
            request.extendedStatistics().forEach(p -> {
                Double value = b.value(p);
                if (value != null) {
                    extended.put(p, value);
                }
            });
            if (!extended.isEmpty()) {
                point.extendedStatistics(extended);
            }
            datapoints.add(point.build());
        }
        return GetMetricStatisticsResponse.builder().label(request.metricName()).datapoints(datapoints).build();
    }

    private static void validateStatistics(GetMetricStatisticsRequest request) {
        if (request.statistics().isEmpty() && request.extendedStatistics().isEmpty()) {
            throw AwsError.missingParameter("Statistics");
        }
        if (request.statistics().size() > MAX_STATISTICS || request.extendedStatistics().size() > MAX_STATISTICS) {
            throw AwsError.badRequest("InvalidParameterValue", "The collections Statistics and ExtendedStatistics must "
                    + "not have a size greater than " + MAX_STATISTICS + ".");
        }
        request.statisticsAsStrings().forEach(s -> {
            if (!Statistics.NAMES.contains(s)) {
                throw Statistics.unsupported(s);
            }
        });
        request.extendedStatistics().forEach(p -> Statistics.requirePercentile(p, "ExtendedStatistics"));
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
                results.add(result(query, source, range, newestFirst, region.world().now()));
            }
        }
        return GetMetricDataResponse.builder().metricDataResults(results).build();
    }

    private static MetricDataResult result(MetricDataQuery query, MetricSource source, TimeRange range, boolean newestFirst,
                                           Instant now) {
        MetricStat stat = query.metricStat();
        Statistics.requireKnown(stat.stat());
        MetricId metric = MetricDataOperations.metricId(stat.metric());
        Duration period = Statistics.period(stat.period());
        Instant start = Statistics.alignedStart(range.start(), period, now);
        List<Statistics.Bucket> buckets = new ArrayList<>(Statistics.buckets(source.samples(metric, start, range.end()),
                start, range.end(), period).stream().filter(b -> b.value(stat.stat()) != null).toList());
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
