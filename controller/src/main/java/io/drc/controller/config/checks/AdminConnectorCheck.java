package io.drc.controller.config.checks;

import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.server.SimpleServerFactory;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.drc.controller.DrcConfiguration;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Dropwizard's admin port answers without authentication — health checks, metrics, and tasks such as
 * {@code POST /tasks/log-level} — so it listens on loopback only, unless the configuration says
 * {@code allowPublicAdmin: true}. A connector without {@code bindHost} listens on every interface.
 */
final class AdminConnectorCheck implements ConfigCheck {
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|\\[?[0-9a-fA-F:.]*:[0-9a-fA-F:.]*]?");

    @Override
    public List<Problem> check(DrcConfiguration config) {
        List<Problem> problems = new ArrayList<>();
        if (config.isAllowPublicAdmin()) {
            return problems;
        }
        if (config.getServerFactory() instanceof DefaultServerFactory server && server.getAdminConnectors() != null) {
            List<ConnectorFactory> connectors = server.getAdminConnectors();
            for (int i = 0; i < connectors.size(); i++) {
                check(problems, "server.adminConnectors[" + i + "]", connectors.get(i));
            }
        } else if (config.getServerFactory() instanceof SimpleServerFactory server) {
            // one connector serves both the API and the admin context
            check(problems, "server.connector", server.getConnector());
        }
        return problems;
    }

    private static void check(List<Problem> problems, String path, ConnectorFactory connector) {
        if (!(connector instanceof HttpConnectorFactory http) || isLoopback(http.getBindHost())) {
            return;
        }
        String where = http.getBindHost() == null ? "has no bindHost, so it listens on every interface"
                : "binds " + http.getBindHost() + ", which is not a loopback address";
        problems.add(new Problem(path + ".bindHost", where + ": the admin port (health checks, metrics, "
                + "Dropwizard's tasks) answers without authentication",
                "set bindHost: 127.0.0.1 and scrape it locally or through an authenticating proxy, or set "
                        + "allowPublicAdmin: true (top level) if a firewall guards the port"));
    }

    /** No DNS look-ups: only {@code localhost} and loopback IP literals (127.0.0.0/8, ::1) count. */
    static boolean isLoopback(String bindHost) {
        if (bindHost == null) {
            return false;
        }
        if (bindHost.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!IP_LITERAL.matcher(bindHost).matches()) {
            return false;
        }
        try {
            return InetAddress.getByName(bindHost).isLoopbackAddress(); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
