package org.fairmark.contract;

import org.fairmark.domain.Role;

/**
 * Who submitted the transaction, as read from the creator certificate.
 *
 * @param id the shim's client identity id ({@code x509::subject::issuer})
 * @param role null when the certificate has no Fairmark role (such identities may only read)
 * @param jurisdiction the raw {@code fairmark.jurisdiction} attribute, or null
 */
record Submitter(String mspId, String id, Role role, String jurisdiction) {}
