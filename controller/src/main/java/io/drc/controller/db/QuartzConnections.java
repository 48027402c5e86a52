package io.drc.controller.db;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.quartz.utils.ConnectionProvider;

/** Quartz borrows connections from drc's own pool (Dropwizard's DataSource) instead of opening its own. */
public final class QuartzConnections implements ConnectionProvider {
    private final DataSource dataSource;

    public QuartzConnections(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public void shutdown() {
        // The pool belongs to Dropwizard, which closes it.
    }

    @Override
    public void initialize() {
        // Nothing to set up: the pool exists already.
    }
}
