package org.enverify.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * {@code ENVERIFY_X_FILE=/path} stands for {@code ENVERIFY_X} with the file's content, so that
 * Kubernetes and compose secrets mount as files instead of sitting in the environment. A variable
 * set directly wins over its file; a named file that cannot be read stops the start.
 */
class SecretFilesEnvironment implements EnvironmentPostProcessor {

    static final String SOURCE_NAME = "enverifySecretFiles";
    private static final String PREFIX = "ENVERIFY_";
    private static final String SUFFIX = "_FILE";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!(environment.getPropertySources().get(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)
                instanceof EnumerablePropertySource<?> variables)) {
            return;
        }
        Map<String, Object> fromFiles = new LinkedHashMap<>();
        for (String name : variables.getPropertyNames()) {
            if (name.startsWith(PREFIX) && name.endsWith(SUFFIX) && name.length() > PREFIX.length() + SUFFIX.length()) {
                String target = name.substring(0, name.length() - SUFFIX.length());
                if (!variables.containsProperty(target)) {
                    fromFiles.put(target, read(name, String.valueOf(variables.getProperty(name))));
                }
            }
        }
        if (!fromFiles.isEmpty()) {
            environment
                    .getPropertySources()
                    .addAfter(
                            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                            new SystemEnvironmentPropertySource(SOURCE_NAME, fromFiles));
        }
    }

    private static String read(String variable, String path) {
        try {
            return Files.readString(Path.of(path), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalStateException(variable + " names " + path + ", which cannot be read", e);
        }
    }
}
