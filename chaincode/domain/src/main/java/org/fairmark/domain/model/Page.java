package org.fairmark.domain.model;

import java.util.List;

/**
 * One page of a paginated read.
 *
 * @param bookmark pass it back to read the next page; empty when there is none
 */
public record Page<T>(List<T> records, Long fetchedCount, String bookmark) {
    public Page {
        records = List.copyOf(records);
    }
}
