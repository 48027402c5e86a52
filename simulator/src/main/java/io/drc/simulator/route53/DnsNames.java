package io.drc.simulator.route53;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Route 53's view of DNS names and ids: lower case with a trailing dot, sorted by labels read right to left. */
final class DnsNames {
    private DnsNames() {
    }

    static String normalise(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower : lower + ".";
    }

    /**
     * {@code www.example.com.} sorts as {@code com example www}, label by label: the separator sorts below every
     * character a label may hold, so {@code a.example.com} comes before {@code a-b.example.com}.
     */
    static String sortKey(String name) {
        List<String> labels = Arrays.asList(normalise(name).split("\\."));
        Collections.reverse(labels);
        return String.join("\u0001", labels);
    }

    static boolean isWithin(String name, String zoneName) {
        return name.equals(zoneName) || name.endsWith("." + zoneName);
    }

    /** Requests may carry {@code /hostedzone/Z…} or {@code Z…}; state keys are the bare id. */
    static String bareId(String id, String kind) {
        String trimmed = id.startsWith("/") ? id.substring(1) : id;
        return trimmed.startsWith(kind + "/") ? trimmed.substring(kind.length() + 1) : trimmed;
    }
}
