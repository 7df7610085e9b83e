package org.enverify.code.api;

import tools.jackson.databind.JsonNode;

record CodeUuidRequest(String uuid, JsonNode padding) {}
