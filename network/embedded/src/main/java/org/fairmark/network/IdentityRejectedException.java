package org.fairmark.network;

/**
 * An identity its MSP does not accept. {@link #mspId()} is {@code null} when the identity could not even be read or
 * names an MSP the channel does not know, which Fabric reports as "creator org unknown".
 */
final class IdentityRejectedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String mspId;

    IdentityRejectedException(String mspId, String message) {
        super(message);
        this.mspId = mspId;
    }

    /** The MSP the identity claimed, or {@code null} when unknown or unreadable. */
    String mspId() {
        return mspId;
    }
}
