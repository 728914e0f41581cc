package org.fairmark.client;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.ChecksumException;
import com.google.zxing.DecodeHintType;
import com.google.zxing.EncodeHintType;
import com.google.zxing.FormatException;
import com.google.zxing.LuminanceSource;
import com.google.zxing.NotFoundException;
import com.google.zxing.ReaderException;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import com.google.zxing.qrcode.encoder.QRCode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.fairmark.domain.ErrorCode;

/**
 * QR codes of label URIs (ZXing): PNG and SVG rendering at error correction level M with the standard four-module
 * quiet zone, and decoding from an image.
 *
 * <pre>{@code
 * byte[] png = QrCodes.png(label.uri(), 400);
 * String svg = QrCodes.svg(label.uri());
 * String text = QrCodes.decode(Files.readAllBytes(Path.of("scan.png")));
 * }</pre>
 */
public final class QrCodes {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] PNG_END = {0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xae, 0x42, 0x60, (byte) 0x82};
    private static final int QUIET_ZONE = 4;
    /** The most a decoded image may hold, in pixels: a phone photo fits, a decompression bomb does not. */
    private static final long MAX_PIXELS = 40_000_000L;

    private QrCodes() {}

    /**
     * A square PNG of the QR code of {@code text}, {@code sizePixels} wide (rounded so each module is whole pixels).
     *
     * @throws FairmarkException {@link ErrorCode#INVALID_ARGUMENT} when the text does not fit a QR code or the size is
     *     not 21..4000
     */
    public static byte[] png(String text, int sizePixels) {
        Objects.requireNonNull(text, "text == null");
        if (sizePixels < 21 || sizePixels > 4000) {
            throw FairmarkException.client(ErrorCode.INVALID_ARGUMENT, "sizePixels must be 21..4000, got " + sizePixels);
        }
        BitMatrix matrix;
        try {
            matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, sizePixels, sizePixels, encodeHints());
        } catch (WriterException | IllegalArgumentException e) {
            throw FairmarkException.client(ErrorCode.INVALID_ARGUMENT, "cannot encode a QR code: " + e.getMessage(), e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            MatrixToImageWriter.writeToStream(matrix, "PNG", out);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return out.toByteArray();
    }

    /**
     * An SVG of the QR code of {@code text}: one path, one unit per module, scalable to any print size.
     *
     * @throws FairmarkException {@link ErrorCode#INVALID_ARGUMENT} when the text does not fit a QR code
     */
    public static String svg(String text) {
        boolean[][] modules = modules(text);
        int size = modules.length + 2 * QUIET_ZONE;
        StringBuilder path = new StringBuilder(modules.length * modules.length);
        for (int y = 0; y < modules.length; y++) {
            int x = 0;
            while (x < modules.length) {
                if (!modules[y][x]) {
                    x++;
                    continue;
                }
                int run = 1;
                while (x + run < modules.length && modules[y][x + run]) {
                    run++;
                }
                path.append('M').append(x + QUIET_ZONE).append(' ').append(y + QUIET_ZONE)
                        .append('h').append(run).append("v1h-").append(run).append('z');
                x += run;
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size
                + "\" shape-rendering=\"crispEdges\"><rect width=\"" + size + "\" height=\"" + size
                + "\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
    }

    /** The QR modules of {@code text} without the quiet zone; {@code true} is dark. */
    static boolean[][] modules(String text) {
        Objects.requireNonNull(text, "text == null");
        QRCode code;
        try {
            code = Encoder.encode(text, ErrorCorrectionLevel.M, encodeHints());
        } catch (WriterException | IllegalArgumentException e) {
            throw FairmarkException.client(ErrorCode.INVALID_ARGUMENT, "cannot encode a QR code: " + e.getMessage(), e);
        }
        ByteMatrix matrix = code.getMatrix();
        boolean[][] modules = new boolean[matrix.getHeight()][matrix.getWidth()];
        for (int y = 0; y < matrix.getHeight(); y++) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                modules[y][x] = matrix.get(x, y) == 1;
            }
        }
        return modules;
    }

    /** The QR version (1..40) {@code text} needs at level M: version v has 17 + 4v modules a side. */
    public static int version(String text) {
        return (modules(text).length - 17) / 4;
    }

    /**
     * Reads the QR code in an image (PNG, JPEG, GIF, BMP).
     *
     * @throws LabelFormatException {@link LabelRejection#TRUNCATED} for a PNG cut short, {@link LabelRejection#MALFORMED}
     *     when the bytes are not a readable image or it holds no readable QR code
     */
    public static String decode(byte[] image) {
        Objects.requireNonNull(image, "image == null");
        if (image.length == 0) {
            throw new LabelFormatException(LabelRejection.MALFORMED, "the image is empty");
        }
        boolean png = image.length >= PNG_SIGNATURE.length
                && Arrays.equals(Arrays.copyOf(image, PNG_SIGNATURE.length), PNG_SIGNATURE);
        if (png && (image.length < PNG_SIGNATURE.length + PNG_END.length
                || !Arrays.equals(Arrays.copyOfRange(image, image.length - PNG_END.length, image.length), PNG_END))) {
            throw new LabelFormatException(LabelRejection.TRUNCATED, "the PNG file is cut short (no IEND chunk)");
        }
        BufferedImage picture;
        try {
            picture = readImage(image);
        } catch (IOException | RuntimeException e) {
            throw new LabelFormatException(LabelRejection.MALFORMED, "the file is not a readable image", e);
        }
        if (picture == null) {
            throw new LabelFormatException(LabelRejection.MALFORMED, "the file is not an image format this reader knows");
        }
        LuminanceSource source = new BufferedImageLuminanceSource(picture);
        Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
        hints.put(DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE));
        hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
        hints.put(DecodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
        Map<DecodeHintType, Object> pure = new EnumMap<>(hints);
        pure.put(DecodeHintType.PURE_BARCODE, Boolean.TRUE);
        // ZXing's finder-pattern search misses about 2 % of clean, computer-drawn codes whose data happens to
        // look like a finder pattern; a second binarizer and the pure-barcode reading (a code drawn straight,
        // with its quiet zone, as labels and screenshots are) find them. The first answer that decodes wins.
        ReaderException damaged = null;
        NotFoundException notFound = null;
        for (Map<DecodeHintType, Object> attempt : List.of(hints, pure)) {
            for (BinaryBitmap bitmap : List.of(new BinaryBitmap(new HybridBinarizer(source)),
                    new BinaryBitmap(new GlobalHistogramBinarizer(source)))) {
                try {
                    return new QRCodeReader().decode(bitmap, attempt).getText();
                } catch (NotFoundException e) {
                    notFound = notFound == null ? e : notFound;
                } catch (ChecksumException | FormatException e) {
                    damaged = damaged == null ? e : damaged;
                }
            }
        }
        if (damaged != null) {
            throw new LabelFormatException(LabelRejection.MALFORMED, "the QR code in the image is damaged", damaged);
        }
        throw new LabelFormatException(LabelRejection.MALFORMED, "the image holds no QR code", notFound);
    }

    private static BufferedImage readImage(byte[] image) throws IOException {
        try (var input = ImageIO.createImageInputStream(new ByteArrayInputStream(image))) {
            if (input == null) {
                return null;
            }
            var readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                return null;
            }
            var reader = readers.next();
            try {
                reader.setInput(input, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw new IOException("the image has " + pixels + " pixels, at most " + MAX_PIXELS);
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        }
    }

    private static Map<EncodeHintType, Object> encodeHints() {
        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
        hints.put(EncodeHintType.MARGIN, QUIET_ZONE);
        return hints;
    }
}
