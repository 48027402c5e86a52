package io.drc.simulator.core;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a {@link WorldStore} keeps of a {@link World}: the clock's position, the id counters, every region's and
 * global service's state and the pending transitions. The state objects are written with Java serialization, which
 * keeps shared references shared (a pending transition and its region point at the same target group) and saves
 * scheduled lambdas as {@link Transition}s, so services need no per-class mapping. The price: a saved world is read
 * only by the simulator build that wrote it (a lambda is saved by its compiled name, which another build may give to
 * another lambda), so the bytes start with a fingerprint of the simulator's classes, checked before anything is
 * read; another build says so and names the directory to clear.
 */
record SavedWorld(int format, Instant clock, Ids ids, Map<String, RegionState> regions, Map<Class<?>, Object> globals,
                  List<EventQueue.Event> events, long nextSeq) implements Serializable {
    static final int FORMAT = 1;
    /** Only the simulator's own classes, the JDK's and the AWS SDK's model classes are ever read back. */
    private static final ObjectInputFilter ONLY_SIMULATOR_STATE = ObjectInputFilter.Config.createFilter(
            "io.drc.simulator.**;java.**;software.amazon.awssdk.**;!*");

    /** Stands for the live world in the saved bytes: it is not saved, and the restored state points at the new one. */
    private enum LiveWorld { INSTANCE }

    byte[] toBytes(World world) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new Writer(bytes, world)) {
            out.writeUTF(BuildFingerprint.OF_THIS_BUILD);
            out.writeObject(this);
        } catch (IOException e) {
            throw new IllegalStateException("the simulator's world cannot be saved: " + e, e);
        }
        return bytes.toByteArray();
    }

    static SavedWorld fromBytes(byte[] bytes, World world, WorldStore store) {
        try (ObjectInputStream in = new Reader(new ByteArrayInputStream(bytes), world)) {
            in.setObjectInputFilter(ONLY_SIMULATOR_STATE);
            String build = in.readUTF();
            if (!build.equals(BuildFingerprint.OF_THIS_BUILD)) {
                throw new InvalidClassException("saved by simulator build " + build + ", this is build "
                        + BuildFingerprint.OF_THIS_BUILD);
            }
            SavedWorld saved = (SavedWorld) in.readObject();
            if (saved.format() != FORMAT) {
                throw new InvalidClassException("saved world format " + saved.format() + ", expected " + FORMAT);
            }
            return saved;
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            throw new IllegalStateException("cannot read the simulator's saved world " + store.stateFile().toAbsolutePath()
                    + " (" + e + "); it was written by another simulator build or is damaged. To start with an empty "
                    + "cloud, delete " + store.directory().toAbsolutePath() + " or choose another state-dir", e);
        }
    }

    private static final class Writer extends ObjectOutputStream {
        private final World world;

        Writer(ByteArrayOutputStream out, World world) throws IOException {
            super(out);
            this.world = world;
            enableReplaceObject(true);
        }

        @Override
        protected Object replaceObject(Object obj) {
            return obj == world ? LiveWorld.INSTANCE : obj;
        }
    }

    private static final class Reader extends ObjectInputStream {
        private final World world;

        Reader(ByteArrayInputStream in, World world) throws IOException {
            super(in);
            this.world = world;
            enableResolveObject(true);
        }

        @Override
        protected Object resolveObject(Object obj) {
            return obj == LiveWorld.INSTANCE ? world : obj;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            try {
                return Class.forName(desc.getName(), false, SavedWorld.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                return super.resolveClass(desc);
            }
        }
    }

}
