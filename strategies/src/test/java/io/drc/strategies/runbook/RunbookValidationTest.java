package io.drc.strategies.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RunbookValidationTest {
    private static final Set<String> KNOWN = Set.of("drc:autoscaling:scaleTo", "drc:approval");

    static Stream<Arguments> parseProblems() {
        return Stream.of(
                Arguments.of("{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Taskk\", \"End\": true}}}",
                        "state 'A': 'Type' must be one of"),
                Arguments.of("{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Task\", \"Resource\": \"drc:x\"}}}",
                        "state 'A': needs exactly one of 'Next'"),
                Arguments.of("{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"End\": true, \"Nxt\": 1}}}",
                        "unknown field 'Nxt'"),
                Arguments.of("{\"StartAt\": \"A\", \"States\": {}}", "'States' must be a non-empty object"),
                Arguments.of("{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Wait\", \"End\": true}}}",
                        "exactly one of 'Seconds' or 'SecondsPath'"),
                Arguments.of("{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Task\", \"Resource\": \"drc:x\", "
                        + "\"End\": true, \"Retry\": [{\"MaxAttempts\": 2}]}}}", "non-empty 'ErrorEquals'"),
                Arguments.of("{\"StartAt\": ", "not valid JSON"),
                Arguments.of("{\"StartAt\": \"A\", \"States\": {\n \"A\": {\"Type\": \"Succeed\"},\n"
                        + " \"A\": {\"Type\": \"Fail\"}}}",
                        "runbooks/test.asl.json: state 'A': is defined twice in one States object (the second at line 3)"),
                Arguments.of("{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Task\", \"Resource\": \"drc:x\","
                        + " \"Next\": \"B\",\n \"Next\": \"C\"}}}",
                        "key 'Next' is given twice in /States/A (the second at line 2)"));
    }

    @ParameterizedTest
    @MethodSource("parseProblems")
    void parserNamesStateAndReason(String json, String expected) {
        assertThatThrownBy(() -> RunbookParser.parse("runbooks/test.asl.json", json))
                .isInstanceOf(RunbookException.class)
                .hasMessageContaining("runbooks/test.asl.json")
                .hasMessageContaining(expected);
    }

    static Stream<Arguments> validationProblems() {
        return Stream.of(
                Arguments.of(task("A", "drc:nope:never", "\"End\": true"), "state 'A': Resource 'drc:nope:never' is not a known"),
                Arguments.of(task("A", "drc:autoscaling:scaleTo", "\"Next\": \"Missing\""), "dangling Next"),
                Arguments.of("{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Succeed\"}, "
                        + "\"Orphan\": {\"Type\": \"Succeed\"}}}", "state 'Orphan': is unreachable"),
                Arguments.of("{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Task\", \"Resource\": "
                        + "\"drc:autoscaling:scaleTo\", \"Parameters\": {\"n.$\": \"desired\"}, \"End\": true}}}",
                        "bad path: 'desired' is not a JSONPath"),
                Arguments.of("{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Task\", \"Resource\": "
                        + "\"drc:autoscaling:scaleTo\", \"ResultPath\": \"$[0]\", \"End\": true}}}",
                        "ResultPath '$[0]' must be"),
                Arguments.of("{\"StartAt\": \"Z\", \"States\": {\"A\": {\"Type\": \"Succeed\"}}}", "StartAt 'Z' names no state"),
                Arguments.of("{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Parallel\", \"End\": true, \"Branches\": ["
                        + "{\"StartAt\": \"B\", \"States\": {\"B\": {\"Type\": \"Task\", \"Resource\": \"drc:bad\", \"End\": true}}}]}}}",
                        "test.asl.json#P.Branches[0]: state 'B': Resource 'drc:bad'"),
                Arguments.of("{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Wait\", \"Seconds\": 5, \"Next\": \"B\"},"
                        + " \"B\": {\"Type\": \"Pass\", \"Next\": \"A\"}, \"C\": {\"Type\": \"Succeed\"}}}",
                        "state 'A': can reach no end (End: true, Succeed or Fail)"),
                Arguments.of("{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Choice\", \"Choices\": [{\"Variable\": "
                        + "\"$.n\", \"NumericGreaterThan\": 1, \"Next\": \"A\"}], \"Default\": \"A\"}}}",
                        "state 'A': can reach no end"),
                Arguments.of("{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Parallel\", \"End\": true, \"Branches\": ["
                        + "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Succeed\"}}}]}}}",
                        "test.asl.json#P.Branches[0]: state 'P': the state name is also used in runbooks/test.asl.json"));
    }

    @ParameterizedTest
    @MethodSource("validationProblems")
    void validatorNamesFileStateAndReason(String json, String expected) {
        List<RunbookProblem> problems = RunbookValidator.validate(RunbookParser.parse("runbooks/test.asl.json", json),
                KNOWN::contains);
        assertThat(problems).extracting(RunbookProblem::toString).anySatisfy(p -> assertThat(p).contains(expected));
    }

    @ParameterizedTest
    @MethodSource("validRunbooks")
    void validRunbookHasNoProblems(String json) {
        assertThat(RunbookValidator.validate(RunbookParser.parse("ok.asl.json", json), KNOWN::contains)).isEmpty();
    }

    static Stream<String> validRunbooks() {
        return Stream.of(task("A", "drc:autoscaling:scaleTo", "\"End\": true"),
                // a loop with a way out: the Catch
                "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Task\", \"Resource\": \"drc:autoscaling:scaleTo\", "
                        + "\"Next\": \"A\", \"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"F\"}]}, "
                        + "\"F\": {\"Type\": \"Fail\"}}}",
                "{\"StartAt\": \"C\", \"States\": {\"C\": {\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.n\", "
                        + "\"NumericGreaterThan\": 1, \"Next\": \"Y\"}], \"Default\": \"N\"}, \"Y\": {\"Type\": \"Succeed\"}, "
                        + "\"N\": {\"Type\": \"Fail\", \"Error\": \"Nope\"}}}");
    }

    private static String task(String name, String resource, String transition) {
        return "{\"StartAt\": \"" + name + "\", \"States\": {\"" + name + "\": {\"Type\": \"Task\", \"Resource\": \""
                + resource + "\", " + transition + "}}}";
    }
}
