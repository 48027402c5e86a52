package io.drc.strategies.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drc.strategies.handlers.LoggingHooks;
import io.drc.strategies.handlers.StepHandlerCatalog;
import io.drc.strategies.serving.ServingTopology;
import io.drc.strategies.step.StepHandlers;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Task's Parameters checked, when the runbook is loaded, against the input it will be given and the step
 * handler's parameter record: a reference to nothing or a parameter the handler would refuse is a problem naming
 * the state; results of states that may run earlier count as present.
 */
class ParameterValidatorTest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.ALLOW_SINGLE_QUOTES);
    /** Handlers touch AWS only when they run: their parameter types are all the validator needs. */
    private static final StepHandlers HANDLERS = StepHandlerCatalog.all(null, new LoggingHooks(), ServingTopology.none());
    private static final String INPUT = "{'from': 'us-east-1', 'to': 'us-west-2',"
            + " 'source': {'region': 'us-east-1', 'db': null},"
            + " 'target': {'region': 'us-west-2', 'groups': [{'name': 'web', 'min': 4, 'desired': 4, 'max': 8}],"
            + "   'db': {'instanceId': 'shop-db-replica', 'instanceClass': null, 'multiAz': true}}}";

    private static final String SCALE = "'Type': 'Task', 'Resource': 'drc:autoscaling:scaleTo', 'ResultPath': null";
    private static final String SNAPSHOT = "'Type': 'Task', 'Resource': 'drc:rds:createSnapshot', 'ResultPath': '$.snap',"
            + " 'Parameters': {'region.$': '$.target.region', 'dbInstanceId.$': '$.target.db.instanceId'}";
    private static final String AWAIT_SNAPSHOT = "'Type': 'Task', 'Resource': 'drc:rds:awaitSnapshot', 'ResultPath': null,"
            + " 'Parameters': {'region.$': '$.target.region', 'snapshotId.$': '$.snap.snapshotId'}";

    static Stream<Arguments> runbooks() {
        return Stream.of(
                Arguments.of(states("'A': {" + SCALE + ", 'Parameters': {'region.$': '$.target.region', "
                        + "'groups.$': '$.target.groups'}, 'End': true}"), List.of()),
                Arguments.of(states("'A': {" + SCALE + ", 'Parameters': {'region.$': '$.target.region', "
                        + "'groups.$': '$.target.groupz'}, 'End': true}"), List.of("state 'A': Parameters 'groups.$': path "
                        + "'$.target.groupz' does not exist in the state input (the runbook input), and no state before "
                        + "this one writes it with its ResultPath")),
                // a group written into the runbook without min: refused when loaded, never a scale to zero
                Arguments.of(states("'A': {" + SCALE + ", 'Parameters': {'region.$': '$.target.region', "
                        + "'groups': [{'name': 'web', 'desired': 2, 'max': 4}]}, 'End': true}"),
                        List.of("state 'A': parameter 'groups[0].min' is required (missing or null)")),
                Arguments.of(states("'A': {'Type': 'Task', 'Resource': 'drc:rds:promoteReplica', 'Parameters': "
                        + "{'region.$': '$.source.region', 'dbInstanceId.$': '$.source.db.instanceId'}, 'End': true}"),
                        List.of("state 'A': Parameters 'dbInstanceId.$': path '$.source.db.instanceId' does not exist")),
                Arguments.of(states("'A': {'Type': 'Task', 'Resource': 'drc:rds:awaitAvailable', 'Parameters': "
                        + "{'region.$': '$.target.region', 'dbInstanceId.$': '$.target.db.instanceId', 'standAlone': true},"
                        + " 'End': true}"), List.of("state 'A': parameter 'standAlone' is not a parameter of this step")),
                Arguments.of(states("'A': {'Type': 'Task', 'Resource': 'drc:rds:modify', 'Parameters': "
                        + "{'region.$': '$.target.region', 'dbInstanceId.$': '$.target.db.instanceId', "
                        + "'instanceClass.$': '$.target.db.instanceClass', 'multiAz.$': '$.target.db.multiAz'}, 'End': true}"),
                        List.of()),
                // an earlier state's result: unknown until the run, so taken as there
                Arguments.of(states("'A': {" + SNAPSHOT + ", 'Next': 'B'}, 'B': {" + AWAIT_SNAPSHOT + ", 'End': true}"),
                        List.of()),
                // ... but not a later state's
                Arguments.of(states("'B': {" + AWAIT_SNAPSHOT + ", 'Next': 'A'}, 'A': {" + SNAPSHOT + ", 'End': true}")
                                .replace("'StartAt': 'A'", "'StartAt': 'B'"),
                        List.of("state 'B': Parameters 'snapshotId.$': path '$.snap.snapshotId' does not exist")),
                // written before a Parallel: seen in its branches
                Arguments.of(states("'A': {" + SNAPSHOT + ", 'Next': 'P'}, 'P': {'Type': 'Parallel', 'End': true, "
                        + "'Branches': [{'StartAt': 'B', 'States': {'B': {" + AWAIT_SNAPSHOT + ", 'End': true}}}]}"),
                        List.of()),
                // written in a branch: gone after the Parallel, whose output is its ResultPath's
                Arguments.of(states("'P': {'Type': 'Parallel', 'ResultPath': null, 'Next': 'B', 'Branches': "
                                + "[{'StartAt': 'A', 'States': {'A': {" + SNAPSHOT + ", 'End': true}}}]}, 'B': {"
                                + AWAIT_SNAPSHOT + ", 'End': true}").replace("'StartAt': 'A', 'States': {'P'",
                                "'StartAt': 'P', 'States': {'P'"),
                        List.of("state 'B': Parameters 'snapshotId.$': path '$.snap.snapshotId' does not exist")),
                // a Catch's ResultPath, on the way it catches
                Arguments.of(states("'A': {" + SNAPSHOT.replace("'$.snap'", "null") + ", 'Next': 'Done', 'Catch': "
                        + "[{'ErrorEquals': ['States.ALL'], 'ResultPath': '$.snap', 'Next': 'B'}]}, 'B': {" + AWAIT_SNAPSHOT
                        + ", 'End': true}, 'Done': {'Type': 'Succeed'}"), List.of()));
    }

    @ParameterizedTest
    @MethodSource("runbooks")
    void checksEveryTaskAgainstTheInputAndItsHandler(String runbook, List<String> expected) throws Exception {
        Runbook parsed = RunbookParser.parse("test.asl.json", runbook.replace('\'', '"'));
        JsonNode input = JSON.readTree(INPUT);

        List<String> problems = ParameterValidator.validate(parsed, input, HANDLERS::parameterProblem).stream()
                .map(RunbookProblem::toString).toList();

        assertThat(problems).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(problems.get(i)).startsWith("test.asl.json").contains(expected.get(i));
        }
    }

    private static String states(String states) {
        return "{'StartAt': 'A', 'States': {" + states + "}}";
    }
}
