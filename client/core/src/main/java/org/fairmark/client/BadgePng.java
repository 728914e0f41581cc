package org.fairmark.client;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.fairmark.domain.ErrorCode;

/**
 * The PNG form of an integrity badge. Layout of the file: the PNG signature, {@code IHDR}, an {@code iTXt} chunk
 * {@code fairmark-badge} with the claim's canonical JSON, the image chunks, an {@code iTXt} chunk
 * {@code fairmark-signature} with the base64 signature over every byte before that chunk, and {@code IEND}.
 */
final class BadgePng {
    static final String CLAIM_KEYWORD = "fairmark-badge";
    static final String SIGNATURE_KEYWORD = "fairmark-signature";
    private static final byte[] MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final int WIDTH = 360;
    private static final int HEIGHT = 148;

    private BadgePng() {}

    record Parts(byte[] signedBytes, String claimJson, byte[] signature) {}

    static boolean isPng(byte[] bytes) {
        return bytes.length >= MAGIC.length && Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC);
    }

    /** Draws the badge: the same lines as the SVG, the rating disc, the QR code. */
    static byte[] render(BadgeClaim claim, List<String> lines, boolean[][] modules, String ratingColour) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(Color.decode("#9bbfa8"));
            g.drawRoundRect(0, 0, WIDTH - 1, HEIGHT - 1, 16, 16);
            g.setColor(Color.decode(ratingColour));
            g.fillOval(10, 12, 56, 56);
            g.setColor(Color.WHITE);
            String rating = lines.get(6);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, rating.length() > 1 ? 16 : 28));
            g.drawString(rating, 38 - g.getFontMetrics().stringWidth(rating) / 2, rating.length() > 1 ? 46 : 50);
            g.setColor(Color.decode("#1b1b1b"));
            line(g, lines.get(0), 76, 28, 15, Font.BOLD, 200);
            line(g, lines.get(1), 76, 48, 12, Font.PLAIN, 200);
            line(g, lines.get(7), 76, 66, 12, Font.PLAIN, 200);
            line(g, lines.get(2), 12, 92, 12, Font.PLAIN, 336);
            line(g, lines.get(3), 12, 110, 12, Font.PLAIN, 336);
            line(g, lines.get(4), 12, 126, 10, Font.PLAIN, 336);
            line(g, lines.get(5), 12, 140, 10, Font.PLAIN, 336);
            int scale = Math.max(1, 68 / (modules.length + 8));
            int x0 = 284 + (68 - scale * modules.length) / 2;
            int y0 = 8 + (68 - scale * modules.length) / 2;
            g.setColor(Color.BLACK);
            for (int y = 0; y < modules.length; y++) {
                for (int x = 0; x < modules.length; x++) {
                    if (modules[y][x]) {
                        g.fillRect(x0 + x * scale, y0 + y * scale, scale, scale);
                    }
                }
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw FairmarkException.client(ErrorCode.INTERNAL_ERROR, "cannot encode the badge PNG: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** Draws a line, in a smaller font when it would not fit {@code maxWidth}. */
    private static void line(Graphics2D g, String text, int x, int y, int size, int style, int maxWidth) {
        Font font = new Font(Font.SANS_SERIF, style, size);
        g.setFont(font);
        int width = g.getFontMetrics().stringWidth(text);
        if (width > maxWidth) {
            g.setFont(font.deriveFont((float) size * maxWidth / width));
        }
        g.drawString(text, x, y);
    }

    /** Inserts the claim after {@code IHDR} and the signature before {@code IEND}. */
    static byte[] sign(byte[] png, String claimJson, FairmarkIdentity signer) {
        int afterHeader = MAGIC.length + 8 + ByteBuffer.wrap(png, MAGIC.length, 4).getInt() + 4;
        int iend = png.length - 12;
        ByteArrayOutputStream out = new ByteArrayOutputStream(png.length + claimJson.length() * 3 + 256);
        out.write(png, 0, afterHeader);
        out.writeBytes(chunk("iTXt", itxt(CLAIM_KEYWORD, claimJson)));
        out.write(png, afterHeader, iend - afterHeader);
        byte[] signed = out.toByteArray();
        out.writeBytes(chunk("iTXt", itxt(SIGNATURE_KEYWORD, Base64.getEncoder().encodeToString(signer.sign(signed)))));
        out.write(png, iend, 12);
        return out.toByteArray();
    }

    /** Splits a PNG badge into the signed bytes, the claim JSON and the signature. */
    static Parts parts(byte[] png) {
        String claim = null;
        int position = MAGIC.length;
        while (position + 12 <= png.length) {
            int length = ByteBuffer.wrap(png, position, 4).getInt();
            if (length < 0 || position + 12 + (long) length > png.length) {
                throw invalid("the PNG badge is truncated or damaged");
            }
            String type = new String(png, position + 4, 4, StandardCharsets.ISO_8859_1);
            byte[] data = Arrays.copyOfRange(png, position + 8, position + 8 + length);
            int next = position + 12 + length;
            if (type.equals("iTXt")) {
                String keyword = keyword(data);
                if (keyword.equals(CLAIM_KEYWORD)) {
                    if (claim != null) {
                        throw invalid("the PNG badge has more than one claim");
                    }
                    claim = text(data, keyword);
                } else if (keyword.equals(SIGNATURE_KEYWORD)) {
                    if (claim == null || next + 12 != png.length
                            || !new String(png, next + 4, 4, StandardCharsets.ISO_8859_1).equals("IEND")) {
                        throw invalid("the PNG badge's signature must follow its claim and come just before IEND");
                    }
                    try {
                        return new Parts(Arrays.copyOf(png, position), claim, Base64.getDecoder().decode(text(data, keyword)));
                    } catch (IllegalArgumentException e) {
                        throw invalid("the PNG badge's signature is not base64");
                    }
                }
            }
            position = next;
        }
        throw invalid("not a Fairmark PNG badge: no claim and signature chunks");
    }

    private static byte[] itxt(String keyword, String text) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes(keyword.getBytes(StandardCharsets.ISO_8859_1));
        data.write(0); // keyword end
        data.write(0); // not compressed
        data.write(0); // compression method
        data.write(0); // no language tag
        data.write(0); // no translated keyword
        data.writeBytes(text.getBytes(UTF_8));
        return data.toByteArray();
    }

    private static String keyword(byte[] data) {
        int end = 0;
        while (end < data.length && data[end] != 0) {
            end++;
        }
        return new String(data, 0, end, StandardCharsets.ISO_8859_1);
    }

    private static String text(byte[] data, String keyword) {
        int start = keyword.length() + 5;
        if (start > data.length || data[keyword.length() + 1] != 0) {
            throw invalid("the PNG badge's " + keyword + " chunk is malformed or compressed");
        }
        return new String(data, start, data.length - start, UTF_8);
    }

    private static byte[] chunk(String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.ISO_8859_1);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(typeBytes).put(data)
                .putInt((int) crc.getValue()).array();
    }

    private static FairmarkException invalid(String detail) {
        return FairmarkException.client(ErrorCode.BADGE_INVALID, detail);
    }
}
