package org.fairmark.client;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.fairmark.domain.CountyCode;
import org.fairmark.domain.DigitalLinkKey;
import org.fairmark.domain.DomainException;
import org.fairmark.domain.Gs1;

/**
 * A signed label: a {@link LabelClaim}, its ES256 signature and the resolver its URI points to. The URI is a GS1
 * Digital Link that any phone camera opens:
 *
 * <pre>
 * https://{resolver}/01/{gtin}/10/{lot}/21/{serial}?13={YYMMDD}&amp;3103={kg×1000, 6 digits}&amp;g={grade}&amp;c={county}&amp;k={key id}&amp;s={signature}
 * </pre>
 *
 * <p>{@code k} is the 16-byte key id and {@code s} the 64-byte raw {@code r||s} signature, both base64url without
 * padding (22 and 86 characters), so a label URI stays near 230 characters: a version 10 QR code at error correction
 * level M. The full definition is in {@code docs/en/labels.md}.
 *
 * <pre>{@code
 * SignedLabel label = SignedLabel.parse("https://id.fairmark.cn/01/06901234567892/10/QX-2024-001/21/P0001?13=240915&3103=000500&g=FIRST&c=130227&k=...&s=...");
 * label.claim().netMassGrams();   // 500
 * }</pre>
 */
public final class SignedLabel {
    /** The longest text {@link #parse} reads; a real label is about 230 characters. */
    public static final int MAX_URI_LENGTH = 1024;

    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("uuMMdd", Locale.ROOT);
    private static final List<String> PARAMETERS = List.of("13", "3103", "g", "c", "k", "s");
    private static final int SIGNATURE_CHARS = 86;
    private static final int KEY_ID_CHARS = 22;
    private static final int DATE = 0;
    private static final int MASS = 1;
    private static final int GRADE = 2;
    private static final int COUNTY = 3;
    private static final int KEY = 4;
    private static final int SIGNATURE = 5;

    private final LabelClaim claim;
    private final byte[] signature;
    private final String resolver;
    /** Written on first use: a label read only to be verified never needs its URI rebuilt. */
    private volatile String uri;

    SignedLabel(LabelClaim claim, byte[] signature, String resolver) {
        this.claim = claim;
        this.signature = signature.clone();
        this.resolver = resolver;
        this.uri = format(claim, signature, resolver);
    }

    /** A label just parsed: {@code signature} is a fresh array nobody else holds. */
    private SignedLabel(LabelClaim claim, String resolver, byte[] signature) {
        this.claim = claim;
        this.signature = signature;
        this.resolver = resolver;
    }

    /** What the label asserts. */
    public LabelClaim claim() {
        return claim;
    }

    /** The 64-byte raw {@code r||s} ES256 signature. */
    public byte[] signature() {
        return signature.clone();
    }

    /** The signature itself, not a copy, for verification within the package; callers must not modify it. */
    byte[] signatureBytes() {
        return signature;
    }

    /** The resolver base, e.g. {@code https://id.fairmark.cn}. */
    public String resolver() {
        return resolver;
    }

    /** The label's URI, the text of its QR code. */
    public String uri() {
        String text = uri;
        if (text == null) {
            text = format(claim, signature, resolver);
            uri = text;
        }
        return text;
    }

    /** The GS1 Digital Link key of the package. */
    public DigitalLinkKey key() {
        return new DigitalLinkKey(claim.gtin(), claim.lot(), claim.serial());
    }

    /**
     * Reads a label URI. The parameters may come in any order; each must appear once and no other may appear.
     *
     * @throws LabelFormatException with {@link LabelRejection#TRUNCATED} when parameters or part of the signature are
     *     missing, {@link LabelRejection#MALFORMED} for anything else that is not a Fairmark label
     */
    public static SignedLabel parse(String uri) {
        if (uri == null || uri.isBlank()) {
            throw malformed("the label is empty");
        }
        String text = uri.strip();
        if (text.length() > MAX_URI_LENGTH) {
            throw malformed("the label has " + text.length() + " characters, at most " + MAX_URI_LENGTH + " allowed");
        }
        int schemeEnd = startsWithIgnoringAsciiCase(text, "https://") ? 8
                : startsWithIgnoringAsciiCase(text, "http://") ? 7 : -1;
        if (schemeEnd < 0) {
            throw malformed("a label URI starts with https:// or http://");
        }
        if (text.indexOf('#') >= 0) {
            throw malformed("a label URI has no fragment");
        }
        int question = text.indexOf('?');
        String base = question < 0 ? text : text.substring(0, question);
        int pathStart = base.indexOf('/', schemeEnd);
        if (pathStart == schemeEnd || base.length() == schemeEnd) {
            throw malformed("the URI has no host");
        }
        if (pathStart < 0) {
            throw question < 0 ? truncated("the URI ends before the Digital Link path") : malformed("the URI has no path");
        }
        int linkStart = base.indexOf("/01/", pathStart);
        if (linkStart < 0) {
            throw question < 0 && "/01/".startsWith(base.substring(pathStart))
                    ? truncated("the URI ends before the Digital Link path")
                    : malformed("the URI has no GS1 Digital Link path /01/{gtin}/10/{lot}/21/{serial}");
        }
        String resolver = base.substring(0, linkStart);
        if (question < 0) {
            throw truncated("the URI ends before its parameters");
        }
        DigitalLinkKey key;
        try {
            key = Gs1.parseDigitalLinkPath(base.substring(linkStart));
        } catch (DomainException e) {
            throw malformed("the Digital Link path is invalid: " + e.detail());
        }
        if (key.serial() == null) {
            throw malformed("the URI names a batch, not a package");
        }
        String[] values = parameters(text, question + 1);
        for (int i = 0; i < PARAMETERS.size(); i++) {
            if (values[i] == null) {
                throw truncated("parameter " + PARAMETERS.get(i) + " is missing");
            }
        }
        LocalDate packingDate = packingDate(values[DATE]);
        long grams = grams(values[MASS]);
        String grade = values[GRADE];
        if (!LabelClaim.isGrade(grade)) {
            throw malformed("grade g must match " + LabelClaim.GRADE.pattern());
        }
        String county = values[COUNTY];
        try {
            CountyCode.requireWellFormed(county);
        } catch (DomainException e) {
            throw malformed("county c is invalid: " + e.detail());
        }
        String k = values[KEY];
        byte[] keyId = k.length() == KEY_ID_CHARS ? EcdsaFormat.fromBase64Url(k) : null;
        if (keyId == null || keyId.length != 16) {
            throw malformed("key id k must be 22 base64url characters");
        }
        String s = values[SIGNATURE];
        if (s.length() > SIGNATURE_CHARS || !isBase64Url(s)) {
            throw malformed("signature s must be 86 base64url characters");
        }
        if (s.length() < SIGNATURE_CHARS) {
            throw truncated("signature s has " + s.length() + " of 86 characters");
        }
        byte[] signature = EcdsaFormat.fromBase64Url(s);
        if (signature == null || signature.length != 64) {
            throw malformed("signature s is not canonical base64url of 64 bytes");
        }
        LabelClaim claim = new LabelClaim(key.gtin(), key.lot(), key.serial(), grade, grams, packingDate, county,
                HexFormat.of().formatHex(keyId));
        return new SignedLabel(claim, resolver, signature);
    }

    /**
     * The values of the query {@code text.substring(from)}, indexed as {@link #PARAMETERS} ({@code null} when absent).
     * Pairs are read in place; only the values are copied out.
     */
    private static String[] parameters(String text, int from) {
        String[] values = new String[PARAMETERS.size()];
        int end = text.length();
        if (from == end) {
            return values;
        }
        int start = from;
        while (true) {
            int amp = text.indexOf('&', start);
            boolean last = amp < 0;
            int pairEnd = last ? end : amp;
            int equals = text.indexOf('=', start);
            if (equals < 0 || equals >= pairEnd) {
                String pair = text.substring(start, pairEnd);
                if (last && isPrefixOfParameter(pair)) {
                    throw truncated("the URI ends inside parameter " + pair);
                }
                throw malformed("parameter '" + shorten(pair) + "' has no value");
            }
            int index = parameterIndex(text, start, equals);
            if (index < 0) {
                throw malformed("unknown parameter '" + shorten(text.substring(start, equals)) + "'");
            }
            String name = PARAMETERS.get(index);
            if (values[index] != null) {
                throw malformed("parameter " + name + " appears twice");
            }
            String value = text.substring(equals + 1, pairEnd);
            values[index] = value;
            if (value.isEmpty()) {
                if (last) {
                    throw truncated("parameter " + name + " has no value");
                }
                throw malformed("parameter " + name + " is empty");
            }
            if (last) {
                return values;
            }
            start = amp + 1;
        }
    }

    /** The index in {@link #PARAMETERS} of the name {@code text[from, to)}, or -1. */
    private static int parameterIndex(String text, int from, int to) {
        for (int i = 0; i < PARAMETERS.size(); i++) {
            String name = PARAMETERS.get(i);
            if (name.length() == to - from && text.startsWith(name, from)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWithIgnoringAsciiCase(String text, String lowerPrefix) {
        if (text.length() < lowerPrefix.length()) {
            return false;
        }
        for (int i = 0; i < lowerPrefix.length(); i++) {
            char c = text.charAt(i);
            char expected = lowerPrefix.charAt(i);
            if (c != expected && !(expected >= 'a' && expected <= 'z' && c == expected - 32)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBase64Url(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSixDigits(String value) {
        if (value.length() != 6) {
            return false;
        }
        for (int i = 0; i < 6; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int twoDigits(String value, int from) {
        return (value.charAt(from) - '0') * 10 + (value.charAt(from + 1) - '0');
    }

    private static boolean isPrefixOfParameter(String text) {
        return PARAMETERS.stream().anyMatch(name -> name.startsWith(text));
    }

    private static LocalDate packingDate(String value) {
        if (!isSixDigits(value)) {
            throw malformed("packing date 13 must be YYMMDD");
        }
        // what a STRICT "uuMMdd" formatter reads (years 2000..2099), without building a parser per label
        try {
            return LocalDate.of(2000 + twoDigits(value, 0), twoDigits(value, 2), twoDigits(value, 4));
        } catch (java.time.DateTimeException e) {
            throw malformed("packing date 13 is not a calendar date");
        }
    }

    private static long grams(String value) {
        if (!isSixDigits(value)) {
            throw malformed("net mass 3103 must be 6 digits (kg with 3 decimals)");
        }
        long grams = twoDigits(value, 0) * 10_000L + twoDigits(value, 2) * 100L + twoDigits(value, 4);
        if (grams == 0) {
            throw malformed("net mass 3103 is zero");
        }
        return grams;
    }

    static String format(LabelClaim claim, byte[] signature, String resolver) {
        return resolver + Gs1.toDigitalLinkPath(claim.gtin(), claim.lot(), claim.serial())
                + "?13=" + YYMMDD.format(claim.packingDate())
                + "&3103=" + sixDigits(claim.netMassGrams())
                + "&g=" + claim.grade()
                + "&c=" + claim.countyCode()
                + "&k=" + EcdsaFormat.base64Url(HexFormat.of().parseHex(claim.keyId()))
                + "&s=" + EcdsaFormat.base64Url(signature);
    }

    private static String sixDigits(long value) {
        String digits = Long.toString(value);
        return "000000".substring(digits.length()) + digits;
    }

    /**
     * Checks a resolver base: {@code http(s)://host[:port][/path]}, no query, fragment or trailing slash.
     *
     * @throws FairmarkException {@link org.fairmark.domain.ErrorCode#INVALID_ARGUMENT}
     */
    static String requireResolver(String resolver) {
        Objects.requireNonNull(resolver, "resolver == null");
        boolean shaped = resolver.matches("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~-]+)*");
        if (!shaped) {
            throw FairmarkException.client(org.fairmark.domain.ErrorCode.INVALID_ARGUMENT,
                    "resolver must look like https://host[:port][/path] without a trailing slash, got '" + shorten(resolver) + "'");
        }
        return resolver;
    }

    private static String shorten(String text) {
        String printable = text.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() <= 40 ? printable : printable.substring(0, 40) + "...";
    }

    private static LabelFormatException malformed(String detail) {
        return new LabelFormatException(LabelRejection.MALFORMED, detail);
    }

    private static LabelFormatException truncated(String detail) {
        return new LabelFormatException(LabelRejection.TRUNCATED, detail);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignedLabel label && label.uri().equals(uri());
    }

    @Override
    public int hashCode() {
        return uri().hashCode();
    }

    @Override
    public String toString() {
        return uri();
    }
}
