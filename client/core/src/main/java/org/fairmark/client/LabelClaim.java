package org.fairmark.client;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.fairmark.domain.CanonicalJson;
import org.fairmark.domain.CountyCode;
import org.fairmark.domain.DomainException;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.Gs1;
import org.fairmark.domain.Gtin;
import org.fairmark.domain.model.Batch;
import org.fairmark.domain.model.PackageRecord;

/**
 * What a label asserts about one package, and what the packer's label key signs: the package's identity (GTIN, lot,
 * serial), its grade, nominal net mass, packing date, the batch's county of origin and the id of the signing key.
 *
 * <p>The signed bytes are the canonical JSON ({@link #canonicalBytes()}) of these fields plus
 * {@code "type":"fairmark-label/1"}, with sorted keys and no whitespace, e.g.
 * {@code {"countyCode":"130227","grade":"FIRST","gtin":"06901234567892","keyId":"3f…","lot":"QX-2024-001","netMassGrams":500,"packingDate":"2024-09-15","serial":"P0001","type":"fairmark-label/1"}}.
 * The resolver host is not signed: a label stays valid whichever resolver serves it. See {@code docs/en/labels.md}.
 *
 * <pre>{@code
 * LabelClaim claim = LabelClaim.of(packageRecord, batch);
 * SignedLabel label = signer.sign(claim, "https://id.fairmark.cn");
 * }</pre>
 *
 * @param gtin GTIN-14 with a valid check digit
 * @param lot GS1 AI (10) lot
 * @param serial GS1 AI (21) serial
 * @param grade the package's grade, {@code [A-Z][A-Z0-9_]{0,31}}
 * @param netMassGrams nominal net mass in grams, 1..999 999 (AI 3103 holds kg with three decimals)
 * @param packingDate the packing date (AI 13), 2000..2099
 * @param countyCode GB/T 2260 county code of the batch's origin
 * @param keyId id of the signing label key: 32 lowercase hex characters
 */
public record LabelClaim(
        String gtin,
        String lot,
        String serial,
        String grade,
        long netMassGrams,
        LocalDate packingDate,
        String countyCode,
        String keyId) {

    /** The value of the claim's {@code type} field: the label format and version. */
    public static final String TYPE = "fairmark-label/1";

    static final Pattern GRADE = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");
    static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{32}");

    /**
     * @throws FairmarkException {@link ErrorCode#INVALID_GTIN}, {@link ErrorCode#INVALID_LOT},
     *     {@link ErrorCode#INVALID_SERIAL}, {@link ErrorCode#INVALID_COUNTY_CODE}, {@link ErrorCode#INVALID_MASS},
     *     {@link ErrorCode#INVALID_DATE} or {@link ErrorCode#INVALID_ARGUMENT} naming the bad component
     */
    public LabelClaim {
        try {
            Gtin.requireValid(gtin);
            Gs1.requireLot(lot);
            Gs1.requireSerial(serial);
            CountyCode.requireWellFormed(countyCode);
        } catch (DomainException e) {
            throw FairmarkException.client(e.code(), e.detail());
        }
        if (!isGrade(grade)) {
            throw FairmarkException.client(ErrorCode.INVALID_ARGUMENT, "grade must match " + GRADE.pattern());
        }
        if (netMassGrams < 1 || netMassGrams > 999_999) {
            throw FairmarkException.client(ErrorCode.INVALID_MASS, "netMassGrams must be 1..999999, got " + netMassGrams);
        }
        Objects.requireNonNull(packingDate, "packingDate == null");
        if (packingDate.getYear() < 2000 || packingDate.getYear() > 2099) {
            throw FairmarkException.client(ErrorCode.INVALID_DATE, "packingDate must lie in 2000..2099");
        }
        if (!isKeyId(keyId)) {
            throw FairmarkException.client(ErrorCode.INVALID_ARGUMENT, "keyId must be 32 lowercase hex characters");
        }
    }

    /** Whether {@code grade} matches {@link #GRADE}, checked without a regex matcher (labels are verified in bulk). */
    static boolean isGrade(String grade) {
        if (grade == null || grade.isEmpty() || grade.length() > 32) {
            return false;
        }
        char first = grade.charAt(0);
        if (first < 'A' || first > 'Z') {
            return false;
        }
        for (int i = 1; i < grade.length(); i++) {
            char c = grade.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code keyId} matches {@link #KEY_ID}, checked without a regex matcher. */
    static boolean isKeyId(String keyId) {
        if (keyId == null || keyId.length() != 32) {
            return false;
        }
        for (int i = 0; i < 32; i++) {
            char c = keyId.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The claim of a package as the ledger recorded it, with the origin county of its batch.
     *
     * @throws FairmarkException when the records do not belong together or hold values a label cannot carry
     */
    public static LabelClaim of(PackageRecord pkg, Batch batch) {
        Objects.requireNonNull(pkg, "pkg == null");
        Objects.requireNonNull(batch, "batch == null");
        if (!pkg.gtin().equals(batch.gtin()) || !pkg.lot().equals(batch.lot())) {
            throw FairmarkException.client(ErrorCode.INVALID_ARGUMENT, "package " + pkg.serial() + " is not of batch " + batch.lot());
        }
        return new LabelClaim(pkg.gtin(), pkg.lot(), pkg.serial(), pkg.grade(), pkg.nominalMassGrams(),
                LocalDate.parse(pkg.packingDate()), batch.origin().countyCode(), pkg.labelKeyId());
    }

    /**
     * The bytes the label key signs: canonical JSON of the claim, see the class documentation. Written directly (every
     * value is ASCII; of set 82 only the quotation mark needs escaping) because verification is dominated by it after
     * the signature check; equal to {@code CanonicalJson.toBytes} of the same fields.
     */
    public byte[] canonicalBytes() {
        // every value is ASCII (the constructor checks it): written straight into the byte array, no String between
        byte[] out = new byte[CANONICAL_FIXED_LENGTH + countyCode.length() + grade.length() + gtin.length()
                + keyId.length() + escapedLength(lot) + digits(netMassGrams) + 10 + escapedLength(serial)];
        int at = ascii(PART_COUNTY, out, 0);
        at = ascii(countyCode, out, at);
        at = ascii(PART_GRADE, out, at);
        at = ascii(grade, out, at);
        at = ascii(PART_GTIN, out, at);
        at = ascii(gtin, out, at);
        at = ascii(PART_KEY_ID, out, at);
        at = ascii(keyId, out, at);
        at = ascii(PART_LOT, out, at);
        at = escaped(lot, out, at);
        at = ascii(PART_MASS, out, at);
        at = number(netMassGrams, out, at);
        at = ascii(PART_DATE, out, at);
        at = isoDate(packingDate, out, at);
        at = ascii(PART_SERIAL, out, at);
        at = escaped(serial, out, at);
        at = ascii(PART_TYPE, out, at);
        if (at != out.length) {
            throw new IllegalStateException("canonical claim length " + at + " != " + out.length);
        }
        return out;
    }

    private static final String PART_COUNTY = "{\"countyCode\":\"";
    private static final String PART_GRADE = "\",\"grade\":\"";
    private static final String PART_GTIN = "\",\"gtin\":\"";
    private static final String PART_KEY_ID = "\",\"keyId\":\"";
    private static final String PART_LOT = "\",\"lot\":\"";
    private static final String PART_MASS = "\",\"netMassGrams\":";
    private static final String PART_DATE = ",\"packingDate\":\"";
    private static final String PART_SERIAL = "\",\"serial\":\"";
    private static final String PART_TYPE = "\",\"type\":\"" + TYPE + "\"}";
    private static final int CANONICAL_FIXED_LENGTH = PART_COUNTY.length() + PART_GRADE.length() + PART_GTIN.length()
            + PART_KEY_ID.length() + PART_LOT.length() + PART_MASS.length() + PART_DATE.length() + PART_SERIAL.length()
            + PART_TYPE.length();

    private static int ascii(String value, byte[] out, int at) {
        for (int i = 0; i < value.length(); i++) {
            out[at++] = (byte) value.charAt(i);
        }
        return at;
    }

    private static int escapedLength(String value) {
        int length = value.length();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                length++;
            }
        }
        return length;
    }

    private static int escaped(String value, byte[] out, int at) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out[at++] = '\\';
            }
            out[at++] = (byte) c;
        }
        return at;
    }

    private static int digits(long value) {
        int n = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            n++;
        }
        return n;
    }

    private static int number(long value, byte[] out, int at) {
        int end = at + digits(value);
        long rest = value;
        for (int i = end - 1; i >= at; i--) {
            out[i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
        return end;
    }

    /** {@code yyyy-MM-dd}: 10 bytes (the constructor keeps the year in 2000..2099). */
    private static int isoDate(LocalDate date, byte[] out, int at) {
        at = number(date.getYear(), out, at);
        out[at++] = '-';
        at = twoDigits(date.getMonthValue(), out, at);
        out[at++] = '-';
        return twoDigits(date.getDayOfMonth(), out, at);
    }

    private static int twoDigits(int value, byte[] out, int at) {
        out[at] = (byte) ('0' + value / 10);
        out[at + 1] = (byte) ('0' + value % 10);
        return at + 2;
    }

    /** The claim's fields as canonical JSON written by {@link CanonicalJson}, to check {@link #canonicalBytes()}. */
    byte[] canonicalBytesByJackson() {
        TreeMap<String, Object> fields = new TreeMap<>();
        fields.put("countyCode", countyCode);
        fields.put("grade", grade);
        fields.put("gtin", gtin);
        fields.put("keyId", keyId);
        fields.put("lot", lot);
        fields.put("netMassGrams", netMassGrams);
        fields.put("packingDate", packingDate.toString());
        fields.put("serial", serial);
        fields.put("type", TYPE);
        return CanonicalJson.toBytes(fields);
    }

    /** {@link #canonicalBytes()} as text, for documentation and debugging. */
    public String canonicalJson() {
        return new String(canonicalBytes(), StandardCharsets.UTF_8);
    }
}
