package io.drc.controller.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;

/**
 * Supplies each parameterized store test with a fresh H2 database and a fresh database on a real
 * PostgreSQL server. The server is started once per test run and stopped when the run ends
 * (JUnit closes AutoCloseable values in the root store).
 */
public final class StoreDatabases implements ArgumentsProvider {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(StoreDatabases.class);

    @Override
    public Stream<? extends Arguments> provideArguments(ExtensionContext context) throws IOException {
        return Stream.of(Arguments.of(h2(context)), Arguments.of(postgres(context)));
    }

    static TestDatabase h2(ExtensionContext context) throws IOException {
        Path dir = Files.createTempDirectory("drc-h2-");
        context.getStore(NAMESPACE).put(dir, (AutoCloseable) () -> deleteRecursively(dir));
        String file = dir.resolve("drc").toString();
        return new TestDatabase("H2", "jdbc:h2:file:" + file + ";AUTO_SERVER=FALSE", "sa");
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    static TestDatabase postgres(ExtensionContext context) {
        PostgresServer server = server(context);
        return new TestDatabase("PostgreSQL", server.createDatabase(), server.user());
    }

    static PostgresServer server(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(PostgresServer.class, key -> PostgresServer.start(), PostgresServer.class);
    }
}
