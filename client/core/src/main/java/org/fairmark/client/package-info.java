/**
 * The Fairmark client: what producers', inspectors', packers', carriers' and buyers' software embeds to use the
 * Fairmark traceability ledger over a Hyperledger Fabric Gateway (a real Fabric peer or the embedded development
 * network).
 *
 * <ul>
 *   <li>{@link org.fairmark.client.FairmarkClient} connects (one gRPC channel, TLS when configured) as a
 *       {@link org.fairmark.client.FairmarkIdentity} read from PEM files or a wallet directory, and offers role facades:
 *       {@link org.fairmark.client.Producer}, {@link org.fairmark.client.Inspector}, {@link org.fairmark.client.Packer},
 *       {@link org.fairmark.client.Carrier}, {@link org.fairmark.client.Buyer}, {@link org.fairmark.client.Auditor},
 *       all extending {@link org.fairmark.client.Participant} (reads, traces, online label verification). Results are
 *       the domain records of {@code org.fairmark.domain.model}; failures are
 *       {@link org.fairmark.client.FairmarkException}s carrying the contract's error code, the transaction id and the
 *       stage; writes invalidated by read conflicts are resubmitted per {@link org.fairmark.client.RetryPolicy}.</li>
 *   <li>{@link org.fairmark.client.EventStream}: typed {@link org.fairmark.client.LedgerEvent}s with durable
 *       checkpoints.</li>
 *   <li>{@link org.fairmark.client.Outbox}: offline capture in a crash-safe journal, synchronized later with
 *       per-entry {@link org.fairmark.client.SyncReport}s.</li>
 *   <li>Labels: {@link org.fairmark.client.LabelSigner} signs a {@link org.fairmark.client.LabelClaim} into a
 *       {@link org.fairmark.client.SignedLabel} (a GS1 Digital Link URI), {@link org.fairmark.client.QrCodes} renders and
 *       reads QR codes, {@link org.fairmark.client.LabelSheet} lays out A4 PDF sheets in Chinese and English,
 *       {@link org.fairmark.client.LabelVerifier} verifies offline against a signed
 *       {@link org.fairmark.client.TrustBundle}, {@link org.fairmark.client.Participant#verifyLabel(String)} online.</li>
 *   <li>{@link org.fairmark.client.EpcisExport}: a batch's history as an EPCIS 2.0 JSON-LD document.</li>
 * </ul>
 *
 * <pre>{@code
 * try (FairmarkClient client = FairmarkClient.builder()
 *         .endpoint("localhost", 7051)
 *         .identity(FairmarkIdentity.fromWallet(Path.of(".fairmark/wallet"), "buyer@market"))
 *         .connect()) {
 *     OnlineVerification check = client.participant().verifyLabel(scannedUri);
 *     System.out.println(check.status() + ": " + check.detail());
 * }
 * }</pre>
 */
package org.fairmark.client;
