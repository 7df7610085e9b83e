package org.enverify.verify.api;

import java.util.List;
import tools.jackson.databind.JsonNode;

record VerifyRequest(String code, List<String> accept, String nonce, JsonNode padding) {}
