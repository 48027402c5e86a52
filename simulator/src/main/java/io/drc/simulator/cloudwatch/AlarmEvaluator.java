package io.drc.simulator.cloudwatch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides a metric alarm's state the way CloudWatch does at one evaluation, from the datapoints of its evaluation
 * range (pure: no clock, no state). CloudWatch reads more periods than {@code EvaluationPeriods} (N), the
 * <em>evaluation range</em>, and then:
 * <ul>
 * <li>with at least N real datapoints in the range, it judges the N most recent ones and ignores TreatMissingData;
 * <li>with none, {@code missing} gives INSUFFICIENT_DATA, {@code ignore} keeps the state, {@code breaching} ALARM,
 *     {@code notBreaching} OK;
 * <li>with fewer than N, it judges the real ones plus as many missing ones as it takes to make N, counted as
 *     breaching only under {@code breaching}.
 * </ul>
 * ALARM when at least {@code DatapointsToAlarm} (M) of them breach, OK otherwise. State reasons and reason data
 * follow CloudWatch's wording ("Threshold Crossed: 1 out of the last 1 datapoints [950.0 (01/01/26 00:04:00)] was
 * greater than the threshold (900.0) (minimum 1 datapoint for OK -> ALARM transition).").
 */
final class AlarmEvaluator {
    /** Periods read beyond N (AWS documents the range as larger than N; its worked example reads 5 for N = 3). */
    static final int EXTRA_PERIODS = 2;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("dd/MM/yy HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** One period's value of the alarm's statistic. */
    record Datapoint(Instant start, double value, double sampleCount) { }

    /** CloudWatch's {@code StateReasonData}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ReasonData(String version, String queryDate, String startDate, String statistic, String extendedStatistic,
                      int period, List<Double> recentDatapoints, double threshold,
                      List<EvaluatedDatapoint> evaluatedDatapoints) { }

    record EvaluatedDatapoint(String timestamp, double sampleCount, double value) { }

    private AlarmEvaluator() {
    }

    static int rangeLength(Alarm.Config config) {
        return config.evaluationPeriods() + EXTRA_PERIODS;
    }

    /**
     * @param range       the evaluation range, oldest period first, null where a period has no datapoint
     * @param evaluatedAt when the evaluation runs (for the reason data)
     * @return the state the alarm should be in; empty when it keeps its state ({@code ignore} with no data)
     */
    static Optional<Alarm.State> evaluate(Alarm.Config c, List<Datapoint> range, Instant evaluatedAt) {
        int n = c.evaluationPeriods();
        List<Datapoint> real = range.stream().filter(Objects::nonNull).toList();
        if (real.isEmpty()) {
            return noData(c);
        }
        List<Datapoint> evaluated = real.subList(Math.max(0, real.size() - n), real.size());
        int filled = n - evaluated.size();
        boolean missingBreaches = "breaching".equals(c.missingData());
        long breaching = evaluated.stream().filter(d -> breaches(c, d.value())).count() + (missingBreaches ? filled : 0);
        boolean alarm = breaching >= c.datapointsRequired();
        List<Datapoint> shown = newestFirst(evaluated.stream().filter(d -> breaches(c, d.value()) == alarm).toList());
        List<String> parts = new ArrayList<>();
        if (!shown.isEmpty()) {
            parts.add(shown.size() + " out of the last " + evaluated.size() + " datapoints " + values(shown) + " "
                    + (shown.size() == 1 ? "was " : "were ") + (alarm ? "" : "not ") + phrase(c.comparisonOperator())
                    + " the threshold (" + c.threshold() + ")");
        }
        if (filled > 0 && (missingBreaches == alarm || shown.isEmpty())) {
            parts.add(filled + " missing datapoint" + (filled == 1 ? " was" : "s were") + " treated as ["
                    + capitalised(c.missingData()) + "]");
        }
        int m = c.datapointsRequired();
        String reason = "Threshold Crossed: " + String.join(" and ", parts) + " (minimum " + m + " datapoint"
                + (m == 1 ? "" : "s") + " for " + (alarm ? "OK -> ALARM" : "ALARM -> OK") + " transition).";
        return Optional.of(new Alarm.State(alarm ? "ALARM" : "OK", reason, reasonData(c, range, evaluated, evaluatedAt)));
    }

    private static Optional<Alarm.State> noData(Alarm.Config c) {
        int n = c.evaluationPeriods();
        String treat = c.missingData();
        String datapoints = n + " datapoint" + (n == 1 ? " was" : "s were");
        return switch (treat) {
            case "ignore" -> Optional.empty();
            case "missing" -> Optional.of(new Alarm.State("INSUFFICIENT_DATA",
                    "Insufficient Data: " + datapoints + " unknown.", null));
            default -> {
                boolean alarm = "breaching".equals(treat) && n >= c.datapointsRequired();
                yield Optional.of(new Alarm.State(alarm ? "ALARM" : "OK", "Threshold Crossed: no datapoints were received"
                        + " for " + n + " period" + (n == 1 ? "" : "s") + " and " + n + " missing datapoint"
                        + (n == 1 ? " was" : "s were") + " treated as ["
                        + capitalised(treat) + "].", null));
            }
        };
    }

    private static String reasonData(Alarm.Config c, List<Datapoint> range, List<Datapoint> evaluated, Instant at) {
        Datapoint first = range.stream().filter(Objects::nonNull).findFirst().orElseThrow();
        ReasonData data = new ReasonData("1.0", ISO.format(at), ISO.format(first.start()), c.statistic(),
                c.extendedStatistic(), c.period(), evaluated.stream().map(Datapoint::value).toList(), c.threshold(),
                newestFirst(evaluated).stream().map(d -> new EvaluatedDatapoint(ISO.format(d.start()), d.sampleCount(),
                        d.value())).toList());
        try {
            return JSON.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Datapoint> newestFirst(List<Datapoint> oldestFirst) {
        List<Datapoint> out = new ArrayList<>(oldestFirst);
        Collections.reverse(out);
        return out;
    }

    private static String values(List<Datapoint> newestFirst) {
        return newestFirst.stream().map(d -> d.value() + " (" + STAMP.format(d.start()) + ")").toList().toString();
    }

    static boolean breaches(Alarm.Config c, double value) {
        double threshold = c.threshold();
        return switch (c.comparisonOperator()) {
            case "GreaterThanOrEqualToThreshold" -> value >= threshold;
            case "GreaterThanThreshold" -> value > threshold;
            case "LessThanThreshold" -> value < threshold;
            case "LessThanOrEqualToThreshold" -> value <= threshold;
            default -> throw new IllegalArgumentException("unsupported ComparisonOperator " + c.comparisonOperator());
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
