package io.drc.controller.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves a {@link PostgresServer} test parameter: the one real PostgreSQL server of this test run, the same one
 * {@link StoreDatabases} hands out databases on (started on first use, stopped when the run ends).
 */
public final class SharedPostgres implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PostgresServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return StoreDatabases.server(context);
    }
}
