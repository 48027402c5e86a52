package io.drc.simulator.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * CloudWatch's decision at one evaluation, table-tested. A range is written oldest period first: {@code X} a
 * breaching datapoint (20 against a threshold of 10), {@code 0} one within the threshold (5), {@code -} none.
 */
class AlarmEvaluatorTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @ParameterizedTest(name = "{0} of {1}, {2}, missing={3} -> {4}")
    @CsvSource({
            // enough real datapoints in the range: the N most recent decide, TreatMissingData is not used
            "3, 3, 0 0 X X X, missing,      ALARM",
            "3, 3, X X X X 0, missing,      OK",
            "3, 3, X - X - X, notBreaching, ALARM",
            "3, 2, 0 0 X 0 X, missing,      ALARM",
            "3, 2, X X 0 0 X, missing,      OK",
            "1, 1, X 0 -,     breaching,    OK",
            "1, 1, 0 X -,     notBreaching, ALARM",
            // no datapoint at all
            "3, 3, - - - - -, missing,      INSUFFICIENT_DATA",
            "3, 3, - - - - -, ignore,       KEEP",
            "3, 3, - - - - -, breaching,    ALARM",
            "3, 3, - - - - -, notBreaching, OK",
            "1, 1, - - -,     breaching,    ALARM",
            // fewer than N: the missing ones make up N, breaching only under 'breaching'
            "3, 3, - - X - X, breaching,    ALARM",
            "3, 3, - - X - X, notBreaching, OK",
            "3, 3, - - X - X, missing,      OK",
            "3, 3, 0 - - - -, ignore,       OK",
            "3, 2, - - X - X, missing,      ALARM",
    })
    void decidesAsCloudWatchDoes(int n, int m, String range, String treatMissingData, String expected) {
        Alarm.Config config = config(n, m, treatMissingData);
        Optional<Alarm.State> state = AlarmEvaluator.evaluate(config, range(range), START.plusSeconds(600));
        assertThat(state.map(Alarm.State::value).orElse("KEEP")).isEqualTo(expected);
    }

    @Test
    void reasonsAndReasonDataReadAsCloudWatchWritesThem() throws Exception {
        Alarm.State alarm = AlarmEvaluator.evaluate(config(3, 3, null), range("0 0 X X X"),
                Instant.parse("2026-01-01T00:05:00Z")).orElseThrow();
        assertThat(alarm.reason()).isEqualTo("Threshold Crossed: 3 out of the last 3 datapoints [20.0 (01/01/26 00:04:00),"
                + " 20.0 (01/01/26 00:03:00), 20.0 (01/01/26 00:02:00)] were greater than the threshold (10.0)"
                + " (minimum 3 datapoints for OK -> ALARM transition).");
        JsonNode data = new ObjectMapper().readTree(alarm.reasonData());
        assertThat(data.get("version").asText()).isEqualTo("1.0");
        assertThat(data.get("queryDate").asText()).isEqualTo("2026-01-01T00:05:00.000+0000");
        assertThat(data.get("startDate").asText()).isEqualTo("2026-01-01T00:00:00.000+0000");
        assertThat(data.get("statistic").asText()).isEqualTo("Maximum");
        assertThat(data.get("period").asInt()).isEqualTo(60);
        assertThat(data.get("recentDatapoints")).hasSize(3);
        assertThat(data.at("/evaluatedDatapoints/0/timestamp").asText()).isEqualTo("2026-01-01T00:04:00.000+0000");
        assertThat(data.at("/evaluatedDatapoints/0/value").asDouble()).isEqualTo(20.0);

        Alarm.State ok = AlarmEvaluator.evaluate(config(1, 1, null), range("X X 0"), START.plusSeconds(180)).orElseThrow();
        assertThat(ok.reason()).isEqualTo("Threshold Crossed: 1 out of the last 1 datapoints [5.0 (01/01/26 00:02:00)] was"
                + " not greater than the threshold (10.0) (minimum 1 datapoint for ALARM -> OK transition).");

        Alarm.State filled = AlarmEvaluator.evaluate(config(3, 3, "breaching"), range("- - X - X"),
                START.plusSeconds(300)).orElseThrow();
        assertThat(filled.reason()).isEqualTo("Threshold Crossed: 2 out of the last 2 datapoints [20.0 (01/01/26 00:04:00),"
                + " 20.0 (01/01/26 00:02:00)] were greater than the threshold (10.0) and 1 missing datapoint was treated as"
                + " [Breaching] (minimum 3 datapoints for OK -> ALARM transition).");

        assertThat(AlarmEvaluator.evaluate(config(2, 2, null), range("- - - -"), START).orElseThrow().reason())
                .isEqualTo("Insufficient Data: 2 datapoints were unknown.");
        assertThat(AlarmEvaluator.evaluate(config(1, 1, "notBreaching"), range("- - -"), START).orElseThrow().reason())
                .isEqualTo("Threshold Crossed: no datapoints were received for 1 period and 1 missing datapoint was"
                        + " treated as [NotBreaching].");
    }

    private static Alarm.Config config(int n, int m, String treatMissingData) {
        return new Alarm.Config("a", "arn", null, "App", "Errors", Map.of(), "Maximum", null, 60, n, m, 10.0,
                "GreaterThanThreshold", "missing".equals(treatMissingData) ? null : treatMissingData, true, List.of(),
                List.of(), List.of(), null, START);
    }

    private static List<AlarmEvaluator.Datapoint> range(String marks) {
        List<AlarmEvaluator.Datapoint> out = new ArrayList<>();
        String[] periods = marks.trim().split("\\s+");
        for (int i = 0; i < periods.length; i++) {
            Instant at = START.plusSeconds(60L * i);
            out.add(switch (periods[i]) {
                case "X" -> new AlarmEvaluator.Datapoint(at, 20, 1);
                case "0" -> new AlarmEvaluator.Datapoint(at, 5, 1);
                default -> null;
            });
        }
        return out;
    }
}
