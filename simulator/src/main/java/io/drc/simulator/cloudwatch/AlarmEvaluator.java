package io.drc.simulator.cloudwatch;

import io.drc.simulator.core.MetricProvider.MetricId;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Evaluates a metric alarm the way CloudWatch does, over its last {@code EvaluationPeriods} periods ending now:
 * ALARM when at least {@code DatapointsToAlarm} of them breach; missing periods count as TreatMissingData says
 * ({@code missing} by default: with no data at all the alarm has INSUFFICIENT_DATA; {@code ignore} keeps the
 * current state).
 */
final class AlarmEvaluator {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("dd/MM/yy HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private AlarmEvaluator() {
    }

    /** Brings the alarm's state up to date with the data at {@code now}; the timestamp moves only on a change. */
    static void evaluate(Alarm alarm, MetricSource source, Instant now) {
        Alarm.Config c = alarm.config;
        Duration period = Duration.ofSeconds(c.period());
        MetricId metric = new MetricId(c.namespace(), c.metricName(), c.dimensions());
        Instant end = now.plusMillis(1); // the newest period includes a value published this very moment
        Instant start = end.minus(period.multipliedBy(c.evaluationPeriods()));
        List<Sample> samples = source.samples(metric, start, end);
        List<String> shown = new ArrayList<>();
        int breaching = 0;
        int missing = 0;
        for (int i = 0; i < c.evaluationPeriods(); i++) {
            Instant from = start.plus(period.multipliedBy(i));
            Statistics.Bucket bucket = Statistics.aggregate(samples, from, from.plus(period));
            if (bucket == null) {
                missing++;
                continue;
            }
            double value = bucket.value(c.statistic());
            shown.add(value + " (" + STAMP.format(from) + ")");
            breaching += breaches(c.comparisonOperator(), value, c.threshold()) ? 1 : 0;
        }
        String treat = c.treatMissingData() == null ? "missing" : c.treatMissingData();
        if ("breaching".equals(treat)) {
            breaching += missing;
        }
        boolean noData = missing == c.evaluationPeriods();
        if (noData && "ignore".equals(treat)) {
            return;
        }
        if (noData && "missing".equals(treat)) {
            transition(alarm, "INSUFFICIENT_DATA", "Insufficient Data: " + missing + " datapoint"
                    + (missing == 1 ? " was" : "s were") + " unknown.", now);
            return;
        }
        boolean alarming = breaching >= c.datapointsRequired();
        String compared = (alarming ? "was " : "was not ") + phrase(c.comparisonOperator()) + " the threshold ("
                + c.threshold() + ")";
        String data = shown.isEmpty() ? "no datapoints were received for " + missing + " period"
                + (missing == 1 ? "" : "s") + " and " + missing + " missing datapoint" + (missing == 1 ? " was" : "s were")
                + " treated as [" + capitalised(treat) + "]"
                : shown.size() + " out of the last " + c.evaluationPeriods() + " datapoints " + shown + " " + compared;
        transition(alarm, alarming ? "ALARM" : "OK", "Threshold Crossed: " + data + " (minimum " + c.datapointsRequired()
                + " datapoint" + (c.datapointsRequired() == 1 ? "" : "s") + " for "
                + (alarming ? "OK -> ALARM" : "ALARM -> OK") + " transition).", now);
    }

    private static void transition(Alarm alarm, String state, String reason, Instant now) {
        if (!state.equals(alarm.state)) {
            alarm.state = state;
            alarm.reason = reason;
            alarm.stateUpdatedAt = now;
        }
    }

    static boolean breaches(String operator, double value, double threshold) {
        return switch (operator) {
            case "GreaterThanOrEqualToThreshold" -> value >= threshold;
            case "GreaterThanThreshold" -> value > threshold;
            case "LessThanThreshold" -> value < threshold;
            case "LessThanOrEqualToThreshold" -> value <= threshold;
            default -> throw new IllegalArgumentException("unsupported ComparisonOperator " + operator);
        };
    }

    private static String phrase(String operator) {
        return switch (operator) {
            case "GreaterThanOrEqualToThreshold" -> "greater than or equal to";
            case "GreaterThanThreshold" -> "greater than";
            case "LessThanThreshold" -> "less than";
            default -> "less than or equal to";
        };
    }

    private static String capitalised(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
