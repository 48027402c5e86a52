package io.drc.controller.resources;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.drc.controller.api.ErrorBody;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.jaxrs2.Reader;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import jakarta.validation.constraints.NotNull;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The OpenAPI 3.1 document of every {@code /api/v1} endpoint, generated from the JAX-RS resources by swagger-core
 * (their annotations and response records) when the daemon starts, then made exact: swagger-core cannot know that
 * Jackson writes every record component (nulls included), so each record's schema lists all of them as required,
 * allows {@code null} exactly where the component can be null (not a primitive, not marked {@code @NotNull}), and
 * refuses properties it does not name. The
 * API tests validate every response they receive against this document.
 */
public final class OpenApiDocument {
    /** The resources the document describes; the dashboard's page is not part of the API. */
    static final List<Class<?>> RESOURCES = List.of(StatusResource.class, RecoveryPointsResource.class,
            ReplicationResource.class, ExecutionResource.class, ExecutionEventsResource.class, DrillResource.class,
            RpoHistoryResource.class, WhoAmIResource.class, ClusterResource.class, OpenApiResource.class);
    private static final String BEARER = "bearer";

    private OpenApiDocument() {}

    /** The document as JSON. */
    public static String json() {
        try {
            return Json31.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(build());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the OpenAPI document cannot be written", e);
        }
    }

    static OpenAPI build() {
        OpenAPI base = new OpenAPI(io.swagger.v3.oas.models.SpecVersion.V31).openapi("3.1.0")
                .info(new Info().title("drc API").version("1").description("The disaster-recovery controller's "
                        + "REST API. Every call needs Authorization: Bearer <token>; roles viewer < operator < admin. "
                        + "Every 4xx and 5xx body is an ErrorBody."))
                .components(new Components().addSecuritySchemes(BEARER,
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
        SwaggerConfiguration config = new SwaggerConfiguration().openAPI(base).openAPI31(true).prettyPrint(true)
                .sortOutput(true);
        Reader reader = new Reader(config);
        OpenAPI api = reader.read(new LinkedHashSet<>(RESOURCES));
        ModelConverters.getInstance(true).readAll(ErrorBody.class).forEach(api.getComponents()::addSchemas);
        Schema<?> error = new JsonSchema().$ref("#/components/schemas/ErrorBody");
        api.getPaths().values().forEach(path -> path.readOperations().forEach(op -> defaultError(op, error)));
        tighten(api.getComponents().getSchemas(), schemaClasses());
        return api;
    }

    /**
     * Every error is an ErrorBody, whatever its status: operations list their successes, and {@code default} is the
     * error. swagger-core puts a method's return type under {@code default}: that is its 200.
     */
    private static void defaultError(Operation op, Schema<?> error) {
        ApiResponse returned = op.getResponses().getDefault();
        if (returned != null) {
            op.getResponses().addApiResponse("200", returned.description("OK"));
        }
        op.getResponses().setDefault(new ApiResponse().description("an error: code, message, requestId")
                .content(new Content().addMediaType(jakarta.ws.rs.core.MediaType.APPLICATION_JSON,
                        new MediaType().schema(error))));
    }

    /** The record classes behind the components, by the simple names swagger-core gives them. */
    private static Map<String, Class<?>> schemaClasses() {
        Map<String, Class<?>> out = new TreeMap<>();
        List<Class<?>> roots = new ArrayList<>(List.of(ErrorBody.class));
        for (Class<?> resource : RESOURCES) {
            for (java.lang.reflect.Method m : resource.getDeclaredMethods()) {
                if (!m.isAnnotationPresent(jakarta.ws.rs.GET.class) && !m.isAnnotationPresent(jakarta.ws.rs.POST.class)) {
                    continue; // helpers are no operations
                }
                var operation = m.getAnnotation(io.swagger.v3.oas.annotations.Operation.class);
                if (operation != null) {
                    for (var response : operation.responses()) {
                        for (var content : response.content()) {
                            roots.add(content.schema().implementation());
                        }
                    }
                }
                roots.add(m.getReturnType());
            }
        }
        roots.forEach(c -> collect(c, out));
        return out;
    }

    private static void collect(Class<?> type, Map<String, Class<?>> out) {
        if (!type.isRecord() || out.putIfAbsent(type.getSimpleName(), type) != null) {
            return;
        }
        for (RecordComponent c : type.getRecordComponents()) {
            collect(c.getType(), out);
            if (c.getGenericType() instanceof ParameterizedType p) {
                for (Type arg : p.getActualTypeArguments()) {
                    if (arg instanceof Class<?> k) {
                        collect(k, out);
                    }
                }
            }
        }
    }

    private static void tighten(Map<String, Schema> schemas, Map<String, Class<?>> classes) {
        classes.forEach((name, type) -> {
            Schema<?> schema = schemas.get(name);
            if (schema == null) {
                throw new IllegalStateException("no schema " + name + " in the OpenAPI document for " + type);
            }
            boolean nonNull = type.isAnnotationPresent(JsonInclude.class)
                    && type.getAnnotation(JsonInclude.class).value() == JsonInclude.Include.NON_NULL;
            Map<String, RecordComponent> components = new HashMap<>();
            for (RecordComponent c : type.getRecordComponents()) {
                if (c.getAccessor().isAnnotationPresent(JsonUnwrapped.class)) {
                    for (RecordComponent inner : c.getType().getRecordComponents()) {
                        components.put(inner.getName(), inner);
                    }
                } else {
                    components.put(c.getName(), c);
                }
            }
            Map<String, Schema> properties = schema.getProperties() == null ? Map.of() : schema.getProperties();
            if (!properties.keySet().equals(components.keySet())) {
                throw new IllegalStateException("schema " + name + " has properties " + properties.keySet()
                        + " but " + type.getName() + " writes " + components.keySet());
            }
            List<String> required = new ArrayList<>();
            properties.replaceAll((property, s) -> {
                RecordComponent c = components.get(property);
                // never null: a primitive, or a component the record marks @NotNull (its constructors never pass null)
                boolean always = c.getType().isPrimitive() || c.getAccessor().isAnnotationPresent(NotNull.class);
                if (always || !nonNull) {
                    required.add(property);
                }
                return always || nonNull ? s : nullable(s, c.getType());
            });
            schema.setRequired(required.stream().sorted().toList());
            schema.setAdditionalProperties(Boolean.FALSE);
        });
    }

    /** The same schema, also allowing {@code null}; a JSON tree allows anything already. */
    private static Schema<?> nullable(Schema<?> s, Class<?> type) {
        if (JsonNode.class.isAssignableFrom(type)) {
            return s;
        }
        if (s.get$ref() != null) {
            return new JsonSchema().anyOf(List.of(s, new JsonSchema().types(Set.of("null"))));
        }
        Set<String> types = new LinkedHashSet<>(s.getTypes() == null ? Set.of() : s.getTypes());
        types.add("null");
        s.setTypes(types);
        if (s.getEnum() != null && !s.getEnum().contains(null)) {
            @SuppressWarnings("unchecked") List<Object> values = new ArrayList<>((List<Object>) s.getEnum());
            values.add(null);
            ((Schema<Object>) s).setEnum(values);
        }
        return s;
    }
}
