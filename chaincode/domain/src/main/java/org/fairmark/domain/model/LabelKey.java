package org.fairmark.domain.model;

/**
 * A packer's label-signing public key, bound on the ledger to the packer's identity.
 *
 * @param keyId first 16 bytes of SHA-256 over the key's DER SubjectPublicKeyInfo, in lowercase hex
 * @param publicKey base64 of the DER SubjectPublicKeyInfo of an EC P-256 key
 */
public record LabelKey(
        String keyId,
        String publicKey,
        String ownerId,
        String ownerOrg,
        String registeredAt,
        Boolean revoked,
        String revokedAt,
        String revocationReason) {}
