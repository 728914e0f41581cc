/**
 * Development certificate authority for Fairmark: per-organization ECDSA P-256 roots, identities whose certificates
 * Fabric cannot tell from Fabric CA's (NodeOU in the subject, attributes in extension {@code 1.2.3.4.5.6.7.8.1}),
 * TLS server material, revocation lists, low-S ECDSA signatures and a wallet of PEM files.
 *
 * <p>Entry points: {@link org.fairmark.devca.CertificateAuthority}, {@link org.fairmark.devca.Wallet},
 * {@link org.fairmark.devca.Pem} and {@link org.fairmark.devca.Signatures}. Not for production keys: private keys are
 * stored unencrypted.
 */
package org.fairmark.devca;
