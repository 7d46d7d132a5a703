package dev.jit.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jit.core.events.EventCodec;
import dev.jit.core.events.EventHeader;
import dev.jit.core.events.JitEvent;
import dev.jit.core.events.UnknownEvent;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The served OpenAPI document describes every typed event with the property names the codec writes (the log, the
 * event API and the event stream all go through it), so the three never disagree.
 */
class EventSchemaTest {
    @Test
    void everyRecordOfTheEventHierarchyHasASchemaWithTheFieldsItsLinesHave() throws Exception {
        try (ServerFixture fx = ServerFixture.start()) {
            JsonNode schemas = fx.api.get("/api/openapi.json").json().path("components").path("schemas");
            List<String> eventRefs = new ArrayList<>();
            schemas.path("Event").path("anyOf").forEach(r -> eventRefs.add(r.path("$ref").asText()));
            assertThat(schemas.path("EventList").at("/properties/events/items/$ref").asText())
                    .isEqualTo("#/components/schemas/Event");

            for (Class<?> type : JitEvent.class.getPermittedSubclasses()) {
                String name = type.getSimpleName();
                assertThat(eventRefs).as("Event.anyOf").contains("#/components/schemas/" + name);
                JsonNode schema = schemas.path(name);
                assertThat(schema.isObject()).as("schema %s", name).isTrue();
                if (type == UnknownEvent.class) {
                    continue;
                }
                JitEvent sample = sample(type);
                List<String> written = new ArrayList<>();
                EventCodec.toJson(sample, "human:schema").fieldNames().forEachRemaining(written::add);
                List<String> described = new ArrayList<>();
                schema.path("properties").fieldNames().forEachRemaining(described::add);
                assertThat(described).as("properties of %s", name).containsExactlyElementsOf(written);
                assertThat(schema.at("/properties/type/enum/0").asText()).as(name).isEqualTo(sample.type());
                schema.path("required").forEach(r -> assertThat(written).as("required of %s", name)
                        .contains(r.asText()));
            }
        }
    }

    /** An instance with every field set (optional ones too), so its line has every field the type can have. */
    private static JitEvent sample(Class<?> type) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = value(types[i]);
        }
        return (JitEvent) type.getDeclaredConstructor(types).newInstance(values);
    }

    private static Object value(Class<?> type) {
        if (type == EventHeader.class) {
            return new EventHeader("id", "issue", "2026-01-01T00:00:00Z", null, Map.of());
        } else if (type == String.class) {
            return "x";
        } else if (type == long.class) {
            return 1L;
        } else if (type == Integer.class) {
            return 1;
        } else if (type == boolean.class) {
            return true;
        } else if (type == List.class) {
            return List.of("x");
        } else if (type == Map.class) {
            return Map.of();
        } else if (type.isEnum()) {
            return type.getEnumConstants()[0];
        }
        throw new AssertionError("no sample value for a field of type " + type);
    }
}
