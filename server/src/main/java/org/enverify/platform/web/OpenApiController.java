package org.enverify.platform.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The OpenAPI description of the device and admin APIs, as shipped in the jar. */
@RestController
class OpenApiController {

    static final String LOCATION = "openapi/enverify-api.yaml";
    private static final MediaType YAML = MediaType.parseMediaType("application/yaml");

    // Bytes, not a String: a String body would be re-encoded in the converter's default charset.
    private final byte[] document;

    OpenApiController() {
        try (InputStream in = new ClassPathResource(LOCATION).getInputStream()) {
            this.document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("The jar lacks " + LOCATION, e);
        }
    }

    @GetMapping("/openapi.yaml")
    ResponseEntity<byte[]> openApi() {
        return ResponseEntity.ok().contentType(YAML).body(document);
    }
}
