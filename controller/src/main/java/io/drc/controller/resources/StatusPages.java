package io.drc.controller.resources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drc.controller.api.StatusResponse;
import io.drc.controller.core.StatusReporter;
import java.io.UncheckedIOException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The status pages as the JSON bytes sent, each assembled once and then served as is until what it was assembled from
 * changes ({@link StatusReporter.Basis}) or it is a second old (its newest recovery points and predicted RPOs). Under
 * load a request costs the basis (two cached readings, the RPO snapshot held in memory, one single-row query) and a
 * map lookup, not a page of objects and their serialisation: 16 clients hammering a daemon that protects 10,000
 * resources must not slow its replication or their own answers (issue 13).
 */
final class StatusPages {
    private static final long FRESH_NANOS = 1_000_000_000L;
    /** Pages kept per basis: the first pages everyone asks for; an unusual cursor is assembled without being kept. */
    private static final int MAX_PAGES = 256;

    private final StatusReporter reporter;
    private final ObjectMapper json;
    private volatile Assembled current;

    private record Assembled(StatusReporter.Basis basis, long atNanos, ConcurrentHashMap<StatusReporter.Page, byte[]> pages) {}

    StatusPages(StatusReporter reporter, ObjectMapper json) {
        this.reporter = reporter;
        this.json = json;
    }

    /** The page's JSON; throws {@link StatusReporter.UnknownCursor} when its cursor names no protected resource. */
    byte[] page(StatusReporter.Page page) {
        StatusReporter.Basis basis = reporter.basis();
        long nanos = System.nanoTime();
        Assembled assembled = current;
        if (assembled == null || !assembled.basis().sameAs(basis) || nanos - assembled.atNanos() >= FRESH_NANOS) {
            assembled = new Assembled(basis, nanos, new ConcurrentHashMap<>());
            current = assembled;
        }
        StatusReporter.Basis from = assembled.basis();
        byte[] cached = assembled.pages().get(page);
        if (cached != null) {
            return cached;
        }
        if (assembled.pages().size() >= MAX_PAGES) {
            return assemble(page, from);
        }
        // One request assembles a page while the others asking for it wait for its bytes.
        return assembled.pages().computeIfAbsent(page, p -> assemble(p, from));
    }

    private byte[] assemble(StatusReporter.Page page, StatusReporter.Basis basis) {
        StatusResponse report = reporter.report(page, basis);
        try {
            return json.writeValueAsBytes(report.withNextCursor(Paging.encode(report.nextCursor())));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
