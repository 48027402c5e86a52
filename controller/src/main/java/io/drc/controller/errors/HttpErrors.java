package io.drc.controller.errors;

import java.util.regex.Pattern;

/**
 * Code and message of the errors drc does not raise itself but Jersey (unknown path, wrong method or media type)
 * or Jetty (a request that is not valid HTTP, too long, too large) does, by status: one text per status, whichever
 * of the two answered.
 */
final class HttpErrors {
    /**
     * Text that would name code rather than HTTP or JSON: dotted package names, backticked identifiers, exception
     * names, Jackson's token constants (VALUE_STRING).
     */
    private static final Pattern CODE_TALK = Pattern.compile("`|\\[Source|[a-z0-9]+\\.[a-z0-9]+\\.[A-Za-z]"
            + "|Exception|jackson|Feature|Constraints|\\$|[A-Z]+_[A-Z]+");

    private HttpErrors() {}

    static String code(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 408 -> "request_timeout";
            case 411 -> "length_required";
            case 413 -> "body_too_large";
            case 414 -> "uri_too_long";
            case 415 -> "unsupported_media_type";
            case 431 -> "headers_too_large";
            case 500 -> "internal_error";
            case 503 -> "unavailable";
            default -> "http_" + status;
        };
    }

    /**
     * What was wrong and what to do; {@code route} is "METHOD /path" as received, {@code detail} the server's
     * own reason (kept only when it speaks HTTP, not Java), {@code requestId} for a 5xx.
     */
    static String message(int status, String route, String detail, String requestId) {
        String why = plain(detail);
        return switch (status) {
            case 400 -> "the request is malformed" + (why == null ? "" : " (" + why + ")")
                    + ": check the request line, headers and body against HTTP/1.1 and the API reference";
            case 401 -> "missing or unknown bearer token: send 'Authorization: Bearer <token>' "
                    + "with a token configured under auth.tokens";
            case 403 -> "your token's role may not call " + route + ": use a token with a higher role";
            case 404 -> "nothing at " + route + ": check the path against the API reference (the API is under "
                    + "/api/v1; the admin port serves /healthcheck and /metrics)";
            case 405 -> route + " is not allowed: use a method the API reference lists for this path "
                    + "(the Allow header, when present, names them)";
            case 406 -> "drc answers only in JSON: accept 'application/json' (or leave the Accept header out)";
            case 408 -> "the request did not arrive in time: send the whole body its Content-Length announces";
            case 411 -> "the request has a body but no length: send Content-Length or a chunked body";
            case 413 -> "the request is too large: send a smaller body";
            case 414 -> "the request URI is too long: drc's paths and query parameters are short; check the URI";
            case 415 -> "unsupported Content-Type: send JSON with 'Content-Type: application/json'";
            case 431 -> "the request headers are too large: send fewer or shorter headers";
            default -> status >= 500
                    ? "drc failed unexpectedly; the server log has details under request id " + requestId
                    : "the request was refused (HTTP " + status + (why == null ? "" : ", " + why) + ")";
        };
    }

    /** {@code "METHOD /path"} for a message, the path shortened as every echo of a caller's value is. */
    static String route(String method, String path) {
        return (method == null ? "" : ErrorResponses.shorten(method) + " ") + ErrorResponses.shorten(path == null ? "/" : path);
    }

    /** The server's reason when it is plain HTTP talk, else null. */
    static String plain(String detail) {
        if (detail == null) {
            return null;
        }
        String line = detail.split("\n", 2)[0].strip();
        return line.isEmpty() || line.length() > 200 || CODE_TALK.matcher(line).find() ? null : line;
    }
}
