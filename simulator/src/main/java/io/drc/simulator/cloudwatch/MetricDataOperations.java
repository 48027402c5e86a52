package io.drc.simulator.cloudwatch;

import io.drc.simulator.core.AwsError;
import io.drc.simulator.core.MetricProvider.MetricId;
import io.drc.simulator.core.Pages;
import io.drc.simulator.core.RegionState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.DimensionFilter;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsRequest;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.StatisticSet;

/** Publishing custom metrics (PutMetricData) and listing every metric of the region (ListMetrics). */
public final class MetricDataOperations {
    private static final int MAX_DATUMS = 1000;
    private static final int MAX_DIMENSIONS = 30;
    private static final int METRICS_PER_PAGE = 500;

    public PutMetricDataResponse putMetricData(PutMetricDataRequest request, RegionState region) {
        String namespace = request.namespace();
        CloudWatchService.required(namespace, "Namespace");
        if (namespace.startsWith("AWS/")) {
            throw AwsError.badRequest("InvalidParameterValue", "The value AWS/ for parameter Namespace is invalid.");
        }
        if (!request.hasMetricData() || request.metricData().isEmpty()) {
            throw AwsError.missingParameter("MetricData");
        }
        if (request.metricData().size() > MAX_DATUMS) {
            throw AwsError.badRequest("InvalidParameterValue", "The collection MetricData must not have a size greater than "
                    + MAX_DATUMS + ".");
        }
        for (int i = 0; i < request.metricData().size(); i++) {
            validate(request.metricData().get(i), "MetricData.member." + (i + 1));
        }
        CloudWatchState state = CloudWatchState.of(region);
        Instant now = region.world().now();
        for (MetricDatum datum : request.metricData()) {
            CloudWatchState.Series series = state.series(new MetricId(namespace, datum.metricName(), dimensions(datum.dimensions())));
            samples(datum, datum.timestamp() == null ? now : datum.timestamp()).forEach(series::add);
            if (datum.unitAsString() != null) {
                series.unit = datum.unitAsString();
            }
        }
        return PutMetricDataResponse.builder().build();
    }

    private static void validate(MetricDatum datum, String path) {
        CloudWatchService.required(datum.metricName(), path + ".MetricName");
        int forms = (datum.value() != null ? 1 : 0) + (datum.hasValues() ? 1 : 0) + (datum.statisticValues() != null ? 1 : 0);
        if (forms > 1) {
            throw AwsError.badRequest("InvalidParameterCombination", "The parameters " + path + ".Value, " + path
                    + ".Values and " + path + ".StatisticValues are mutually exclusive and you have specified more than one.");
        }
        if (forms == 0) {
            throw AwsError.badRequest("InvalidParameterCombination", "At least one of the parameters " + path + ".Value, "
                    + path + ".Values or " + path + ".StatisticValues must be specified.");
        }
        if (datum.hasCounts() && datum.counts().size() != datum.values().size()) {
            throw AwsError.badRequest("InvalidParameterValue", "The parameters " + path + ".Values and " + path
                    + ".Counts must be of the same size.");
        }
        if (datum.value() != null && (datum.value().isNaN() || datum.value().isInfinite())) {
            throw AwsError.badRequest("InvalidParameterValue", "The value " + datum.value() + " for parameter " + path
                    + ".Value is invalid.");
        }
        if (datum.dimensions().size() > MAX_DIMENSIONS) {
            throw AwsError.badRequest("InvalidParameterValue", "The collection " + path
                    + ".Dimensions must not have a size greater than " + MAX_DIMENSIONS + ".");
        }
    }

    private static List<Sample> samples(MetricDatum datum, Instant at) {
        if (datum.value() != null) {
            return List.of(Sample.of(at, datum.value()));
        }
        if (datum.statisticValues() != null) {
            StatisticSet stats = datum.statisticValues();
            return List.of(new Sample(at, stats.sum(), stats.sampleCount(), stats.minimum(), stats.maximum()));
        }
        return IntStream.range(0, datum.values().size())
                .mapToObj(i -> Sample.repeated(at, datum.values().get(i), datum.hasCounts() ? datum.counts().get(i) : 1))
                .toList();
    }

    public ListMetricsResponse listMetrics(ListMetricsRequest request, RegionState region) {
        List<Metric> matching = new MetricSource(region).metrics().stream()
                .filter(m -> request.namespace() == null || request.namespace().equals(m.namespace()))
                .filter(m -> request.metricName() == null || request.metricName().equals(m.metricName()))
                .filter(m -> request.dimensions().stream().allMatch(f -> matches(f, m.dimensions())))
                .map(MetricDataOperations::toSdk)
                .toList();
        Pages.Page<Metric> page = Pages.page(matching, request.nextToken(), null, METRICS_PER_PAGE, "InvalidNextToken");
        return ListMetricsResponse.builder().metrics(page.items()).nextToken(page.nextToken()).build();
    }

    private static boolean matches(DimensionFilter filter, Map<String, String> dimensions) {
        return dimensions.containsKey(filter.name())
                && (filter.value() == null || filter.value().equals(dimensions.get(filter.name())));
    }

    static Map<String, String> dimensions(List<Dimension> dimensions) {
        Map<String, String> out = new TreeMap<>();
        dimensions.forEach(d -> out.put(d.name(), d.value()));
        return out;
    }

    static List<Dimension> toSdk(Map<String, String> dimensions) {
        return dimensions.entrySet().stream().map(e -> Dimension.builder().name(e.getKey()).value(e.getValue()).build()).toList();
    }

    static Metric toSdk(MetricId id) {
        return Metric.builder().namespace(id.namespace()).metricName(id.metricName()).dimensions(toSdk(id.dimensions())).build();
    }

    static MetricId metricId(Metric metric) {
        return new MetricId(metric.namespace(), metric.metricName(), dimensions(metric.dimensions()));
    }
}
