package org.enverify.jobs;

import com.github.kagkarlsson.scheduler.serializer.Serializer;
import org.enverify.realm.RealmId;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * Job data as JSON rather than Java serialization: readable in the table, and safe to change. A {@link RealmId}
 * is written as its number, the shape payloads had when they carried the bare id, so jobs queued by an older
 * version still run; the {@code {"value": n}} object that mail deliveries were briefly queued with reads too.
 */
final class JsonTaskSerializer implements Serializer {

    private final JsonMapper json = JsonMapper.builder()
            .findAndAddModules()
            .addModule(new SimpleModule("realm-id-as-number")
                    .addSerializer(RealmId.class, new RealmIdWriter())
                    .addDeserializer(RealmId.class, new RealmIdReader()))
            .build();

    @Override
    public byte[] serialize(Object data) {
        return data == null ? null : json.writeValueAsBytes(data);
    }

    @Override
    public <T> T deserialize(Class<T> type, byte[] serialized) {
        return serialized == null || type == Void.class ? null : json.readValue(serialized, type);
    }

    private static final class RealmIdWriter extends ValueSerializer<RealmId> {

        @Override
        public void serialize(RealmId realm, JsonGenerator generator, SerializationContext context) {
            generator.writeNumber(realm.value());
        }
    }

    private static final class RealmIdReader extends ValueDeserializer<RealmId> {

        @Override
        public RealmId deserialize(JsonParser parser, DeserializationContext context) {
            JsonNode node = context.readTree(parser);
            return new RealmId(node.isObject() ? node.path("value").asLong() : node.asLong());
        }
    }
}
