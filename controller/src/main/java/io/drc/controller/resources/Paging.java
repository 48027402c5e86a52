package io.drc.controller.resources;

import io.drc.controller.errors.ErrorResponses;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A listing's {@code limit} and {@code cursor} query parameters, checked. A cursor is opaque to clients (what the
 * previous page returned as {@code nextCursor}); a bad parameter is a 400 naming it and how to fix it.
 */
final class Paging {
    static final int MAX_LIMIT = 1000;
    static final int DEFAULT_LIMIT = 100;

    /** A query parameter that cannot be used; {@link #response} is the answer. */
    static final class BadParameter extends RuntimeException {
        private final transient Response response;

        BadParameter(String code, String message) {
            super(message);
            this.response = ErrorResponses.of(400, code, message);
        }

        Response response() {
            return response;
        }
    }

    private Paging() {}

    static int limit(String value) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadParameter("invalid_limit", "limit: '" + value + "' is not a whole number from 1 to " + MAX_LIMIT
                + "; leave it out for " + DEFAULT_LIMIT);
    }

    /** The cursor's content, or null for the first page. */
    static String cursor(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalidCursor(value);
        }
    }

    static BadParameter invalidCursor(String value) {
        return new BadParameter("invalid_cursor", "cursor: '" + value + "' is not a cursor this listing returned; "
                + "pass the previous page's nextCursor as is, or leave it out for the first page");
    }

    static String encode(String position) {
        return position == null ? null
                : Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code true}/{@code false} or absent (null); anything else is a 400 naming the parameter. */
    static Boolean flag(String name, String value) {
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new BadParameter("invalid_" + name, name + ": '" + value
                    + "' is not a boolean; use true or false, or leave it out");
        };
    }
}
