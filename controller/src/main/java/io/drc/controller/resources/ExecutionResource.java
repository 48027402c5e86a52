package io.drc.controller.resources;

import io.drc.controller.api.ExecutionRequest;
import io.drc.controller.api.ExecutionView;
import io.drc.controller.auth.DrcPrincipal;
import io.drc.controller.auth.Role;
import io.drc.controller.db.AuditLog;
import io.drc.controller.db.ExecutionStore;
import io.drc.controller.engine.ExecutionKind;
import io.drc.controller.engine.ExecutionRecord;
import io.drc.controller.engine.ExecutionService;
import io.drc.controller.errors.ErrorResponses;
import io.drc.controller.errors.RequestIdFilter;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Failovers, fail-backs and the executions they start (API.md "Executions"). Every POST is audited. */
@Path("/api/v1")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class ExecutionResource {
    private static final int LIST_LIMIT = 100;

    private final ExecutionService service;
    private final ExecutionStore store;
    private final AuditLog audit;

    public ExecutionResource(ExecutionService service, ExecutionStore store, AuditLog audit) {
        this.service = service;
        this.store = store;
        this.audit = audit;
    }

    @POST
    @Path("failovers")
    @RolesAllowed(Role.OPERATOR_NAME)
    public Response failover(@Auth DrcPrincipal who, @HeaderParam("Idempotency-Key") String key, ExecutionRequest body) {
        return start(ExecutionKind.FAILOVER, who, key, body);
    }

    @POST
    @Path("failbacks")
    @RolesAllowed(Role.OPERATOR_NAME)
    public Response failback(@Auth DrcPrincipal who, @HeaderParam("Idempotency-Key") String key, ExecutionRequest body) {
        return start(ExecutionKind.FAILBACK, who, key, body);
    }

    @GET
    @Path("executions")
    @RolesAllowed(Role.VIEWER_NAME)
    public Response list(@QueryParam("kind") String kind) {
        Optional<ExecutionKind> filter = Optional.empty();
        if (kind != null && !kind.isBlank()) {
            try {
                filter = Optional.of(ExecutionKind.fromWireName(kind));
            } catch (IllegalArgumentException e) {
                return ErrorResponses.of(400, "invalid_value", "kind: '" + kind + "' is not one of failover, failback, "
                        + "drill; leave it out to list every execution");
            }
        }
        List<ExecutionView> items = store.list(filter.orElse(null), LIST_LIMIT).stream().map(this::view).toList();
        return Response.ok(Map.of("items", items)).build();
    }

    @GET
    @Path("executions/{id}")
    @RolesAllowed(Role.VIEWER_NAME)
    public Response get(@PathParam("id") String id) {
        return store.find(id).map(e -> Response.ok(view(e)).build()).orElseGet(() -> notFound(id));
    }

    @POST
    @Path("executions/{id}/approve")
    @RolesAllowed(Role.OPERATOR_NAME)
    public Response approve(@Auth DrcPrincipal who, @PathParam("id") String id) {
        return act("execution.approve", who, id, e -> service.approve(e, who.getName()));
    }

    @POST
    @Path("executions/{id}/cancel")
    @RolesAllowed(Role.OPERATOR_NAME)
    public Response cancel(@Auth DrcPrincipal who, @PathParam("id") String id) {
        return act("execution.cancel", who, id, e -> service.cancel(e, who.getName()));
    }

    private Response start(ExecutionKind kind, DrcPrincipal who, String key, ExecutionRequest body) {
        ExecutionService.Started started = service.start(kind, body,
                new ExecutionService.Requester(who.getName(), who.role().implies(Role.ADMIN)), blankToNull(key));
        Response response;
        String target = null;
        if (started instanceof ExecutionService.Started.Refused refused) {
            response = refusal(refused.refusal());
        } else if (started instanceof ExecutionService.Started.Plan plan) {
            response = Response.ok(plan.plan()).build();
        } else {
            ExecutionStore.Created created = ((ExecutionService.Started.Execution) started).created();
            target = created.execution().id();
            response = created instanceof ExecutionStore.Created.Conflict
                    ? ErrorResponses.of(409, "execution_running", "execution " + target + " ("
                    + created.execution().kind().wireName() + ", " + created.execution().status() + ") is still "
                    + "running: wait for it, or cancel it with POST /api/v1/executions/" + target + "/cancel")
                    : Response.accepted(view(created.execution()))
                    .location(URI.create("/api/v1/executions/" + target)).build();
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("status", response.getStatus());
        detail.put("request", body);
        detail.put("idempotencyKey", key);
        detail.put("guard", started.guard());
        audit.append(RequestIdFilter.current(), who.getName(), kind.wireName() + ".start", target, detail);
        return response;
    }

    private Response act(String action, DrcPrincipal who, String id,
                         java.util.function.Function<ExecutionRecord, Optional<ExecutionService.Refusal>> change) {
        Optional<ExecutionRecord> execution = store.find(id);
        Response response = execution.isEmpty() ? notFound(id) : change.apply(execution.get())
                .map(ExecutionResource::refusal)
                .orElseGet(() -> Response.ok(view(store.find(id).orElseThrow())).build());
        audit.append(RequestIdFilter.current(), who.getName(), action, id, Map.of("status", response.getStatus()));
        return response;
    }

    private ExecutionView view(ExecutionRecord e) {
        return ExecutionView.of(e, store.steps(e.id()));
    }

    private static Response refusal(ExecutionService.Refusal r) {
        return ErrorResponses.of(r.status(), r.code(), r.message());
    }

    private static Response notFound(String id) {
        return ErrorResponses.of(404, "execution_not_found", "no execution '" + id + "': list them with GET "
                + "/api/v1/executions");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
