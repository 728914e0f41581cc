package org.fairmark.contract;

/**
 * What an idempotent write returned the first time. A resubmission with the same request id and the same content gets
 * {@code result} back and writes nothing.
 *
 * @param requestHash SHA-256 of the function name and the canonical request JSON
 */
record RequestRecord(String requestId, String function, String requestHash, String txId, String result) {}
