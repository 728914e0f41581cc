package org.fairmark.cli.web;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.fairmark.domain.CanonicalJson;

/** What a handler answers: status, media type, body and extra headers. The server adds the common headers. */
record Response(int status, String contentType, byte[] body, Map<String, String> headers) {
    static final String JSON = "application/json; charset=utf-8";
    static final String HTML = "text/html; charset=utf-8";

    Response {
        Objects.requireNonNull(contentType, "contentType == null");
        Objects.requireNonNull(body, "body == null");
        headers = Map.copyOf(headers);
    }

    /** Canonical JSON of a value: sorted keys, no whitespace, no null fields. */
    static Response json(int status, Object value) {
        return new Response(status, JSON, CanonicalJson.toBytes(value), Map.of());
    }

    static Response html(int status, String page) {
        return new Response(status, HTML, page.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    static Response redirect(String location) {
        return new Response(303, "text/plain; charset=utf-8", new byte[0], Map.of("Location", location));
    }

    Response withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Response(status, contentType, body, more);
    }
}
