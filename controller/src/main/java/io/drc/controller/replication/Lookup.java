package io.drc.controller.replication;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one batched look at AWS found, by region and key (an AWS id, or the idempotency token drc named or tagged
 * it with). A key that was looked for and is absent means AWS has nothing under it; a key never looked for means
 * nothing is known, and the step asks AWS itself. Built before a tick's steps run, then only read.
 *
 * @param <T> what AWS describes: an image, a snapshot, a DB snapshot
 */
public final class Lookup<T> {
    private final Map<String, Map<String, T>> found = new HashMap<>();
    private final Map<String, Set<String>> asked = new HashMap<>();

    public static <T> Lookup<T> none() {
        return new Lookup<>();
    }

    /** Records that these keys were looked for in {@code region} (found or not). */
    public Lookup<T> asked(String region, Collection<String> keys) {
        asked.computeIfAbsent(region, r -> new HashSet<>()).addAll(keys);
        return this;
    }

    /** Records what AWS answered under {@code key} (a key it was asked for, or another name of the same item). */
    public Lookup<T> found(String region, String key, T item) {
        if (key != null) {
            found.computeIfAbsent(region, r -> new HashMap<>()).put(key, item);
        }
        return this;
    }

    /** Whether {@code key} was looked for in {@code region}: only then does {@link #get} say anything. */
    public boolean knows(String region, String key) {
        return asked.getOrDefault(region, Set.of()).contains(key)
                || found.getOrDefault(region, Map.of()).containsKey(key);
    }

    /** What AWS has under {@code key}; empty when it has nothing (or when the key was never looked for). */
    public Optional<T> get(String region, String key) {
        return Optional.ofNullable(found.getOrDefault(region, Map.of()).get(key));
    }
}
