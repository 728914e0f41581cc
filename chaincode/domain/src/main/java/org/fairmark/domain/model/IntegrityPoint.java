package org.fairmark.domain.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.fairmark.domain.BusinessDates;

/**
 * A producer's integrity record as it stood at the end of one day (China Standard Time): the history the dashboard
 * charts. Each point counts every fact up to and including {@code date}.
 */
public record IntegrityPoint(String date, IntegrityRecord record) {

    /**
     * The cumulative record after each day that has facts, oldest first; at most {@code maxPoints} (the most recent
     * days) so a long history stays a small answer.
     */
    public static List<IntegrityPoint> history(String org, String producerId, List<Fact> facts, int maxPoints) {
        List<Fact> sorted = new ArrayList<>(facts);
        sorted.sort(Comparator.comparing(Fact::at).thenComparing(Fact::txId).thenComparing(f -> f.kind().name()));
        List<IntegrityPoint> points = new ArrayList<>();
        List<Fact> upTo = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            upTo.add(sorted.get(i));
            String day = day(sorted.get(i));
            boolean lastOfDay = i == sorted.size() - 1 || !day(sorted.get(i + 1)).equals(day);
            if (lastOfDay) {
                points.add(new IntegrityPoint(day, IntegrityRecord.of(org, producerId, upTo)));
            }
        }
        return points.size() <= maxPoints ? points : List.copyOf(points.subList(points.size() - maxPoints, points.size()));
    }

    private static String day(Fact fact) {
        return BusinessDates.of(Instant.parse(fact.at())).toString();
    }
}
