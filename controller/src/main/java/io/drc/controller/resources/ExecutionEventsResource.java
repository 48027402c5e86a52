package io.drc.controller.resources;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.drc.controller.api.ApiLimits;
import io.drc.controller.api.ExecutionEvent;
import io.drc.controller.auth.Role;
import io.drc.controller.db.ExecutionEvents;
import io.drc.controller.db.ExecutionStore;
import io.drc.controller.engine.ExecutionRecord;
import io.drc.controller.errors.ErrorResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.glassfish.jersey.server.ChunkedOutput;

/**
 * {@code GET /api/v1/executions/{id}/events}: the execution's events as Server-Sent Events, from the store, oldest
 * first, from after {@code Last-Event-ID} when the client sends one. The stream ends after the execution's
 * {@code execution.ended} event; while it runs, the store is polled and a comment keeps idle connections open.
 */
@Path("/api/v1/executions/{id}/events")
public final class ExecutionEventsResource {
    public static final String EVENT_STREAM = "text/event-stream";
    private static final int BATCH = 500;
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private final ExecutionStore store;
    private final ExecutionEvents events;
    private final ObjectMapper json;
    private final Duration poll;
    private final ExecutorService streams;

    /** {@code streams} runs one task per open stream, so a Jetty thread is not held while a client listens. */
    public ExecutionEventsResource(ExecutionStore store, ExecutionEvents events, ObjectMapper json, Duration poll,
                                   ExecutorService streams) {
        this.store = store;
        this.events = events;
        this.json = json;
        this.poll = poll;
        this.streams = streams;
    }

    @GET
    @Produces({EVENT_STREAM, "application/json"})
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "The execution's events as Server-Sent Events (each data line an ExecutionEvent); resumable with Last-Event-ID", responses = {
            @ApiResponse(responseCode = "200", description = "text/event-stream: id, event (the type) and data (an ExecutionEvent) per event",
                    content = @Content(mediaType = "text/event-stream", schema = @Schema(implementation = ExecutionEvent.class)))})
    public Response events(@PathParam("id") String id, @HeaderParam("Last-Event-ID") String lastEventId) {
        Optional<Long> after = parse(lastEventId);
        if (after.isEmpty()) {
            return ErrorResponses.of(400, "invalid_last_event_id", "Last-Event-ID: " + ErrorResponses.quote(lastEventId)
                    + " is not an event id: send the id of the last event received (a whole number), or leave the "
                    + "header out to receive every event");
        }
        if (id.length() > ApiLimits.ID || store.find(id).isEmpty()) {
            return ErrorResponses.of(404, "execution_not_found", "no execution " + ErrorResponses.quote(id)
                    + ": list them with GET /api/v1/executions");
        }
        // ChunkedOutput, not StreamingOutput: Jersey buffers a StreamingOutput's first 8 KiB, flush or not
        ChunkedOutput<String> stream = new ChunkedOutput<>(String.class);
        streams.execute(() -> {
            try (stream) {
                pump(id, after.get(), stream);
            } catch (IOException e) {
                // the client went away: nothing to tell anyone
            }
        });
        return Response.ok(stream, EVENT_STREAM).header("Cache-Control", "no-cache")
                .header("X-Accel-Buffering", "no").build();
    }

    private static Optional<Long> parse(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return Optional.of(0L);
        }
        try {
            long id = Long.parseLong(lastEventId.strip());
            return id < 0 ? Optional.empty() : Optional.of(id);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Writes events until the execution has ended and every event is out, or the client goes away. */
    private void pump(String id, long after, ChunkedOutput<String> out) throws IOException {
        long last = after;
        Instant lastWrite = Instant.now();
        write(out, "retry: 1000\n\n");
        while (true) {
            boolean ended = store.find(id).map(ExecutionRecord::status).map(s -> s.ended()).orElse(true);
            List<ExecutionEvent> batch = events.after(id, last, BATCH);
            for (ExecutionEvent event : batch) {
                write(out, "id: " + event.id() + "\nevent: " + event.type() + "\ndata: "
                        + json.writeValueAsString(event) + "\n\n");
                last = event.id();
            }
            if (!batch.isEmpty()) {
                lastWrite = Instant.now();
                continue;
            }
            if (ended) {
                return;
            }
            if (Duration.between(lastWrite, Instant.now()).compareTo(KEEP_ALIVE) >= 0) {
                write(out, ": keep-alive\n\n"); // fails once the client has gone, which ends the loop
                lastWrite = Instant.now();
            }
            if (!sleep()) {
                return;
            }
        }
    }

    private static void write(ChunkedOutput<String> out, String text) throws IOException {
        out.write(text);
    }

    private boolean sleep() {
        try {
            Thread.sleep(poll.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
