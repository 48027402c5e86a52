package io.drc.controller.replication;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Pure: which of one resource's completed recovery points in one region to delete. A point goes when it is
 * beyond the newest {@code keepLast} or older than {@code maxAge}; the newest point always stays.
 */
public record RetentionPolicy(Integer keepLast, Duration maxAge) {

    public record Point(String awsId, Instant sourceTime) {}

    public List<Point> toDelete(List<Point> completed, Instant now) {
        List<Point> newestFirst = new ArrayList<>(completed);
        newestFirst.sort(Comparator.comparing(Point::sourceTime).reversed().thenComparing(Point::awsId));
        List<Point> doomed = new ArrayList<>();
        for (int i = 1; i < newestFirst.size(); i++) {
            Point point = newestFirst.get(i);
            boolean beyondCount = keepLast != null && i >= keepLast;
            boolean tooOld = maxAge != null && point.sourceTime().isBefore(now.minus(maxAge));
            if (beyondCount || tooOld) {
                doomed.add(point);
            }
        }
        return doomed;
    }
}
