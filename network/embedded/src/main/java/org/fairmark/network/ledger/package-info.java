/**
 * Ledger storage of the embedded network: Fabric blocks built and hash-chained exactly as Fabric does it
 * ({@link org.fairmark.network.ledger.Blocks}, {@link org.fairmark.network.ledger.BlockHashes}), an append-only,
 * checksummed, fsynced block file ({@link org.fairmark.network.ledger.BlockStore}), an offline verifier
 * ({@link org.fairmark.network.ledger.LedgerVerifier}) and the world state and history rebuilt from the blocks
 * ({@link org.fairmark.network.ledger.LedgerState}).
 *
 * <p>Blocks are the only durable truth: the world state is rebuilt by replay when the network starts.
 */
package org.fairmark.network.ledger;
