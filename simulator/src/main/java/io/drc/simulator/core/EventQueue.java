package io.drc.simulator.core;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Future state changes (an AMI turning available, an instance turning InService) kept in time order.
 * They fire lazily, whenever the world is looked at, so a manual clock makes every transition deterministic
 * and no thread ever sleeps.
 */
final class EventQueue {
    /** One pending transition; saved with the world, so it is data plus a serializable lambda. */
    record Event(Instant at, long seq, Transition action) implements Serializable { }

    private final PriorityQueue<Event> events = new PriorityQueue<>((a, b) -> {
        int byTime = a.at().compareTo(b.at());
        return byTime != 0 ? byTime : Long.compare(a.seq(), b.seq());
    });
    private long seq;

    void at(Instant when, Transition action) {
        events.add(new Event(when, seq++, action));
    }

    /** Runs every event due by {@code now}, including those that due events schedule in the past. */
    void runDue(Instant now) {
        while (!events.isEmpty() && !events.peek().at().isAfter(now)) {
            events.poll().action().run();
        }
    }

    int pending() {
        return events.size();
    }

    /** The pending events, in no particular order, for saving. */
    List<Event> saved() {
        return new ArrayList<>(events);
    }

    long nextSeq() {
        return seq;
    }

    /** Replaces the pending events with saved ones (a restarted simulator). */
    void restore(List<Event> saved, long nextSeq) {
        events.clear();
        events.addAll(saved);
        seq = nextSeq;
    }
}
