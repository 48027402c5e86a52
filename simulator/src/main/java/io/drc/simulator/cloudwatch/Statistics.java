package io.drc.simulator.cloudwatch;

import io.drc.simulator.core.AwsError;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** CloudWatch's statistics over the samples of one period: the basic five and percentiles ({@code p99}, {@code p99.9}). */
final class Statistics {
    static final List<String> NAMES = List.of("SampleCount", "Average", "Sum", "Minimum", "Maximum");
    private static final Pattern PERCENTILE = Pattern.compile("p(\\d{1,3}(?:\\.\\d{1,10})?)");
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
    private static final Duration HOUR = Duration.ofHours(1);

    /**
     * One period's aggregate. {@code values} holds the single values published in it (a value repeated
     * {@code count} times is one entry), sorted, for percentiles; it is null when a statistic set was published
     * in the period, whose values CloudWatch does not have either.
     */
    record Bucket(Instant start, double sum, double count, double min, double max, List<Sample> values) {
        /** The statistic's value, or null when it cannot be computed (a percentile over statistic sets). */
        Double value(String statistic) {
            return switch (statistic) {
                case "SampleCount" -> count;
                case "Average" -> sum / count;
                case "Sum" -> sum;
                case "Minimum" -> min;
                case "Maximum" -> max;
                default -> percentile(percentileOf(statistic));
            };
        }

        /** Nearest rank over the weighted values: the smallest value with at least {@code p}% of the samples at or below it. */
        private Double percentile(double p) {
            if (values == null) {
                return null;
            }
            double rank = Math.max(1, Math.ceil(p / 100 * count));
            double seen = 0;
            for (Sample s : values) {
                seen += s.count();
                if (seen >= rank) {
                    return s.min();
                }
            }
            return max;
        }
    }

    private Statistics() {
    }

    static AwsError unsupported(String statistic) {
        return AwsError.badRequest("InvalidParameterValue", "The value " + statistic + " for parameter Statistic is not "
                + "supported by the drc simulator; use one of " + NAMES + " or a percentile p0 to p100.");
    }

    static boolean isPercentile(String statistic) {
        Matcher m = PERCENTILE.matcher(statistic);
        return m.matches() && Double.parseDouble(m.group(1)) <= 100;
    }

    private static double percentileOf(String statistic) {
        if (!isPercentile(statistic)) {
            throw unsupported(statistic);
        }
        return Double.parseDouble(statistic.substring(1));
    }

    /** A basic statistic or a percentile. */
    static void requireKnown(String statistic) {
        if (!NAMES.contains(statistic) && !isPercentile(statistic)) {
            throw unsupported(statistic);
        }
    }

    static void requirePercentile(String statistic, String parameter) {
        if (!isPercentile(statistic)) {
            throw AwsError.badRequest("InvalidParameterValue", "The value " + statistic + " for parameter " + parameter
                    + " is not a percentile such as p99 or p99.9 (between p0 and p100); the drc simulator does not"
                    + " compute trimmed means.");
        }
    }

    /**
     * Where the periods of a query start, as CloudWatch rounds its StartTime: periods under a minute (high
     * resolution) on a multiple of the period; otherwise down to the minute when the start is at most 15 days ago, to
     * 5 minutes up to 63 days ago, to the hour before that.
     */
    static Instant alignedStart(Instant start, Duration period, Instant now) {
        if (period.compareTo(MINUTE) < 0) {
            return floor(start, period);
        }
        Duration age = Duration.between(start, now);
        Duration unit = age.compareTo(Duration.ofDays(15)) <= 0 ? MINUTE
                : age.compareTo(Duration.ofDays(63)) <= 0 ? FIVE_MINUTES : HOUR;
        return floor(start, unit);
    }

    /** {@code t} rounded down to a multiple of {@code unit} since the epoch (a 60 s period starts on whole minutes). */
    static Instant floor(Instant t, Duration unit) {
        long step = unit.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), step) * step);
    }

    /** The periods from {@code start} (already aligned) up to {@code end} that hold at least one sample, oldest first. */
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
        List<Sample> values = new ArrayList<>();
        for (Sample s : samples) {
            if (!s.at().isBefore(from) && s.at().isBefore(to)) {
                sum += s.sum();
                count += s.count();
                min = Math.min(min, s.min());
                max = Math.max(max, s.max());
                if (values != null && s.single()) {
                    values.add(s);
                } else {
                    values = null;
                }
            }
        }
        if (count == 0) {
            return null;
        }
        if (values != null) {
            values.sort(Comparator.comparingDouble(Sample::min));
        }
        return new Bucket(from, sum, count, min, max, values == null ? null : List.copyOf(values));
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
