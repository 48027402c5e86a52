package io.drc.simulator.core;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every AWS call the simulator received, in order, with its outcome: the evidence tests use to prove that a
 * dry run mutated nothing or that a resumed failover applied each change once.
 */
public final class Journal {
    /** One call. {@code params} are the request's fields flattened the way the query protocol names them. */
    public record Call(long seq, Instant at, String region, String service, String action, boolean mutating,
                       Map<String, String> params, int status, String errorCode) { }

    /** A registered {@link #onCall} hook; closing it removes it (idempotent). */
    public interface Hook extends AutoCloseable {
        @Override
        void close();
    }

    private record Listener(Predicate<Call> when, Consumer<Call> then) { }

    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);
    private static final int CAPACITY = 500_000;
    private final Deque<Call> calls = new ArrayDeque<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private long nextSeq = 1;

    /**
     * Records a call, then runs the matching {@link #onCall} hooks on the calling thread. The simulator records a
     * call after applying it to the world and before writing its response, so a hook runs exactly between "AWS
     * made the change" and "the client learned of it".
     */
    public Call record(Instant at, String region, String service, String action,
                       Map<String, String> params, int status, String errorCode) {
        Call call;
        synchronized (this) {
            call = new Call(nextSeq++, at, region, service, action, isMutating(action), Map.copyOf(params), status,
                    errorCode);
            calls.addLast(call);
            if (calls.size() > CAPACITY) {
                calls.removeFirst();
            }
        }
        for (Listener listener : listeners) {
            runHook(listener, call);
        }
        return call;
    }

    /**
     * Runs {@code then} synchronously for every call matching {@code when} (failed and faulted calls included),
     * after the call was applied and journaled and before the simulator answers it: the caller stays blocked
     * until {@code then} returns. Tests use it to kill a client at the hardest moment, or to move a manual clock
     * forward as the client polls. Hooks run outside the journal's and the world's locks, so they may read the
     * world; an exception from a hook is logged and does not change the call's answer.
     */
    public Hook onCall(Predicate<Call> when, Consumer<Call> then) {
        Listener listener = new Listener(when, then);
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private static void runHook(Listener listener, Call call) {
        try {
            if (listener.when().test(call)) {
                listener.then().accept(call);
            }
        } catch (RuntimeException e) {
            LOG.error("journal hook failed on call {} {} {}", call.seq(), call.service(), call.action(), e);
        }
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

    /** AWS's read-only actions start with one of these verbs (TestDNSAnswer only asks); the rest change something. */
    static boolean isMutating(String action) {
        return !(action.startsWith("Describe") || action.startsWith("List") || action.startsWith("Get")
                || action.startsWith("Test"));
    }
}
