package io.drc.simulator.http;

import io.drc.simulator.core.AwsError;
import io.drc.simulator.core.AwsService;
import io.drc.simulator.core.FaultRule;
import io.drc.simulator.core.Faults;
import io.drc.simulator.core.Journal;
import io.drc.simulator.core.World;
import io.drc.simulator.protocol.Protocol;
import io.drc.simulator.protocol.QueryParams;
import io.drc.simulator.protocol.UnservedRequests;
import io.drc.simulator.protocol.WireRequest;
import io.drc.simulator.protocol.WireResponse;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkPojo;

/**
 * Routes an AWS request to its service and operation, applies injected faults, runs the operation against the
 * world and records the call in the journal. Returns empty when the call must go unanswered (region down).
 */
public final class AwsDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(AwsDispatcher.class);
    private static final QueryParams FLAT = new QueryParams(false);

    private final World world;
    private final List<AwsService> services;
    private final Faults faults;
    private final Journal journal;

    public AwsDispatcher(World world, List<AwsService> services, Faults faults, Journal journal) {
        this.world = world;
        this.services = List.copyOf(services);
        this.faults = faults;
        this.journal = journal;
    }

    public Optional<WireResponse> handle(WireRequest request) {
        String requestId = UUID.randomUUID().toString();
        AwsService service = serviceFor(request);
        if (service == null) {
            AwsError unserved = UnservedRequests.error(request, services.stream().map(AwsService::signingName).toList());
            journal.record(world.now(), request.region(), String.valueOf(request.signingService()),
                    UnservedRequests.operation(request), Map.of(), unserved.status(), unserved.code());
            return Optional.of(UnservedRequests.write(request, unserved, requestId));
        }
        Protocol protocol = service.protocolFor(request);
        String operation = protocol.operation(request);
        String action = operation == null ? "?" : operation;
        Optional<FaultRule> fault = faults.draw(request.region(), service.signingName(), action);
        if (fault.isPresent() && fault.get().kind() == FaultRule.Kind.LOSE) {
            return world.losing(() -> serve(service, protocol, request, operation, requestId));
        }
        if (fault.isPresent()) {
            Optional<WireResponse> faulted = applyFault(fault.get(), service, protocol, request, action, requestId);
            if (faulted == null) {
                return serve(service, protocol, request, operation, requestId);
            }
            return faulted;
        }
        return serve(service, protocol, request, operation, requestId);
    }

    private Optional<WireResponse> serve(AwsService service, Protocol protocol, WireRequest request, String operation,
                                         String requestId) {
        Map<String, String> params = Map.of();
        try {
            AwsService.Operation method = operation == null ? null : service.operations().get(operation);
            if (method == null) {
                throw protocol.unknownOperation(operation != null ? operation : request.method() + " " + request.path(),
                        service.signingName());
            }
            SdkPojo parsed = protocol.readRequest(request, operation, service.requestBuilder(operation));
            params = FLAT.flatten(parsed);
            SdkPojo response = world.locked(() -> invoke(method, parsed, request.region()));
            journal.record(world.now(), request.region(), service.signingName(), operation, params, 200, null);
            return Optional.of(protocol.writeResponse(operation, response, requestId));
        } catch (AwsError e) {
            journal.record(world.now(), request.region(), service.signingName(), String.valueOf(operation), params,
                    e.status(), e.code());
            return Optional.of(protocol.writeError(e, requestId));
        } catch (RuntimeException e) {
            LOG.error("simulator bug serving {} {}", service.signingName(), operation, e);
            journal.record(world.now(), request.region(), service.signingName(), String.valueOf(operation), params,
                    500, "InternalFailure");
            return Optional.of(protocol.writeError(
                    new AwsError(500, "InternalFailure", "drc simulator failed: " + e), requestId));
        }
    }

    private SdkPojo invoke(AwsService.Operation operation, SdkPojo request, String region) {
        try {
            return (SdkPojo) operation.method().invoke(operation.target(), request, world.region(region));
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the faulted answer, empty for "no answer at all", or null when the call goes on after a delay */
    private Optional<WireResponse> applyFault(FaultRule rule, AwsService service, Protocol protocol, WireRequest request,
                                              String action,
                                              String requestId) {
        AwsError error;
        switch (rule.kind()) {
            case DOWN -> {
                journal.record(world.now(), request.region(), service.signingName(), action, Map.of(), 0, "NoAnswer");
                return Optional.empty();
            }
            case DELAY -> {
                pause(rule.delayMillis());
                return null;
            }
            case THROTTLE -> error = service.throttlingError();
            case LOSE -> throw new IllegalStateException("LOSE faults are served, not answered with an error");
            default -> error = service.serverError();
        }
        journal.record(world.now(), request.region(), service.signingName(), action, Map.of(), error.status(), error.code());
        return Optional.of(protocol.writeError(error, requestId));
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis); // an injected "slow call" fault: the delay is the point
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private AwsService serviceFor(WireRequest request) {
        for (AwsService s : services) {
            if (s.signingName().equals(request.signingService())) {
                return s;
            }
        }
        for (AwsService s : services) {
            if (s.claims(request)) {
                return s;
            }
        }
        return null;
    }
}
