package io.drc.simulator.http;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.drc.simulator.core.FaultRule;
import io.drc.simulator.core.Faults;
import io.drc.simulator.core.Journal;
import io.drc.simulator.core.ManualClock;
import io.drc.simulator.core.World;
import io.drc.simulator.protocol.WireRequest;
import io.drc.simulator.protocol.WireResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The simulator's own admin API (JSON under {@code /_sim/}): inspect state and the call journal, inject
 * faults, make copies fail, move a manual clock, slow an operation. Documented in the README.
 */
public final class AdminApi {
    private record ClockAdvance(double seconds) { }

    /** {@code POST /_sim/unhealthy-targets}: the targets of matching target groups fail their health checks. */
    private record UnhealthyTargets(String region, String targetGroupPrefix) { }

    private record TimingChange(String key, double seconds) { }

    public static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .setVisibility(PropertyAccessor.GETTER, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final World world;
    private final Faults faults;
    private final Journal journal;
    private final CopyFailureControl copyFailures;
    /** Signing name → the operations the simulator serves for it, for conformance suites and fidelity figures. */
    private final Map<String, java.util.SortedSet<String>> operations;

    public AdminApi(World world, Faults faults, Journal journal, Map<String, java.util.SortedSet<String>> operations) {
        this.world = world;
        this.faults = faults;
        this.journal = journal;
        this.copyFailures = new CopyFailureControl(world);
        this.operations = operations;
    }

    public WireResponse handle(WireRequest request) {
        try {
            return route(request.method(), request.path().substring("/_sim".length()), request);
        } catch (IllegalArgumentException | java.io.IOException e) {
            return json(400, Map.of("message", e.getMessage()));
        }
    }

    private WireResponse route(String method, String path, WireRequest request) throws java.io.IOException {
        return switch (method + " " + path) {
            case "GET /health" -> json(200, Map.of("ok", true, "now", world.now()));
            // The port opens only once the world is built (seeded), so answering at all means ready.
            case "GET /ready" -> json(200, Map.of("ready", true));
            case "GET /operations" -> json(200, operations);
            case "GET /state" -> json(200, snapshot());
            case "GET /calls" -> json(200, Map.of("calls", journal.since(longParam(request, "since"))));
            case "DELETE /calls" -> {
                journal.clear();
                yield json(200, Map.of("cleared", true));
            }
            case "GET /faults" -> json(200, Map.of("faults", faults.rules(), "injected", faults.injectedCount()));
            case "POST /faults" -> json(201, faults.add(JSON.readValue(request.body(), FaultRule.class)));
            case "DELETE /faults" -> {
                faults.clear();
                yield json(200, Map.of("cleared", true));
            }
            case "POST /copy-failures" -> json(201,
                    copyFailures.failNext(JSON.readValue(request.body(), CopyFailureControl.Request.class)));
            case "DELETE /copy-failures" -> json(200, copyFailures.clear());
            case "POST /unhealthy-targets" -> {
                UnhealthyTargets fault = JSON.readValue(request.body(), UnhealthyTargets.class);
                if (fault.region() == null || fault.region().isBlank()) {
                    throw new IllegalArgumentException("'region' is required, e.g. \"us-west-2\"");
                }
                world.locked(() -> io.drc.simulator.elbv2.Elbv2State.of(world.region(fault.region()))
                        .failHealthChecks(fault.targetGroupPrefix()));
                yield json(201, Map.of("region", fault.region(), "targetGroupPrefix", fault.targetGroupPrefix()));
            }
            case "DELETE /unhealthy-targets" -> {
                world.locked(() -> world.regions().values().forEach(r -> io.drc.simulator.elbv2.Elbv2State.of(r).passHealthChecks()));
                yield json(200, Map.of("cleared", true));
            }
            case "POST /clock/advance" -> advanceClock(JSON.readValue(request.body(), ClockAdvance.class));
            case "GET /timings" -> json(200, world.timings().current());
            case "POST /timings" -> {
                TimingChange change = JSON.readValue(request.body(), TimingChange.class);
                world.timings().set(change.key(), Duration.ofMillis(Math.round(change.seconds() * 1000)));
                yield json(200, world.timings().current());
            }
            case "DELETE /timings" -> {
                world.timings().reset();
                yield json(200, world.timings().current());
            }
            default -> path.startsWith("/faults/") && method.equals("DELETE")
                    ? json(faults.remove(path.substring("/faults/".length())) ? 200 : 404, Map.of("id", path))
                    : json(404, Map.of("message", "no admin route " + method + " /_sim" + path
                        + "; see the README's simulator section"));
        };
    }

    private WireResponse advanceClock(ClockAdvance advance) {
        if (!(world.clock() instanceof ManualClock manual)) {
            return json(409, Map.of("message", "the simulator runs on the system clock; start it with a manual clock"));
        }
        manual.advance(Duration.ofMillis(Math.round(advance.seconds() * 1000)));
        return json(200, Map.of("now", world.locked(world::now)));
    }

    /** Every region's service state and the global services, as the simulator holds them right now. */
    public Map<String, Object> snapshot() {
        return world.locked(() -> {
            Map<String, Object> regions = new TreeMap<>();
            world.regions().forEach((name, region) -> {
                Map<String, Object> services = new LinkedHashMap<>();
                region.services().forEach((type, state) -> services.put(type.getSimpleName(), state));
                regions.put(name, services);
            });
            Map<String, Object> globals = new LinkedHashMap<>();
            world.globals().forEach((type, state) -> globals.put(type.getSimpleName(), state));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("now", world.now());
            out.put("regions", regions);
            out.put("global", globals);
            out.put("pendingTransitions", world.pendingTransitions());
            return toTree(out);
        });
    }

    /** Serialised inside the lock so that no one changes the state while it is written. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> toTree(Map<String, Object> value) {
        return JSON.convertValue(value, Map.class);
    }

    private static long longParam(WireRequest request, String name) {
        String raw = request.params().get(name);
        try {
            return raw == null ? 0 : Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("query parameter '" + name + "' must be a whole number, got " + raw);
        }
    }

    private static WireResponse json(int status, Object body) {
        try {
            return WireResponse.json(status, JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
