package io.drc.simulator.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * A digest of the simulator's compiled classes (names and bytes of {@code io/drc/simulator/**.class}, wherever they
 * were loaded from: a directory in tests, the simulator's or the daemon's jar otherwise). Two builds with the same
 * classes share it; any change to a class changes it.
 */
final class BuildFingerprint {
    private static final String PREFIX = "io/drc/simulator/";
    static final String OF_THIS_BUILD = compute();

    private BuildFingerprint() {
    }

    private static String compute() {
        try {
            Path location = Path.of(BuildFingerprint.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Map<String, byte[]> classes = Files.isDirectory(location) ? fromDirectory(location) : fromJar(location);
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            classes.forEach((name, bytes) -> {
                digest.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                digest.update(bytes);
            });
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the simulator's classes to fingerprint its build", e);
        } catch (URISyntaxException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint the simulator's build", e);
        }
    }

    private static Map<String, byte[]> fromDirectory(Path root) throws IOException {
        Map<String, byte[]> classes = new TreeMap<>();
        Path base = root.resolve(PREFIX);
        try (Stream<Path> files = Files.walk(base)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                classes.put(root.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        }
        return classes;
    }

    private static Map<String, byte[]> fromJar(Path jar) throws IOException {
        Map<String, byte[]> classes = new TreeMap<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            List<JarEntry> entries = file.stream()
                    .filter(e -> e.getName().startsWith(PREFIX) && e.getName().endsWith(".class")).toList();
            for (JarEntry entry : entries) {
                try (InputStream in = file.getInputStream(entry)) {
                    classes.put(entry.getName(), in.readAllBytes());
                }
            }
        }
        return classes;
    }
}
