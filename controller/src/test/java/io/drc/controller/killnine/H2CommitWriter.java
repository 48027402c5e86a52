package io.drc.controller.killnine;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A child process for {@link H2DurabilityIT}: commits rows 1, 2, 3, ... into an H2 file one transaction at a
 * time and prints each number once its commit returned, until it is killed.
 */
public final class H2CommitWriter {
    private H2CommitWriter() {}

    public static void main(String[] args) throws SQLException {
        try (Connection connection = DriverManager.getConnection(args[0], "sa", "")) {
            connection.createStatement().execute("CREATE TABLE IF NOT EXISTS committed (id BIGINT PRIMARY KEY)");
            PreparedStatement insert = connection.prepareStatement("INSERT INTO committed VALUES (?)");
            for (long id = 1; ; id++) {
                insert.setLong(1, id);
                insert.executeUpdate(); // auto-commit: returns once committed
                System.out.println(id);
                System.out.flush();
            }
        }
    }
}
