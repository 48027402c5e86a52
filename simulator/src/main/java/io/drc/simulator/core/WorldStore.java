package io.drc.simulator.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;

/**
 * The directory a simulator keeps its world in ({@code --state-dir}, {@code simulator.stateDir}), so that a
 * simulator stopped or killed continues with the cloud it left. Each write goes to a temporary file that is
 * forced to disk and then renamed over the state file in one atomic step, and the directory is forced too: after a
 * kill -9 or a power cut the state file is the old world or the new one, never a torn mixture.
 */
public final class WorldStore {
    static final String STATE_FILE = "world.bin";
    private static final String TEMP_FILE = "world.bin.tmp";

    private final Path directory;
    private byte[] lastWritten;

    private WorldStore(Path directory) {
        this.directory = directory;
    }

    /** The store in {@code directory}, made if it does not exist yet. */
    public static WorldStore in(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the simulator's state directory " + directory.toAbsolutePath()
                    + " (state-dir): " + e.getMessage(), e);
        }
        return new WorldStore(directory);
    }

    public Path directory() {
        return directory;
    }

    public Path stateFile() {
        return directory.resolve(STATE_FILE);
    }

    /** The saved world, if one was ever written here. A temporary file left by a killed write is ignored. */
    Optional<byte[]> read() {
        Path file = stateFile();
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            lastWritten = bytes;
            return Optional.of(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the simulator's saved world " + file.toAbsolutePath()
                    + ": " + e.getMessage(), e);
        }
    }

    /** Replaces the saved world atomically; does nothing when it has not changed since the last write. */
    void write(byte[] bytes) {
        if (Arrays.equals(bytes, lastWritten)) {
            return;
        }
        Path temp = directory.resolve(TEMP_FILE);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            moveAtomically(temp, stateFile());
            forceDirectory();
            lastWritten = bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the simulator's world to " + stateFile().toAbsolutePath()
                    + ": " + e.getMessage(), e);
        }
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + to.getParent() + " cannot rename atomically; choose a "
                    + "state directory on a local file system", e);
        }
    }

    /** Makes the rename itself durable; some platforms (Windows) cannot open a directory, and need not. */
    private void forceDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // the rename is atomic either way; only its durability across a power cut depends on this
        }
    }
}
