package io.drc.simulator.core;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** AWS-style pagination over an ordered list: an opaque token names the next offset. */
public final class Pages {
    public record Page<T>(List<T> items, String nextToken) { }

    private Pages() {
    }

    /**
     * @param invalidTokenCode the service's error code for a token it did not issue
     *                         (EC2: {@code InvalidParameterValue}; RDS: {@code InvalidParameterValue}, ...)
     */
    public static <T> Page<T> page(List<T> all, String token, Integer maxResults, int defaultMax, String invalidTokenCode) {
        int offset = token == null || token.isEmpty() ? 0 : decode(token, invalidTokenCode);
        if (offset > all.size()) {
            throw AwsError.badRequest(invalidTokenCode, "Invalid pagination token: " + token);
        }
        int size = maxResults == null || maxResults <= 0 ? defaultMax : maxResults;
        int end = Math.min(all.size(), offset + size);
        String next = end < all.size() ? encode(end) : null;
        return new Page<>(List.copyOf(all.subList(offset, end)), next);
    }

    private static String encode(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("drc-sim:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int decode(String token, String invalidTokenCode) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (!text.startsWith("drc-sim:")) {
                throw new IllegalArgumentException(text);
            }
            return Integer.parseInt(text.substring("drc-sim:".length()));
        } catch (IllegalArgumentException e) {
            throw AwsError.badRequest(invalidTokenCode, "Invalid pagination token: " + token);
        }
    }
}
