package org.fairmark.cli.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One route: method, path template ({@code /api/v1/batches/{gtin}/{lot}}), whether it needs a bearer token, whether
 * it answers HTML (else JSON) and its handler. The template is also the OpenAPI path, so the route table and
 * {@code openapi.json} can be checked against each other.
 */
record Route(String method, String template, Access access, boolean html, Handler handler) {

    /** Who may call a route. */
    enum Access {
        /** Anyone; the server reads as its reader identity. */
        PUBLIC,
        /** A bearer token bound to a wallet identity; the server acts as that identity. */
        TOKEN
    }

    /** Answers a matched request. */
    @FunctionalInterface
    interface Handler {
        Response handle(Call call, Caller caller) throws Exception;
    }

    Route {
        Objects.requireNonNull(method, "method == null");
        Objects.requireNonNull(template, "template == null");
        Objects.requireNonNull(access, "access == null");
        Objects.requireNonNull(handler, "handler == null");
    }

    /** The template's segments: literals, or {@code {name}} for a parameter. */
    List<String> templateSegments() {
        List<String> result = new ArrayList<>();
        for (String part : template.substring(1).split("/", -1)) {
            if (!part.isEmpty()) {
                result.add(part);
            }
        }
        return result;
    }

    /** The path parameters when {@code segments} fit the template, else {@code null}. */
    Map<String, String> match(List<String> segments) {
        List<String> parts = templateSegments();
        if (parts.size() != segments.size()) {
            return null;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            String segment = segments.get(i);
            if (part.startsWith("{") && part.endsWith("}")) {
                if (segment.isEmpty()) {
                    return null;
                }
                parameters.put(part.substring(1, part.length() - 1), segment);
            } else if (!part.equals(segment)) {
                return null;
            }
        }
        return parameters;
    }
}
