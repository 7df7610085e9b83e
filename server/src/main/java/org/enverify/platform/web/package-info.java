/** Routes every role serves (health, status, OpenAPI) and the request log. */
@org.springframework.modulith.NamedInterface("web")
package org.enverify.platform.web;
