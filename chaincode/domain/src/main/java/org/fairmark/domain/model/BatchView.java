package org.fairmark.domain.model;

/**
 * A batch as readers see it: the producer's record plus the derived status and what inspectors and packers recorded
 * about it.
 */
public record BatchView(
        Batch batch,
        BatchStatus status,
        Inspection latestInspection,
        Long packageCount,
        Long packedNominalGrams,
        Long remainingGrams) {}
