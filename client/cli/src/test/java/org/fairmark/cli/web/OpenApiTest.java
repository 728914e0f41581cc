package org.fairmark.cli.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fairmark.devca.Roster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps {@code openapi.json} true: every route documented, nothing documented that is not a route. */
class OpenApiTest {
    static JsonNode document;
    static List<Route> routes;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = Api.class.getResourceAsStream("openapi.json")) {
            document = new ObjectMapper().readTree(in);
        }
        routes = WebServer.builder()
                .clients(name -> {
                    throw new IllegalStateException("no ledger in this test");
                })
                .readerIdentity(Roster.AUDITOR)
                .build()
                .routes();
    }

    static JsonNode operation(Route route) {
        return document.path("paths").path(route.template()).path(route.method().toLowerCase(Locale.ROOT));
    }

    @Test
    void is_openapi_3_1() {
        assertThat(document.path("openapi").asText()).isEqualTo("3.1.0");
        assertThat(document.path("info").path("title").asText()).isNotBlank();
    }

    @Test
    void documents_every_route() {
        assertThat(routes).hasSizeGreaterThan(30);
        for (Route route : routes) {
            assertThat(operation(route).isObject()).as(route.method() + " " + route.template()).isTrue();
            assertThat(operation(route).path("responses").size()).as(route.template()).isPositive();
        }
    }

    @Test
    void documents_no_route_that_does_not_exist() {
        Set<String> served = new HashSet<>();
        for (Route route : routes) {
            served.add(route.method().toLowerCase(Locale.ROOT) + " " + route.template());
        }
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                assertThat(served).contains(method.getKey() + " " + path.getKey());
            }
        }
    }

    @Test
    void token_routes_and_only_they_need_the_bearer_token() {
        for (Route route : routes) {
            JsonNode operation = operation(route);
            String name = route.method() + " " + route.template();
            if (route.access() == Route.Access.TOKEN) {
                assertThat(operation.path("security").toString()).as(name).isEqualTo("[{\"bearer\":[]}]");
                assertThat(operation.path("responses").has("401")).as(name).isTrue();
                if (!route.method().equals("GET")) {
                    assertThat(operation.path("responses").has("403")).as(name).isTrue();
                    assertThat(operation.path("responses").has("413")).as(name).isTrue();
                    assertThat(operation.path("responses").has("422")).as(name).isTrue();
                    assertThat(operation.path("requestBody").path("required").asBoolean()).as(name).isTrue();
                }
            } else {
                assertThat(operation.has("security")).as(name).isFalse();
            }
        }
        assertThat(document.path("components").path("securitySchemes").path("bearer").path("scheme").asText()).isEqualTo("bearer");
    }

    @Test
    void declares_every_path_parameter() {
        Pattern parameter = Pattern.compile("\\{([^}]+)}");
        for (Route route : routes) {
            Set<String> declared = new HashSet<>();
            for (JsonNode node : operation(route).path("parameters")) {
                JsonNode resolved = resolve(node);
                if (resolved.path("in").asText().equals("path")) {
                    declared.add(resolved.path("name").asText());
                    assertThat(resolved.path("required").asBoolean()).isTrue();
                }
            }
            Set<String> inTemplate = new HashSet<>();
            Matcher matcher = parameter.matcher(route.template());
            while (matcher.find()) {
                inTemplate.add(matcher.group(1));
            }
            assertThat(declared).as(route.template()).isEqualTo(inTemplate);
        }
    }

    @Test
    void every_reference_resolves_and_operation_ids_are_unique() {
        List<String> references = new ArrayList<>();
        collect(document, references);
        assertThat(references).isNotEmpty();
        for (String reference : references) {
            assertThat(document.at(reference.substring(1)).isMissingNode()).as(reference).isFalse();
        }
        Set<String> ids = new HashSet<>();
        for (Route route : routes) {
            assertThat(ids.add(operation(route).path("operationId").asText())).as(route.template()).isTrue();
        }
    }

    private static JsonNode resolve(JsonNode node) {
        return node.has("$ref") ? document.at(node.path("$ref").asText().substring(1)) : node;
    }

    private static void collect(JsonNode node, List<String> references) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (field.getKey().equals("$ref")) {
                    references.add(field.getValue().asText());
                } else {
                    collect(field.getValue(), references);
                }
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                collect(element, references);
            }
        }
    }
}
