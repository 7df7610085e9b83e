package org.enverify.verify.api;

import tools.jackson.databind.JsonNode;

record CertificateRequest(String token, String ekeyhmac, JsonNode padding) {}
