package io.drc.simulator.cloudwatch;

import io.drc.simulator.core.AwsError;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** CloudWatch's basic statistics over the samples of one period. */
final class Statistics {
    static final List<String> NAMES = List.of("SampleCount", "Average", "Sum", "Minimum", "Maximum");

    /** One period's aggregate. */
    record Bucket(Instant start, double sum, double count, double min, double max) {
        double value(String statistic) {
            return switch (statistic) {
                case "SampleCount" -> count;
                case "Average" -> sum / count;
                case "Sum" -> sum;
                case "Minimum" -> min;
                case "Maximum" -> max;
                default -> throw unsupported(statistic);
            };
        }
    }

    private Statistics() {
    }

    static AwsError unsupported(String statistic) {
        return AwsError.badRequest("InvalidParameterValue", "The value " + statistic + " for parameter Statistic is not "
                + "supported by the drc simulator; use one of " + NAMES + ".");
    }

    static void requireKnown(String statistic) {
        if (!NAMES.contains(statistic)) {
            throw unsupported(statistic);
        }
    }

    /** The periods of {@code [start, end)} that hold at least one sample, oldest first. */
    static List<Bucket> buckets(List<Sample> samples, Instant start, Instant end, Duration period) {
        List<Bucket> out = new ArrayList<>();
        for (Instant from = start; from.isBefore(end); from = from.plus(period)) {
            Bucket bucket = aggregate(samples, from, from.plus(period));
            if (bucket != null) {
                out.add(bucket);
            }
        }
        return out;
    }

    /** The aggregate of the samples in {@code [from, to)}, or null when there are none. */
    static Bucket aggregate(List<Sample> samples, Instant from, Instant to) {
        double sum = 0;
        double count = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Sample s : samples) {
            if (!s.at().isBefore(from) && s.at().isBefore(to)) {
                sum += s.sum();
                count += s.count();
                min = Math.min(min, s.min());
                max = Math.max(max, s.max());
            }
        }
        return count == 0 ? null : new Bucket(from, sum, count, min, max);
    }

    /** CloudWatch accepts 1, 5, 10, 30 (high resolution) or a multiple of 60 seconds. */
    static Duration period(Integer seconds) {
        if (seconds == null) {
            throw AwsError.missingParameter("Period");
        }
        if (seconds <= 0 || seconds % 60 != 0 && !List.of(1, 5, 10, 30).contains(seconds)) {
            throw AwsError.badRequest("InvalidParameterValue", "The parameter Period must be a multiple of 60.");
        }
        return Duration.ofSeconds(seconds);
    }
}
