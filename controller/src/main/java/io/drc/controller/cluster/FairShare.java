package io.drc.controller.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * How much due work one daemon takes at once, so that with two daemons each holds about half of a failover's
 * parallel branches and killing one stalls only its half. Pure; table-tested.
 *
 * <p>A daemon holds at most its share, ⌈(free + held by live daemons) ÷ live daemons⌉ items (at least one), and
 * takes the oldest free items up to that share. Work the share leaves behind goes to whichever daemon finds it
 * <em>starving</em> (due for a while and still free), so a slow peer never keeps work waiting for long.
 */
public final class FairShare {
    private FairShare() {}

    /**
     * How many more items this daemon takes now.
     *
     * @param free        items due and free to claim
     * @param heldByLive  items live daemons hold, this one's included
     * @param heldBySelf  items this daemon holds
     * @param liveDaemons live daemons, this one included
     * @param idleWorkers this daemon's free workers
     */
    public static int quota(int free, int heldByLive, int heldBySelf, int liveDaemons, int idleWorkers) {
        if (free <= 0 || idleWorkers <= 0) {
            return 0;
        }
        int daemons = Math.max(1, liveDaemons);
        int share = Math.max(1, (free + heldByLive + daemons - 1) / daemons);
        return Math.max(0, Math.min(Math.min(free, idleWorkers), share - heldBySelf));
    }

    /**
     * The items to claim, in order: the first {@code quota} of {@code free}, then starving ones beyond it while
     * {@code idleWorkers} last.
     */
    public static <T> List<T> pick(List<T> free, int quota, int idleWorkers, Predicate<T> starving) {
        List<T> picked = new ArrayList<>();
        for (T item : free) {
            if (picked.size() >= idleWorkers) {
                break;
            }
            if (picked.size() < quota || starving.test(item)) {
                picked.add(item);
            }
        }
        return picked;
    }
}
