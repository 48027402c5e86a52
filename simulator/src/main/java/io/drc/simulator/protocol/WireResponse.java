package io.drc.simulator.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** What the simulator answers: status, headers and body bytes. */
public record WireResponse(int status, Map<String, String> headers, byte[] body) {

    public static WireResponse xml(int status, String xml) {
        return new WireResponse(status, Map.of("Content-Type", "text/xml;charset=UTF-8"), xml.getBytes(StandardCharsets.UTF_8));
    }

    public static WireResponse json(int status, String json) {
        return new WireResponse(status, Map.of("Content-Type", "application/json"), json.getBytes(StandardCharsets.UTF_8));
    }
}
