package io.drc.controller.db;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Brings the store's schema up to date with Flyway before anything reads or writes it. */
public final class SchemaMigrator {
    private SchemaMigrator() {}

    public static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                // Portable migrations, plus the Quartz tables whose DDL differs between H2 and PostgreSQL.
                .locations("classpath:db/migration", "classpath:db/vendor/{vendor}")
                .load()
                .migrate();
    }
}
