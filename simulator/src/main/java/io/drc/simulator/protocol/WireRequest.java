package io.drc.simulator.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An HTTP request as the simulator received it, with the region and service taken from its SigV4 credential
 * scope. {@code params} holds the query string and, for form posts, the decoded form body.
 */
public record WireRequest(String method, String path, Map<String, String> params, Map<String, String> headers,
                          byte[] body, String region, String signingService) {

    public String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
