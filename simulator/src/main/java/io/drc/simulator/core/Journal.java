package io.drc.simulator.core;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Every AWS call the simulator received, in order, with its outcome: the evidence tests use to prove that a
 * dry run mutated nothing or that a resumed failover applied each change once.
 */
public final class Journal {
    /** One call. {@code params} are the request's fields flattened the way the query protocol names them. */
    public record Call(long seq, Instant at, String region, String service, String action, boolean mutating,
                       Map<String, String> params, int status, String errorCode) { }

    private static final int CAPACITY = 500_000;
    private final Deque<Call> calls = new ArrayDeque<>();
    private long nextSeq = 1;

    public synchronized Call record(Instant at, String region, String service, String action,
                                    Map<String, String> params, int status, String errorCode) {
        Call call = new Call(nextSeq++, at, region, service, action, isMutating(action), Map.copyOf(params), status, errorCode);
        calls.addLast(call);
        if (calls.size() > CAPACITY) {
            calls.removeFirst();
        }
        return call;
    }

    public synchronized List<Call> since(long seq) {
        return select(c -> c.seq() > seq);
    }

    public synchronized List<Call> select(Predicate<Call> filter) {
        List<Call> out = new ArrayList<>();
        for (Call c : calls) {
            if (filter.test(c)) {
                out.add(c);
            }
        }
        return out;
    }

    public synchronized long lastSeq() {
        return nextSeq - 1;
    }

    public synchronized void clear() {
        calls.clear();
    }

    /** AWS's read-only actions all start with one of these verbs; everything else changes something. */
    static boolean isMutating(String action) {
        return !(action.startsWith("Describe") || action.startsWith("List") || action.startsWith("Get"));
    }
}
