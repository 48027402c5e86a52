package io.drc.controller.testing;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A store that records every use it should not see: after {@link #close} (the moment Dropwizard closes the pool),
 * and from an interrupted thread (H2 closes its file, the whole store for every connection, when an interrupted
 * thread reads it: "MVStoreException: Reading from file … failed"). Each JDBC call on a connection, and on what the
 * connection hands out (statements, result sets), is checked; the call itself still goes through.
 */
public final class StoreAccessRecorder implements DataSource {
    /** One use the store should not have seen: on which thread, what, and why it is wrong. */
    public record Misuse(String thread, String call, String why) {}

    private final DataSource store;
    private final List<Misuse> misuses = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    public StoreAccessRecorder(DataSource store) {
        this.store = store;
    }

    /** From now on every use is recorded as after the pool closed. */
    public void close() {
        closed = true;
    }

    public List<Misuse> misuses() {
        return List.copyOf(misuses);
    }

    private void check(String call) {
        Thread thread = Thread.currentThread();
        if (closed) {
            misuses.add(new Misuse(thread.getName(), call, "after the pool closed"));
        }
        if (thread.isInterrupted()) {
            misuses.add(new Misuse(thread.getName(), call, "on an interrupted thread"));
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        check("getConnection");
        return watched(Connection.class, store.getConnection());
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        check("getConnection");
        return watched(Connection.class, store.getConnection(user, password));
    }

    /** {@code target} behind a proxy that checks each call and watches the JDBC objects it returns. */
    private <T> T watched(Class<T> type, T target) {
        InvocationHandler handler = (proxy, method, args) -> {
            check(type.getSimpleName() + "." + method.getName());
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            return isJdbc(method.getReturnType()) && result != null ? watchedAs(method.getReturnType(), result) : result;
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    @SuppressWarnings("unchecked")
    private <T> Object watchedAs(Class<T> type, Object target) {
        return watched(type, (T) target);
    }

    private static boolean isJdbc(Class<?> type) {
        return type.isInterface() && type.getPackageName().equals("java.sql");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return store.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        store.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        store.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return store.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return store.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return store.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return store.isWrapperFor(iface);
    }
}
