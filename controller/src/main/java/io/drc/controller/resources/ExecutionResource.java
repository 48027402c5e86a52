package io.drc.controller.resources;

import io.drc.controller.api.ApiLimits;
import io.drc.controller.api.ExecutionList;
import io.drc.controller.api.ExecutionPlan;
import io.drc.controller.api.ExecutionRequest;
import io.drc.controller.api.ExecutionView;
import io.drc.controller.auth.DrcPrincipal;
import io.drc.controller.auth.Role;
import io.drc.controller.db.AuditLog;
import io.drc.controller.db.ExecutionStore;
import io.drc.controller.engine.ExecutionRecord;
import io.drc.controller.engine.ExecutionService;
import io.drc.controller.errors.ErrorResponses;
import io.drc.controller.errors.RequestIdFilter;
import io.drc.strategies.engine.ExecutionKind;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
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
import java.util.regex.Pattern;

/** Failovers, fail-backs and the executions they start (API.md "Executions"). Every POST is audited. */
@Path("/api/v1")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class ExecutionResource {
    private static final int LIST_LIMIT = 100;
    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final Pattern PRINTABLE = Pattern.compile("\\p{Print}+");

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
    @Operation(summary = "Fail over to the DR region (confirm: the DR region); dryRun answers the plan", responses = {
            @ApiResponse(responseCode = "200", description = "the plan of a dry run; nothing changed",
                    content = @Content(schema = @Schema(implementation = ExecutionPlan.class))),
            @ApiResponse(responseCode = "202", description = "the execution started",
                    content = @Content(schema = @Schema(implementation = ExecutionView.class)))})
    public Response failover(@Auth @Parameter(hidden = true) DrcPrincipal who, @HeaderParam(IDEMPOTENCY_KEY) String key,
                             @Valid ExecutionRequest body) {
        return start(ExecutionKind.FAILOVER, who, key, body);
    }

    @POST
    @Path("failbacks")
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "Fail back to the primary region (confirm: the primary region); dryRun answers the plan", responses = {
            @ApiResponse(responseCode = "200", description = "the plan of a dry run; nothing changed",
                    content = @Content(schema = @Schema(implementation = ExecutionPlan.class))),
            @ApiResponse(responseCode = "202", description = "the execution started",
                    content = @Content(schema = @Schema(implementation = ExecutionView.class)))})
    public Response failback(@Auth @Parameter(hidden = true) DrcPrincipal who, @HeaderParam(IDEMPOTENCY_KEY) String key,
                             @Valid ExecutionRequest body) {
        return start(ExecutionKind.FAILBACK, who, key, body);
    }

    @GET
    @Path("executions")
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "Executions, newest first; kind: failover, failback or drill", responses = {
            @ApiResponse(responseCode = "200", description = "the executions",
                    content = @Content(schema = @Schema(implementation = ExecutionList.class)))})
    public Response list(@QueryParam("kind") String kind) {
        Optional<ExecutionKind> filter = Optional.empty();
        if (kind != null && !kind.isBlank()) {
            try {
                filter = Optional.of(ExecutionKind.fromWireName(kind));
            } catch (IllegalArgumentException e) {
                return ErrorResponses.of(400, "invalid_value", "kind: " + ErrorResponses.quote(kind) + " is not one of "
                        + "failover, failback, drill; leave it out to list every execution");
            }
        }
        List<ExecutionView> items = store.list(filter.orElse(null), LIST_LIMIT).stream().map(this::view).toList();
        return Response.ok(new ExecutionList(items)).build();
    }

    @GET
    @Path("executions/{id}")
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "One execution with its steps", responses = {
            @ApiResponse(responseCode = "200", description = "the execution",
                    content = @Content(schema = @Schema(implementation = ExecutionView.class)))})
    public Response get(@PathParam("id") String id) {
        return find(id).map(e -> Response.ok(view(e)).build()).orElseGet(() -> notFound(id));
    }

    @POST
    @Path("executions/{id}/approve")
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "Approve the step waiting for approval", responses = {
            @ApiResponse(responseCode = "200", description = "the execution",
                    content = @Content(schema = @Schema(implementation = ExecutionView.class)))})
    public Response approve(@Auth @Parameter(hidden = true) DrcPrincipal who, @PathParam("id") String id) {
        return act("execution.approve", who, id, e -> service.approve(e, who.getName()));
    }

    @POST
    @Path("executions/{id}/cancel")
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "Cancel a running execution", responses = {
            @ApiResponse(responseCode = "200", description = "the execution",
                    content = @Content(schema = @Schema(implementation = ExecutionView.class)))})
    public Response cancel(@Auth @Parameter(hidden = true) DrcPrincipal who, @PathParam("id") String id) {
        return act("execution.cancel", who, id, e -> service.cancel(e, who.getName()));
    }

    /** Starts an execution of {@code kind} (also for {@link DrillResource}); audited as {@code <kind>.start}. */
    Response start(ExecutionKind kind, DrcPrincipal who, String key, ExecutionRequest body) {
        Optional<Response> badKey = checkKey(key);
        ExecutionService.Started started = badKey.isPresent() ? null
                : service.start(kind, body,
                new ExecutionService.Requester(who.getName(), who.role().implies(Role.ADMIN)), blankToNull(key));
        Response response = badKey.orElseGet(() -> answer(started, key));
        String target = started instanceof ExecutionService.Started.Execution e ? e.created().execution().id() : null;
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("status", response.getStatus());
        detail.put("request", body);
        detail.put("idempotencyKey", key);
        detail.put("guard", started == null ? null : started.guard());
        audit.append(RequestIdFilter.current(), who.getName(), kind.wireName() + ".start", target, detail);
        return response;
    }

    private Response answer(ExecutionService.Started started, String key) {
        if (started instanceof ExecutionService.Started.Refused refused) {
            return refusal(refused.refusal());
        }
        if (started instanceof ExecutionService.Started.Plan plan) {
            return Response.ok(plan.plan()).build();
        }
        return answer(((ExecutionService.Started.Execution) started).created(), key);
    }

    private Response answer(ExecutionStore.Created created, String key) {
        ExecutionRecord execution = created.execution();
        String id = execution.id();
        String what = " (" + execution.kind().wireName() + ", " + execution.status() + ")";
        if (created instanceof ExecutionStore.Created.Conflict) {
            return ErrorResponses.of(409, "execution_running", "execution " + id + what + " is still running: wait for "
                    + "it, or cancel it with POST /api/v1/executions/" + id + "/cancel");
        }
        if (created instanceof ExecutionStore.Created.KeyReused) {
            return ErrorResponses.of(422, "idempotency_key_reused", IDEMPOTENCY_KEY + " " + ErrorResponses.quote(key)
                    + " already started execution " + id + what + " for a different request: resend that request "
                    + "unchanged to get " + id + ", or use a new key for this one");
        }
        return Response.accepted(view(execution)).location(URI.create("/api/v1/executions/" + id)).build();
    }

    /** A key is at most {@value ApiLimits#IDEMPOTENCY_KEY} printable ASCII characters; blank is no key. */
    private static Optional<Response> checkKey(String key) {
        if (key == null || key.isBlank()
                || key.length() <= ApiLimits.IDEMPOTENCY_KEY && PRINTABLE.matcher(key).matches()) {
            return Optional.empty();
        }
        return Optional.of(ErrorResponses.of(400, "invalid_idempotency_key", IDEMPOTENCY_KEY + ": "
                + ErrorResponses.quote(key) + " is not a key: send at most " + ApiLimits.IDEMPOTENCY_KEY
                + " printable ASCII characters (e.g. a UUID), or leave the header out"));
    }

    private Response act(String action, DrcPrincipal who, String id,
                         java.util.function.Function<ExecutionRecord, Optional<ExecutionService.Refusal>> change) {
        Optional<ExecutionRecord> execution = find(id);
        Response response = execution.isEmpty() ? notFound(id) : change.apply(execution.get())
                .map(ExecutionResource::refusal)
                .orElseGet(() -> Response.ok(view(store.find(id).orElseThrow())).build());
        String target = id.length() > ApiLimits.ID ? ErrorResponses.quote(id) : id;
        audit.append(RequestIdFilter.current(), who.getName(), action, target, Map.of("status", response.getStatus()));
        return response;
    }

    /** An id longer than any drc gives cannot name an execution: not found, without asking the store. */
    private Optional<ExecutionRecord> find(String id) {
        return id.length() > ApiLimits.ID ? Optional.empty() : store.find(id);
    }

    private ExecutionView view(ExecutionRecord e) {
        return ExecutionView.of(e, store.steps(e.id()));
    }

    private static Response refusal(ExecutionService.Refusal r) {
        return ErrorResponses.of(r.status(), r.code(), r.message());
    }

    private static Response notFound(String id) {
        return ErrorResponses.of(404, "execution_not_found", "no execution " + ErrorResponses.quote(id) + ": list "
                + "them with GET /api/v1/executions");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
