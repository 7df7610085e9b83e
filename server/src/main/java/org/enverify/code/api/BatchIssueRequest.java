package org.enverify.code.api;

import java.util.List;
import tools.jackson.databind.JsonNode;

record BatchIssueRequest(List<IssueCodeRequest> codes, JsonNode padding) {}
