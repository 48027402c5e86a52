package io.drc.controller.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.argument.ObjectArgument;

/**
 * Instants in and out of TIMESTAMP WITH TIME ZONE columns as UTC offset date-times, which H2 and
 * PostgreSQL drivers both map exactly; java.sql.Timestamp would drag in the JVM's time zone.
 */
final class SqlTimes {
    private SqlTimes() {}

    static Argument utc(Instant instant) {
        return ObjectArgument.of(instant == null ? null : instant.atOffset(ZoneOffset.UTC),
                Types.TIMESTAMP_WITH_TIMEZONE);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
