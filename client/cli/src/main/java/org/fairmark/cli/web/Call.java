package org.fairmark.cli.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fairmark.domain.ErrorCode;

/**
 * One request as the handlers see it: method, decoded path segments and parameters, query parameters, headers and
 * the body, read at most once and never beyond the size limit.
 */
final class Call {
    /** How much of an oversized body is read and thrown away so that the client still reads the 413 answer. */
    private static final long DRAIN_LIMIT = 4L * 1024 * 1024;

    private final HttpExchange exchange;
    private final String method;
    private final String rawPath;
    private final String rawQuery;
    private final List<String> segments;
    private final Map<String, String> query;
    private final int maxBodyBytes;
    private Map<String, String> pathParameters = Map.of();
    private boolean closeConnection;

    Call(HttpExchange exchange, int maxBodyBytes) {
        this.exchange = exchange;
        this.method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        this.rawPath = exchange.getRequestURI().getRawPath() == null ? "/" : exchange.getRequestURI().getRawPath();
        this.rawQuery = exchange.getRequestURI().getRawQuery();
        this.maxBodyBytes = maxBodyBytes;
        this.segments = segments(rawPath);
        this.query = parseQuery(rawQuery);
    }

    /** Decoded path segments; a lot or a standard code may contain {@code /} when percent-encoded as {@code %2F}. */
    private static List<String> segments(String rawPath) {
        List<String> result = new ArrayList<>();
        String trimmed = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        if (trimmed.isEmpty()) {
            return result;
        }
        for (String segment : trimmed.split("/", -1)) {
            result.add(decode(segment.replace("+", "%2B")));
        }
        return result;
    }

    private static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> result = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return result;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (result.put(name, value) != null) {
                throw new ApiException(422, ErrorCode.INVALID_ARGUMENT, "query parameter '" + shorten(name) + "' appears twice");
            }
        }
        return result;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ApiException(422, ErrorCode.INVALID_ARGUMENT, "the URL has a malformed percent-escape");
        }
    }

    HttpExchange exchange() {
        return exchange;
    }

    String method() {
        return method;
    }

    boolean isHead() {
        return method.equals("HEAD");
    }

    String rawPath() {
        return rawPath;
    }

    /** The raw query string, or {@code null}. */
    String rawQuery() {
        return rawQuery;
    }

    List<String> segments() {
        return segments;
    }

    void pathParameters(Map<String, String> parameters) {
        this.pathParameters = Map.copyOf(parameters);
    }

    /** A path parameter of the matched route. */
    String path(String name) {
        String value = pathParameters.get(name);
        if (value == null) {
            throw new IllegalStateException("no path parameter " + name);
        }
        return value;
    }

    /** A query parameter, or {@code null}. */
    String query(String name) {
        return query.get(name);
    }

    Map<String, String> queryParameters() {
        return query;
    }

    /** A request header, or {@code null}. */
    String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    /** The remote address, for de-duplicating scans; never logged or stored on the ledger. */
    String remoteAddress() {
        return exchange.getRemoteAddress() == null || exchange.getRemoteAddress().getAddress() == null
                ? "unknown"
                : exchange.getRemoteAddress().getAddress().getHostAddress();
    }

    /** Whether the response must close the connection (an oversized body was not read to its end). */
    boolean closeConnection() {
        return closeConnection;
    }

    /**
     * The JSON request body: {@code Content-Type: application/json}, at most the size limit.
     *
     * @throws ApiException 415 for another media type, 413 {@code PAYLOAD_TOO_LARGE} over the limit
     */
    byte[] jsonBody() throws IOException {
        String type = header("Content-Type");
        String media = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!media.equals("application/json")) {
            drain(0);
            throw new ApiException(415, ErrorCode.MALFORMED_REQUEST, "the request body must be application/json");
        }
        String length = header("Content-Length");
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                throw new ApiException(400, ErrorCode.MALFORMED_REQUEST, "Content-Length is not a number");
            }
            if (declared > maxBodyBytes) {
                drain(0);
                throw tooLarge();
            }
        }
        InputStream in = exchange.getRequestBody();
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBodyBytes, 16 * 1024));
        byte[] buffer = new byte[8192];
        int total = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            total += n;
            if (total > maxBodyBytes) {
                drain(total);
                throw tooLarge();
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private ApiException tooLarge() {
        return new ApiException(413, ErrorCode.PAYLOAD_TOO_LARGE,
                "the request body exceeds " + maxBodyBytes + " bytes");
    }

    /** Reads and discards what is left of the body, up to a bound; beyond it the connection is closed. */
    private void drain(long alreadyRead) throws IOException {
        InputStream in = exchange.getRequestBody();
        byte[] buffer = new byte[8192];
        long total = alreadyRead;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            total += n;
            if (total > DRAIN_LIMIT) {
                closeConnection = true;
                return;
            }
        }
    }

    static String shorten(String text) {
        String cut = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
