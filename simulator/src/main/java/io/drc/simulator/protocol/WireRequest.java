package io.drc.simulator.protocol;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP request as the simulator received it, with the region and service taken from its SigV4 credential
 * scope. {@code params} holds the query string and, for form posts, the decoded form body.
 */
public record WireRequest(String method, String path, Map<String, String> params, Map<String, String> headers,
                          byte[] body, String region, String signingService) {
    private static final Pattern SCOPE = Pattern.compile("Credential=[^/,]+/\\d{8}/([^/]+)/([^/]+)/aws4_request");

    /**
     * The request as it came off the wire: header names in any case, the query string still percent-encoded, the
     * body as sent. Form bodies ({@code application/x-www-form-urlencoded}) are decoded into {@code params} with
     * the query string; the region and service come from the {@code Authorization} header's credential scope
     * ({@code us-east-1} and none when the request is unsigned).
     */
    public static WireRequest received(String method, String path, String rawQuery, Map<String, String> rawHeaders,
                                       byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        rawHeaders.forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        Map<String, String> params = new LinkedHashMap<>();
        parseForm(rawQuery, params);
        if (headers.getOrDefault("content-type", "").startsWith("application/x-www-form-urlencoded")) {
            parseForm(new String(body, StandardCharsets.UTF_8), params);
        }
        String region = "us-east-1";
        String service = null;
        Matcher scope = SCOPE.matcher(headers.getOrDefault("authorization", ""));
        if (scope.find()) {
            region = scope.group(1);
            service = scope.group(2);
        }
        return new WireRequest(method, path, params, headers, body, region, service);
    }

    private static void parseForm(String raw, Map<String, String> into) {
        if (raw == null || raw.isEmpty()) {
            return;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            into.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
