package org.fairmark.client;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    private static final java.util.regex.Pattern SIX_DIGITS = java.util.regex.Pattern.compile("[0-9]{6}");
    private static final java.util.regex.Pattern BASE64URL = java.util.regex.Pattern.compile("[A-Za-z0-9_-]*");

    private final LabelClaim claim;
    private final byte[] signature;
    private final String resolver;
    private final String uri;

    SignedLabel(LabelClaim claim, byte[] signature, String resolver) {
        this.claim = claim;
        this.signature = signature.clone();
        this.resolver = resolver;
        this.uri = format(claim, signature, resolver);
    }

    /** What the label asserts. */
    public LabelClaim claim() {
        return claim;
    }

    /** The 64-byte raw {@code r||s} ES256 signature. */
    public byte[] signature() {
        return signature.clone();
    }

    /** The resolver base, e.g. {@code https://id.fairmark.cn}. */
    public String resolver() {
        return resolver;
    }

    /** The label's URI, the text of its QR code. */
    public String uri() {
        return uri;
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
        String lower = text.toLowerCase(Locale.ROOT);
        int schemeEnd = lower.startsWith("https://") ? 8 : lower.startsWith("http://") ? 7 : -1;
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
        Map<String, String> values = parameters(text.substring(question + 1));
        for (String name : PARAMETERS) {
            if (!values.containsKey(name)) {
                throw truncated("parameter " + name + " is missing");
            }
        }
        LocalDate packingDate = packingDate(values.get("13"));
        long grams = grams(values.get("3103"));
        String grade = values.get("g");
        if (!LabelClaim.GRADE.matcher(grade).matches()) {
            throw malformed("grade g must match " + LabelClaim.GRADE.pattern());
        }
        String county = values.get("c");
        try {
            CountyCode.requireWellFormed(county);
        } catch (DomainException e) {
            throw malformed("county c is invalid: " + e.detail());
        }
        String k = values.get("k");
        byte[] keyId = k.length() == KEY_ID_CHARS ? EcdsaFormat.fromBase64Url(k) : null;
        if (keyId == null || keyId.length != 16) {
            throw malformed("key id k must be 22 base64url characters");
        }
        String s = values.get("s");
        if (s.length() > SIGNATURE_CHARS || !BASE64URL.matcher(s).matches()) {
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
        return new SignedLabel(claim, signature, resolver);
    }

    private static Map<String, String> parameters(String query) {
        Map<String, String> values = new LinkedHashMap<>();
        if (query.isEmpty()) {
            return values;
        }
        String[] pairs = query.split("&", -1);
        for (int i = 0; i < pairs.length; i++) {
            String pair = pairs[i];
            boolean last = i == pairs.length - 1;
            int equals = pair.indexOf('=');
            if (equals < 0) {
                if (last && isPrefixOfParameter(pair)) {
                    throw truncated("the URI ends inside parameter " + pair);
                }
                throw malformed("parameter '" + shorten(pair) + "' has no value");
            }
            String name = pair.substring(0, equals);
            String value = pair.substring(equals + 1);
            if (!PARAMETERS.contains(name)) {
                throw malformed("unknown parameter '" + shorten(name) + "'");
            }
            if (values.put(name, value) != null) {
                throw malformed("parameter " + name + " appears twice");
            }
            if (value.isEmpty()) {
                if (last) {
                    throw truncated("parameter " + name + " has no value");
                }
                throw malformed("parameter " + name + " is empty");
            }
        }
        return values;
    }

    private static boolean isPrefixOfParameter(String text) {
        return PARAMETERS.stream().anyMatch(name -> name.startsWith(text));
    }

    private static LocalDate packingDate(String value) {
        if (!SIX_DIGITS.matcher(value).matches()) {
            throw malformed("packing date 13 must be YYMMDD");
        }
        try {
            return LocalDate.parse(value, YYMMDD.withResolverStyle(java.time.format.ResolverStyle.STRICT));
        } catch (DateTimeParseException e) {
            throw malformed("packing date 13 is not a calendar date");
        }
    }

    private static long grams(String value) {
        if (!SIX_DIGITS.matcher(value).matches()) {
            throw malformed("net mass 3103 must be 6 digits (kg with 3 decimals)");
        }
        long grams = Long.parseLong(value);
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
        return other instanceof SignedLabel label && label.uri.equals(uri);
    }

    @Override
    public int hashCode() {
        return uri.hashCode();
    }

    @Override
    public String toString() {
        return uri;
    }
}
