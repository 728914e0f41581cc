package org.fairmark.domain;

/**
 * The client-generated id every write carries, so a field device that resubmits after losing connectivity gets
 * the first result back instead of writing twice (DOMAIN.md, rule 10).
 *
 * <p>8..64 characters of {@code [A-Za-z0-9_-]}: long enough to be unguessable and unique (a UUID fits), short
 * and plain enough to be a ledger key and to appear in logs without escaping.
 */
public final class RequestId {
    /** Fewest characters of a request id. */
    public static final int MIN_LENGTH = 8;

    /** Most characters of a request id. */
    public static final int MAX_LENGTH = 64;

    private RequestId() {}

    /**
     * Returns {@code requestId} when it has 8..64 characters of {@code [A-Za-z0-9_-]}.
     *
     * @throws DomainException {@link ErrorCode#INVALID_REQUEST_ID} naming the problem
     */
    public static String requireValid(String requestId) {
        if (requestId == null) {
            throw new DomainException(ErrorCode.INVALID_REQUEST_ID, "request id is missing");
        }
        if (requestId.length() < MIN_LENGTH || requestId.length() > MAX_LENGTH) {
            throw new DomainException(
                    ErrorCode.INVALID_REQUEST_ID,
                    "request id must have " + MIN_LENGTH + ".." + MAX_LENGTH + " characters, got "
                            + requestId.length());
        }
        for (int i = 0; i < requestId.length(); i++) {
            char c = requestId.charAt(i);
            boolean allowed = (c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '_'
                    || c == '-';
            if (!allowed) {
                throw new DomainException(
                        ErrorCode.INVALID_REQUEST_ID,
                        "request id may contain only A-Z, a-z, 0-9, '_' and '-', found " + Strings.describe(c)
                                + " at position " + (i + 1));
            }
        }
        return requestId;
    }
}
