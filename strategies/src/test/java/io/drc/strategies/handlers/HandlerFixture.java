package io.drc.strategies.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drc.simulator.Simulator;
import io.drc.simulator.SimulatorClients;
import io.drc.simulator.SimulatorOptions;
import io.drc.simulator.core.Journal;
import io.drc.simulator.core.ManualClock;
import io.drc.simulator.demo.DemoSeeder;
import io.drc.strategies.aws.AwsClients;
import io.drc.strategies.aws.DrcTags;
import io.drc.strategies.aws.AwsSettings;
import io.drc.strategies.step.StepContext;
import io.drc.strategies.step.StepFailures;
import io.drc.strategies.step.StepHandler;
import io.drc.strategies.step.StepResult;
import java.time.Duration;
import java.time.Instant;
import io.drc.strategies.serving.ServingCheck;
import io.drc.strategies.serving.ServingTopology;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * A simulator on a manual clock, seeded with the demo application (us-east-1 primary, us-west-2 DR), and
 * {@link AwsClients} built the way the daemon builds them, pointed at it over HTTP. One SDK attempt per call so
 * that injected throttling and dropped connections reach the handler at once.
 */
final class HandlerFixture implements AutoCloseable {
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    static final String EXECUTION = "7F3E9A2C-1b2c-4d5e-8f90-123456789abc";
    static final String EAST = "us-east-1";
    static final String WEST = "us-west-2";
    /** The demo application's production resources, as the daemon builds them from config/demo.yml. */
    static final ServingTopology DEMO_PRODUCTION = new ServingTopology("Z0000000000001", "shop.example.com.", List.of(
            new ServingTopology.Site(EAST, "primary", "shop-db", List.of("web")),
            new ServingTopology.Site(WEST, "dr", "shop-db-replica", List.of("web"))));
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.ALLOW_SINGLE_QUOTES);

    final Simulator simulator;
    final AwsClients aws;
    final SimulatorClients clients;

    private HandlerFixture() {
        simulator = Simulator.start(SimulatorOptions.defaults().withPort(0).withClock(new ManualClock(START)));
        DemoSeeder.seedExisting(simulator);
        clients = new SimulatorClients(simulator.endpoint());
        aws = new AwsClients(new AwsSettings(simulator.endpoint(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")), Map.of(),
                RetryMode.STANDARD, 1, Duration.ofSeconds(10)));
        simulator.journal().clear();
    }

    /** The destructive-step guard over the demo's production resources. */
    ServingCheck production() {
        return new ServingCheck(aws, DEMO_PRODUCTION);
    }

    /** A guard that knows no production resource: for tests of what a step does, not of when it may. */
    ServingCheck noProduction() {
        return new ServingCheck(aws, ServingTopology.none());
    }

    static HandlerFixture demo() {
        return new HandlerFixture();
    }

    /** Parameters written as JSON with single quotes: {@code params("{'region': 'us-west-2'}")}. */
    static JsonNode params(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    StepContext context(JsonNode params, JsonNode checkpoint) {
        Instant now = simulator.manualClock().instant();
        return new StepContext(EXECUTION, "Step", params, checkpoint, 1, now, now);
    }

    /** One call as the runner makes it: what the handler threw is classified. */
    StepResult call(StepHandler handler, JsonNode params) {
        try {
            return handler.execute(context(params, null));
        } catch (RuntimeException e) {
            return StepFailures.classify(e);
        }
    }

    StepResult.Succeeded succeeds(StepHandler handler, JsonNode params) {
        StepResult result = call(handler, params);
        assertThat(result).isInstanceOf(StepResult.Succeeded.class);
        return (StepResult.Succeeded) result;
    }

    StepResult.Running running(StepHandler handler, JsonNode params) {
        StepResult result = call(handler, params);
        assertThat(result).isInstanceOf(StepResult.Running.class);
        return (StepResult.Running) result;
    }

    StepResult.Failed fails(StepHandler handler, JsonNode params) {
        StepResult result = call(handler, params);
        assertThat(result).isInstanceOf(StepResult.Failed.class);
        return (StepResult.Failed) result;
    }

    /** An await that succeeded: after how many Running answers, and its result. */
    record Awaited(int polls, StepResult.Succeeded result) { }

    /**
     * Calls an await handler as the runner would: while Running, the manual clock moves by its pollAfter and
     * the checkpoint goes back in. Returns the number of Running answers before it succeeded.
     */
    int awaitSuccess(StepHandler handler, JsonNode params, int maxPolls) {
        return awaited(handler, params, maxPolls).polls();
    }

    /** {@link #awaitSuccess}, with the step's result. */
    Awaited awaited(StepHandler handler, JsonNode params, int maxPolls) {
        JsonNode checkpoint = null;
        for (int polls = 0; polls <= maxPolls; polls++) {
            StepResult result = handler.execute(context(params, checkpoint));
            if (result instanceof StepResult.Succeeded succeeded) {
                return new Awaited(polls, succeeded);
            }
            if (!(result instanceof StepResult.Running running)) {
                return fail("%s failed: %s", handler.resource(), result);
            }
            assertThat(running.pollAfter()).isPositive();
            checkpoint = running.checkpoint();
            simulator.manualClock().advance(running.pollAfter());
        }
        return fail("%s still running after %d polls", handler.resource(), maxPolls);
    }

    void advance(String timingKey) {
        simulator.manualClock().advance(simulator.world().timings().of(timingKey));
    }

    /** An available AMI in us-west-2 tagged as replication tags the recovery points of {@code resource}. */
    String drImage(String name, String resource, String sourceTime) {
        try (var ec2 = clients.ec2(WEST)) {
            String instance = ec2.runInstances(r -> r.imageId(io.drc.simulator.ec2.Ec2State.BASE_IMAGE_ID)
                    .instanceType("t3.medium").minCount(1).maxCount(1)).instances().get(0).instanceId();
            advance("ec2.instance.launch");
            String id = ec2.createImage(r -> r.instanceId(instance).name(name).noReboot(true).tagSpecifications(t -> t
                    .resourceType(ResourceType.IMAGE).tags(tag -> tag.key(DrcTags.RESOURCE).value(resource),
                            tag -> tag.key(DrcTags.SOURCE_TIME).value(sourceTime)))).imageId();
            advance("ec2.image.create");
            simulator.journal().clear();
            return id;
        }
    }

    List<Journal.Call> mutating(String action) {
        return simulator.journal().select(c -> c.mutating() && c.action().equals(action));
    }

    List<Journal.Call> allMutating() {
        return simulator.journal().select(Journal.Call::mutating);
    }

    @Override
    public void close() {
        aws.close();
        simulator.close();
    }
}
