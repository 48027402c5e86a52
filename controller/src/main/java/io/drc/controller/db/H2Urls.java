package io.drc.controller.db;

import java.util.Locale;

/**
 * What drc adds to an H2 URL. H2 closes an open database from its own JVM shutdown hook unless told not to, and that
 * hook races Dropwizard's orderly stop: the replication ticker, the Quartz scheduler and the execution runner then
 * find the database closed under them mid-step ("Database is already closed"). With {@code DB_CLOSE_ON_EXIT=FALSE}
 * the database closes when the connection pool does, after everything that uses it has stopped.
 */
public final class H2Urls {
    static final String CLOSE_ON_EXIT = "DB_CLOSE_ON_EXIT";

    private H2Urls() {}

    /** The URL with {@code DB_CLOSE_ON_EXIT=FALSE} when it is an H2 URL that does not set it; else unchanged. */
    public static String closedByThePool(String url) {
        if (url == null || !url.startsWith("jdbc:h2:") || url.toUpperCase(Locale.ROOT).contains(CLOSE_ON_EXIT)) {
            return url;
        }
        return url + ";" + CLOSE_ON_EXIT + "=FALSE";
    }
}
