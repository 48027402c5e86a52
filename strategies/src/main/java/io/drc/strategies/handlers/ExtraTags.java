package io.drc.strategies.handlers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Task's optional {@code tags} parameter ({@code {"key": "value"}}, read typed into the handler's parameter
 * record): tags a step adds to what it creates on top of its own, e.g. a drill's {@code drc:drill} so that its
 * cleanup finds the resource again.
 */
final class ExtraTags {
    private ExtraTags() {
    }

    /** A mutable copy of {@code tags} (absent: empty) that the handler adds its own tags to. */
    static Map<String, String> of(Map<String, String> tags) {
        return tags == null ? new LinkedHashMap<>() : new LinkedHashMap<>(tags);
    }
}
