package org.enverify.events;

import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** The one JSON writer of this package. */
final class EventJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private EventJson() {}

    static String write(Map<String, Object> value) {
        return JSON.writeValueAsString(value);
    }
}
