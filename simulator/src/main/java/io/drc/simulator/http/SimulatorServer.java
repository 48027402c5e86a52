package io.drc.simulator.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.drc.simulator.protocol.WireRequest;
import io.drc.simulator.protocol.WireResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's single HTTP endpoint. The JDK's built-in server keeps the simulator free of a web framework,
 * so it embeds in the Dropwizard daemon without Jetty version clashes. {@code /_sim/} is the admin API;
 * everything else is AWS.
 */
public final class SimulatorServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatorServer.class);
    /**
     * The JDK server leaves Nagle's algorithm on unless this property is true when it first loads its
     * configuration: then a kept-alive connection waits ~40 ms per answer (headers and body leave in two writes,
     * the second held until the client's delayed ACK). The simulator turns it on unless the JVM was told otherwise.
     */
    static final String NO_DELAY = "sun.net.httpserver.nodelay";

    static {
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final AwsDispatcher aws;
    private final AdminApi admin;

    public SimulatorServer(String host, int port, AwsDispatcher aws, AdminApi admin) throws IOException {
        this.aws = aws;
        this.admin = admin;
        this.server = HttpServer.create(new InetSocketAddress(host, port), 128);
        this.executor = Executors.newFixedThreadPool(32, r -> {
            Thread t = new Thread(r, "drc-simulator-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            WireRequest request = read(exchange);
            Optional<WireResponse> response = request.path().startsWith("/_sim/")
                    ? Optional.of(admin.handle(request))
                    : aws.handle(request);
            if (response.isEmpty()) {
                return; // closing without an answer: the client sees the connection drop, as from a dead region
            }
            write(exchange, response.get());
        } catch (RuntimeException e) {
            LOG.error("simulator failed on {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
        }
    }

    private static WireRequest read(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, String.join(",", v)));
        return WireRequest.received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(), headers, body);
    }

    private static void write(HttpExchange exchange, WireResponse response) throws IOException {
        response.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        byte[] body = response.body();
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
