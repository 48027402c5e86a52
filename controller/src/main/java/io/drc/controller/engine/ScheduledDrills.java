package io.drc.controller.engine;

import io.drc.controller.api.ExecutionRequest;
import io.drc.controller.db.AuditLog;
import io.drc.controller.db.ExecutionStore;
import io.drc.strategies.engine.ExecutionKind;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a {@code drills.schedule} firing does: starts a drill as an operator's request would, through
 * {@link ExecutionService#start} (so a drill beside a recovery or while DR serves is refused the same way, and
 * logged), keyed by the firing's scheduled time, and audits it as {@code drill.start} by {@code drills.schedule}.
 */
public final class ScheduledDrills implements Consumer<Instant> {
    static final String REQUESTER = "drills.schedule";
    private static final Logger LOG = LoggerFactory.getLogger(ScheduledDrills.class);

    private final ExecutionService service;
    private final AuditLog audit;

    public ScheduledDrills(ExecutionService service, AuditLog audit) {
        this.service = service;
        this.audit = audit;
    }

    @Override
    public void accept(Instant scheduledAt) {
        ExecutionRequest request = new ExecutionRequest(null, "scheduled drill (" + REQUESTER + ", " + scheduledAt + ")",
                null, null, null);
        String key = REQUESTER + "/" + scheduledAt;
        ExecutionService.Started started = service.start(ExecutionKind.DRILL, request,
                new ExecutionService.Requester(REQUESTER, false), key);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("request", request);
        detail.put("idempotencyKey", key);
        detail.put("guard", started.guard());
        String target = null;
        if (started instanceof ExecutionService.Started.Execution e) {
            boolean isNew = e.created() instanceof ExecutionStore.Created.New;
            target = isNew ? e.created().execution().id() : null;
            detail.put("answer", e.created().getClass().getSimpleName());
            LOG.info("scheduled drill for {}: {} execution {}", scheduledAt, isNew ? "started" : "not started, found",
                    e.created().execution().id());
        } else if (started instanceof ExecutionService.Started.Refused r) {
            detail.put("refused", r.refusal());
            LOG.warn("scheduled drill for {} not started: {} {}", scheduledAt, r.refusal().code(), r.refusal().message());
        }
        audit.append(null, REQUESTER, "drill.start", target, detail);
    }
}
