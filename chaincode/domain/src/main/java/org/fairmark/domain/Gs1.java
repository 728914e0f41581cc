package org.fairmark.domain;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * GS1 keys and attributes other than the GTIN, and the path of a GS1 Digital Link URI.
 *
 * <p>Lots and serials are restricted to GS1 AI encodable character set 82 and 20 characters because that is
 * what fits a GS1 barcode and a Digital Link; a lot accepted here can always be printed on a label. The
 * Digital Link path is what a label's QR code carries, so building and parsing it must agree exactly:
 *
 * <pre>{@code
 * String path = Gs1.toDigitalLinkPath("09506000134352", "LOT/7", "A1");   // "/01/09506000134352/10/LOT%2F7/21/A1"
 * DigitalLinkKey key = Gs1.parseDigitalLinkPath(path);                  // ("09506000134352", "LOT/7", "A1")
 * }</pre>
 */
public final class Gs1 {
    /** AI (10) batch/lot is at most 20 characters. */
    public static final int MAX_LOT_LENGTH = 20;

    /** AI (21) serial number is at most 20 characters. */
    public static final int MAX_SERIAL_LENGTH = 20;

    /** AI (00) SSCC is 18 digits including the check digit. */
    public static final int SSCC_LENGTH = 18;

    /** A well-formed Fairmark Digital Link path is at most 146 characters; anything far longer is rejected unread. */
    private static final int MAX_PATH_LENGTH = 512;

    private static final String DIGITAL_LINK_SHAPE = "/01/{gtin}/10/{lot}[/21/{serial}]";

    private static final boolean[] SET_82 = new boolean[128];

    static {
        for (char c : "!\"%&'()*+,-./:;<=>?_".toCharArray()) {
            SET_82[c] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            SET_82[c] = true;
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            SET_82[c] = true;
            SET_82[Character.toLowerCase(c)] = true;
        }
    }

    private Gs1() {}

    /**
     * Whether every character of {@code value} belongs to GS1 AI encodable character set 82
     * ({@code !"%&'()*+,-./0-9:;<=>?A-Z_a-z}). The empty string qualifies (lengths are checked by
     * {@link #requireLot} and {@link #requireSerial}); {@code null} does not.
     */
    public static boolean isCharacterSet82(String value) {
        return value != null && firstOutsideSet82(value) == 0;
    }

    /**
     * Returns {@code lot} when it is a valid AI (10) batch/lot: 1..20 characters of set 82.
     *
     * @throws DomainException {@link ErrorCode#INVALID_LOT} naming the problem
     */
    public static String requireLot(String lot) {
        return requireSet82(lot, MAX_LOT_LENGTH, "lot", ErrorCode.INVALID_LOT);
    }

    /**
     * Returns {@code serial} when it is a valid AI (21) serial number: 1..20 characters of set 82.
     *
     * @throws DomainException {@link ErrorCode#INVALID_SERIAL} naming the problem
     */
    public static String requireSerial(String serial) {
        return requireSet82(serial, MAX_SERIAL_LENGTH, "serial", ErrorCode.INVALID_SERIAL);
    }

    /**
     * Returns {@code sscc} when it is an SSCC-18: 18 digits with a valid GS1 check digit.
     *
     * @throws DomainException {@link ErrorCode#INVALID_SSCC} naming the problem
     */
    public static String requireSscc(String sscc) {
        return Gtin.requireCheckedDigits(sscc, SSCC_LENGTH, "SSCC", ErrorCode.INVALID_SSCC);
    }

    /**
     * The GS1 Digital Link path {@code /01/{gtin}/10/{lot}} or {@code /01/{gtin}/10/{lot}/21/{serial}} of a
     * batch or package, the part of a label URI after the resolver's host. Characters of the lot and serial that
     * are not RFC 3986 unreserved ({@code A-Z a-z 0-9 - . _ ~}) are percent-encoded with upper-case hex, as the
     * Digital Link standard requires, so the same key always gives the same path.
     *
     * @param serial the AI (21) serial, or {@code null} for the path of the batch itself
     * @throws DomainException {@link ErrorCode#INVALID_GTIN}, {@link ErrorCode#INVALID_LOT} or
     *     {@link ErrorCode#INVALID_SERIAL} when a part is invalid
     */
    public static String toDigitalLinkPath(String gtin, String lot, String serial) {
        Gtin.requireValid(gtin);
        requireLot(lot);
        StringBuilder path = new StringBuilder(64).append("/01/").append(gtin).append("/10/");
        percentEncode(lot, path);
        if (serial != null) {
            requireSerial(serial);
            path.append("/21/");
            percentEncode(serial, path);
        }
        return path.toString();
    }

    /**
     * The GS1 Digital Link path {@code /01/{gtin}/21/{serial}} of one package as an instance (EPCIS, GS1 resolvers),
     * encoded as {@link #toDigitalLinkPath}.
     *
     * @throws DomainException {@link ErrorCode#INVALID_GTIN} or {@link ErrorCode#INVALID_SERIAL} when a part is
     *     invalid
     */
    public static String toDigitalLinkSerialPath(String gtin, String serial) {
        Gtin.requireValid(gtin);
        requireSerial(serial);
        StringBuilder path = new StringBuilder(48).append("/01/").append(gtin).append("/21/");
        percentEncode(serial, path);
        return path.toString();
    }

    /**
     * One URI path segment: every UTF-8 byte that is not RFC 3986 unreserved ({@code A-Z a-z 0-9 - . _ ~})
     * percent-encoded with upper-case hex, so {@code /} becomes {@code %2F}. The one percent-encoder of the project:
     * Digital Link paths, EPCIS identifiers and the links of the web pages use it.
     */
    public static String percentEncode(String value) {
        Objects.requireNonNull(value, "value == null");
        StringBuilder out = new StringBuilder(value.length() + 8);
        percentEncode(value, out);
        return out.toString();
    }

    /**
     * Reads the key out of a Digital Link path made by {@link #toDigitalLinkPath} (any valid percent-encoding
     * of the same characters is accepted). The path carries no scheme, host, query or fragment.
     *
     * @throws DomainException {@link ErrorCode#INVALID_ARGUMENT} when the path is not of the form
     *     {@code /01/{gtin}/10/{lot}[/21/{serial}]}, otherwise {@link ErrorCode#INVALID_GTIN},
     *     {@link ErrorCode#INVALID_LOT} or {@link ErrorCode#INVALID_SERIAL} for a bad part
     */
    public static DigitalLinkKey parseDigitalLinkPath(String path) {
        if (path == null) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT, "digital link path is missing");
        }
        if (path.length() > MAX_PATH_LENGTH) {
            throw new DomainException(
                    ErrorCode.INVALID_ARGUMENT,
                    "digital link path has " + path.length() + " characters, at most " + MAX_PATH_LENGTH + " allowed");
        }
        if (path.indexOf('?') >= 0 || path.indexOf('#') >= 0) {
            throw new DomainException(
                    ErrorCode.INVALID_ARGUMENT, "digital link path must not carry a query or fragment");
        }
        String[] segments = path.split("/", -1);
        boolean shaped = (segments.length == 5 || segments.length == 7)
                && segments[0].isEmpty()
                && segments[1].equals("01")
                && segments[3].equals("10")
                && (segments.length == 5 || segments[5].equals("21"));
        if (!shaped) {
            throw new DomainException(
                    ErrorCode.INVALID_ARGUMENT,
                    "digital link path must look like " + DIGITAL_LINK_SHAPE + ", got " + Strings.quote(path));
        }
        String gtin = percentDecode(segments[2], "GTIN", ErrorCode.INVALID_GTIN);
        String lot = percentDecode(segments[4], "lot", ErrorCode.INVALID_LOT);
        String serial = segments.length == 7 ? percentDecode(segments[6], "serial", ErrorCode.INVALID_SERIAL) : null;
        return new DigitalLinkKey(gtin, lot, serial);
    }

    private static String requireSet82(String value, int maxLength, String what, ErrorCode code) {
        if (value == null) {
            throw new DomainException(code, what + " is missing");
        }
        if (value.isEmpty()) {
            throw new DomainException(code, what + " is empty");
        }
        if (value.length() > maxLength) {
            throw new DomainException(
                    code, what + " has " + value.length() + " characters, at most " + maxLength + " allowed");
        }
        int bad = firstOutsideSet82(value);
        if (bad != 0) {
            throw new DomainException(
                    code,
                    what + " contains " + Strings.describe(value.charAt(bad - 1)) + " at position " + bad
                            + ", which is not in GS1 character set 82");
        }
        return value;
    }

    /** Position (1-based) of the first character outside set 82, or 0. */
    private static int firstOutsideSet82(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 128 || !SET_82[c]) {
                return i + 1;
            }
        }
        return 0;
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'A' && c <= 'Z')
                || (c >= 'a' && c <= 'z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '.'
                || c == '_'
                || c == '~';
    }

    private static void percentEncode(String value, StringBuilder out) {
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (isUnreserved(c)) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
    }

    private static String percentDecode(String segment, String what, ErrorCode code) {
        if (segment.isEmpty()) {
            throw new DomainException(code, what + " is empty");
        }
        ByteBuffer bytes = ByteBuffer.allocate(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                int high = i + 1 < segment.length() ? Character.digit(segment.charAt(i + 1), 16) : -1;
                int low = i + 2 < segment.length() ? Character.digit(segment.charAt(i + 2), 16) : -1;
                if (high < 0 || low < 0 || segment.charAt(i + 1) > 0x7f || segment.charAt(i + 2) > 0x7f) {
                    throw new DomainException(
                            code, what + " has a malformed percent-escape at position " + (i + 1));
                }
                bytes.put((byte) (high << 4 | low));
                i += 2;
            } else if (c < 0x80) {
                bytes.put((byte) c);
            } else {
                throw new DomainException(
                        code,
                        what + " contains " + Strings.describe(c) + " at position " + (i + 1)
                                + ", which must be percent-encoded in a URI");
            }
        }
        bytes.flip();
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes)
                    .toString();
        } catch (CharacterCodingException e) {
            throw new DomainException(code, what + " percent-encodes bytes that are not UTF-8");
        }
    }
}
