package io.drc.controller.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Brings the store's schema up to date with Flyway before anything reads or writes it: the portable
 * migrations in {@code db/migration}, plus {@code db/vendor/<h2|postgresql>} for DDL that differs between
 * the two (the Quartz job store's tables).
 */
public final class SchemaMigrator {
    private SchemaMigrator() {}

    public static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration", "classpath:db/vendor/" + vendorOf(dataSource))
                .load()
                .migrate();
    }

    /** Flyway core has no {vendor} placeholder (that is Spring Boot's), so drc names the folder itself. */
    static String vendorOf(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            if (product.contains("postgres")) {
                return "postgresql";
            }
            if (product.contains("h2")) {
                return "h2";
            }
            throw new IllegalStateException("the store runs on " + product
                    + ", which drc does not support; use H2 or PostgreSQL (database.url)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to the store to migrate its schema: " + e.getMessage(), e);
        }
    }
}
