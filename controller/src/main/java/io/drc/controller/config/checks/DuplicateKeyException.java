package io.drc.controller.config.checks;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.ConfigurationParsingException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * A key given twice in one YAML mapping, named by its path and line: YAML would keep the last value and drop the
 * first without a word (the parser refuses it with {@code STRICT_DUPLICATE_DETECTION}).
 */
public final class DuplicateKeyException extends ConfigurationException {
    private static final String JACKSON_PREFIX = "Duplicate field '";

    private DuplicateKeyException(String file, String problem) {
        super(file, List.of(problem));
    }

    /** The duplicate key behind Dropwizard's "Malformed YAML", if that is what it is. */
    public static Optional<DuplicateKeyException> from(String file, ConfigurationParsingException e) {
        if (!(e.getCause() instanceof JsonParseException parse) || parse.getOriginalMessage() == null
                || !parse.getOriginalMessage().startsWith(JACKSON_PREFIX) || parse.getProcessor() == null) {
            return Optional.empty();
        }
        JsonParser parser = parse.getProcessor();
        String key = parse.getOriginalMessage().substring(JACKSON_PREFIX.length(),
                parse.getOriginalMessage().lastIndexOf('\''));
        JsonLocation at = parse.getLocation();
        String path = pathOf(parser.getParsingContext(), key);
        return Optional.of(new DuplicateKeyException(file, new Problem(path, "is given twice (the second at line "
                + at.getLineNr() + ")",
                "keep one: YAML would silently use the last and ignore the first").describe()));
    }

    /** {@code recovery.regions.us-east-1.dns}, {@code auth.tokens[1].name}: the configuration's own path style. */
    private static String pathOf(JsonStreamContext context, String key) {
        Deque<String> parts = new ArrayDeque<>();
        parts.push(key);
        for (JsonStreamContext c = context.getParent(); c != null && !c.inRoot(); c = c.getParent()) {
            parts.push(c.inArray() ? "[" + c.getCurrentIndex() + "]" : c.getCurrentName());
        }
        StringBuilder path = new StringBuilder();
        for (String part : parts) {
            path.append(path.length() == 0 || part.startsWith("[") ? "" : ".").append(part);
        }
        return path.toString();
    }
}
