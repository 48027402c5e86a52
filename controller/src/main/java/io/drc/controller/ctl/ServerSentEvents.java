package io.drc.controller.ctl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

/** Reads a {@code text/event-stream} body frame by frame (the parts of the SSE format drc's stream uses). */
public final class ServerSentEvents {
    /** One event: {@code id} and {@code event} as sent, {@code data} its lines joined by newlines. */
    public record Frame(String id, String event, String data) { }

    private ServerSentEvents() {}

    /**
     * Hands each event to {@code each} until the stream ends or {@code each} answers false; comments and
     * {@code retry} lines are skipped. Returns whether the stream ended (rather than {@code each} stopping it).
     */
    public static boolean read(InputStream body, Predicate<Frame> each) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        String id = null;
        String event = null;
        StringBuilder data = null;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.isEmpty()) {
                if (data != null && !each.test(new Frame(id, event == null ? "message" : event, data.toString()))) {
                    return false;
                }
                event = null;
                data = null;
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
            switch (field) {
                case "id" -> id = value;
                case "event" -> event = value;
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                default -> { } // comments (empty field name) and retry
            }
        }
        return true;
    }
}
