package io.drc.strategies.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drc.strategies.step.StepParameters.OptionalParameter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Reading a Task's Parameters into a record: what is refused, and how the refusal names state and parameter. */
class StepParametersTest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.ALLOW_SINGLE_QUOTES);
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    record Group(String name, int min, int desired, int max) { }

    record Scale(String region, List<Group> groups, @OptionalParameter String instanceClass,
                 @OptionalParameter Boolean multiAz, @OptionalParameter Map<String, Integer> weights) {
        Scale {
            if ("forbidden".equals(instanceClass)) {
                throw StepParameters.invalid("instanceClass", "is not allowed here");
            }
        }
    }

    private static final String GROUP = "{'name': 'web', 'min': 1, 'desired': 2, 'max': 4}";

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("{'groups': [" + GROUP + "]}", "parameter 'region' is required (missing or null)"),
                Arguments.of("{'region': null, 'groups': [" + GROUP + "]}", "parameter 'region' is required"),
                Arguments.of("{'region': '  ', 'groups': [" + GROUP + "]}", "parameter 'region' must not be blank"),
                Arguments.of("{'region': 5, 'groups': [" + GROUP + "]}", "parameter 'region' must be text, was 5"),
                Arguments.of("{'region': 'r'}", "parameter 'groups' is required"),
                Arguments.of("{'region': 'r', 'groups': [{'name': 'web', 'desired': 2, 'max': 4}]}",
                        "parameter 'groups[0].min' is required (missing or null)"),
                Arguments.of("{'region': 'r', 'groups': [" + GROUP + ", {'name': 'api', 'min': null, 'desired': 2, 'max': 4}]}",
                        "parameter 'groups[1].min' is required"),
                Arguments.of("{'region': 'r', 'groups': [{'name': 'web', 'min': '1', 'desired': 2, 'max': 4}]}",
                        "parameter 'groups[0].min' must be a whole number, was \"1\""),
                Arguments.of("{'region': 'r', 'groups': [{'name': 'web', 'min': 1.5, 'desired': 2, 'max': 4}]}",
                        "parameter 'groups[0].min' must be a whole number, was 1.5"),
                Arguments.of("{'region': 'r', 'groups': [{'name': 'web', 'min': true, 'desired': 2, 'max': 4}]}",
                        "parameter 'groups[0].min' must be a whole number, was true"),
                Arguments.of("{'region': 'r', 'groups': {'name': 'web'}}", "parameter 'groups' must be an array"),
                Arguments.of("{'region': 'r', 'groups': [null]}", "parameter 'groups[0]' is required"),
                Arguments.of("{'region': 'r', 'groups': [], 'multiAz': 'true'}",
                        "parameter 'multiAz' must be true or false, was \"true\""),
                Arguments.of("{'region': 'r', 'groups': [], 'multiAz': 1}", "parameter 'multiAz' must be true or false, was 1"),
                Arguments.of("{'region': 'r', 'groups': [], 'weights': {'dr': '100'}}",
                        "parameter 'weights.dr' must be a whole number, was \"100\""),
                Arguments.of("{'region': 'r', 'groups': [], 'standAlone': true}",
                        "parameter 'standAlone' is not a parameter of this step; its parameters are [groups, instanceClass, "
                                + "multiAz, region, weights]"),
                Arguments.of("{'region': 'r', 'groups': [], 'instanceClass': 'forbidden'}",
                        "parameter 'instanceClass' is not allowed here"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("refused")
    void refusesNamingStateAndParameter(String parameters, String expected) {
        StepContext context = new StepContext("e-1", "ScaleWebTier", json(parameters), null, 1, NOW, NOW);

        assertThatThrownBy(() -> StepParameters.read(context, Scale.class))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith("step 'ScaleWebTier': " + expected);
        assertThat(StepFailures.classify(catchInvalid(context)).error()).isEqualTo("Drc.InvalidRunbook");
        assertThat(StepParameters.problem(Scale.class, json(parameters), Set.of())).hasValueSatisfying(
                problem -> assertThat(problem).startsWith(expected));
    }

    @Test
    void readsExactValuesAndLeavesOptionalOnesNull() {
        Scale scale = StepParameters.read(new StepContext("e-1", "S", json("{'region': 'us-west-2', 'groups': [" + GROUP
                + "], 'instanceClass': null, 'weights': {'primary': 0, 'dr': 100}}"), null, 1, NOW, NOW), Scale.class);

        assertThat(scale).isEqualTo(new Scale("us-west-2", List.of(new Group("web", 1, 2, 4)), null, null,
                Map.of("primary", 0, "dr", 100)));
    }

    @Test
    void parametersFromEarlierResultsCountAsPresentWhenChecking() {
        assertThat(StepParameters.problem(Scale.class, json("{'region': null, 'groups': null}"), Set.of("region", "groups")))
                .isEmpty();
        assertThat(StepParameters.problem(Scale.class, json("{'region': null, 'groups': [{'name': 'web'}]}"), Set.of("region")))
                .hasValue("parameter 'groups[0].min' is required (missing or null)");
        assertThat(StepParameters.problem(StepParameters.None.class, json("{'anything': 1}"), Set.of())).isEmpty();
    }

    private static RuntimeException catchInvalid(StepContext context) {
        try {
            StepParameters.read(context, Scale.class);
            throw new AssertionError("not refused");
        } catch (InvalidParameterException e) {
            return e;
        }
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
