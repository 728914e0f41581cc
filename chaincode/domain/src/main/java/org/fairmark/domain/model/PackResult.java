package org.fairmark.domain.model;

import java.util.List;

/** What a packing transaction created, and how much declared mass the batch has left to pack. */
public record PackResult(PackingRun run, List<String> serials, Long remainingGrams) {
    public PackResult {
        serials = List.copyOf(serials);
    }
}
