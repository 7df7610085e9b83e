package org.enverify.jobs;

import com.github.kagkarlsson.scheduler.serializer.Serializer;
import tools.jackson.databind.json.JsonMapper;

/** Job data as JSON rather than Java serialization: readable in the table, and safe to change. */
final class JsonTaskSerializer implements Serializer {

    private final JsonMapper json = JsonMapper.builder().findAndAddModules().build();

    @Override
    public byte[] serialize(Object data) {
        return data == null ? null : json.writeValueAsBytes(data);
    }

    @Override
    public <T> T deserialize(Class<T> type, byte[] serialized) {
        return serialized == null || type == Void.class ? null : json.readValue(serialized, type);
    }
}
