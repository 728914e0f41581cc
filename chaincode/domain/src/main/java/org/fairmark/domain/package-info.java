/**
 * Fairmark's pure domain rules: identifiers (GTIN, lot, serial, SSCC, county codes, request ids), limits, mass
 * balance, short-weight judgement after OIML R 87 / JJF 1070, grading standards and canonical JSON.
 *
 * <p>Nothing here knows about Fabric, so every rule the chaincode enforces can be unit-tested on its own. Every
 * broken rule is a {@link org.fairmark.domain.DomainException} carrying a stable
 * {@link org.fairmark.domain.ErrorCode}; any other exception is a defect.
 *
 * <p>Conventions: methods named {@code require…} validate input, so a {@code null} argument is reported as the
 * rule's error code ("… is missing"), never as a {@link NullPointerException}; predicates named {@code is…}
 * answer {@code false} for {@code null}; every other method rejects {@code null} with
 * {@code NullPointerException("name == null")}, because passing it is a programming error.
 */
package org.fairmark.domain;
