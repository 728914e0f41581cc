package org.fairmark.domain;

/**
 * The key a GS1 Digital Link label carries: the batch (GTIN and lot) and, for a package, its serial.
 *
 * <p>Every component is validated on construction, so a key in hand always names something that could be on
 * the ledger; {@code new DigitalLinkKey("09506000134352", "L1", null).toPath()} is
 * {@code "/01/09506000134352/10/L1"}.
 *
 * @param gtin GTIN-14 with a valid check digit
 * @param lot AI (10) batch/lot
 * @param serial AI (21) serial, or {@code null} when the key names the batch rather than one package
 */
public record DigitalLinkKey(String gtin, String lot, String serial) {
    /**
     * @throws DomainException {@link ErrorCode#INVALID_GTIN}, {@link ErrorCode#INVALID_LOT} or
     *     {@link ErrorCode#INVALID_SERIAL}
     */
    public DigitalLinkKey {
        Gtin.requireValid(gtin);
        Gs1.requireLot(lot);
        if (serial != null) {
            Gs1.requireSerial(serial);
        }
    }

    /** The canonical Digital Link path of this key, as {@link Gs1#toDigitalLinkPath} builds it. */
    public String toPath() {
        return Gs1.toDigitalLinkPath(gtin, lot, serial);
    }
}
