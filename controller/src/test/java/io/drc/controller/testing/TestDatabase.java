package io.drc.controller.testing;

import io.drc.controller.db.SchemaMigrator;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGSimpleDataSource;

/** An empty, migrated database for one test: H2 in a temp file or a fresh PostgreSQL database. */
public record TestDatabase(String name, String url, String user) {

    public DataSource dataSource() {
        if (url.startsWith("jdbc:h2:")) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(url);
            h2.setUser(user);
            h2.setPassword("");
            return h2;
        }
        PGSimpleDataSource postgres = new PGSimpleDataSource();
        postgres.setURL(url);
        postgres.setUser(user);
        return postgres;
    }

    public Jdbi migratedJdbi() {
        DataSource dataSource = dataSource();
        SchemaMigrator.migrate(dataSource);
        return Jdbi.create(dataSource);
    }

    @Override
    public String toString() {
        return name;
    }
}
