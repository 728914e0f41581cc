package org.fairmark.domain.model;

/**
 * What an online label verification needs from the ledger, in one evaluate call ({@code trace:Label}): the label key
 * the label names and the provenance of the package it names.
 *
 * @param key the label key, or {@code null} when the ledger has no key of that id
 * @param trace the package's provenance as {@code trace:Package} returns it, or {@code null} when the key is unknown or
 *     revoked (the label is forged whatever the package) or the ledger has no such package
 */
public record LabelTrace(LabelKey key, Trace trace) {}
