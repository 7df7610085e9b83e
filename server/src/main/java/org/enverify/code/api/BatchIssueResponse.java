package org.enverify.code.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Items keep request order; each is an {@link IssueCodeResponse} or a {@link BatchItemError}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record BatchIssueResponse(List<Object> codes, String error, String errorCode, String padding) {}
